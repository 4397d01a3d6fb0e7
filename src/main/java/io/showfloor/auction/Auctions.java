package io.showfloor.auction;

import io.showfloor.notify.Notify;
import io.showfloor.platform.DemoSeed;
import io.showfloor.platform.Domain;
import io.showfloor.platform.IdempotentResult;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.infra.OnePass;
import io.showfloor.realtime.SocketApi;
import io.showfloor.show.ShowAccess;
import io.showfloor.show.ShowLotsQuery;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Live auctions: lots on a show's run sheet, bids, buy-now and closing on time. */
public final class Auctions implements Domain {
  private final Vertx vertx;
  private final AuctionSettings settings;
  private final LotDeadlines deadlines;
  private final LotService lots;
  private final BidService bids;
  private final LotCloser closer;
  private final FlashSaleService flashSales;
  private final GiveawayService giveaways;
  private final UnpaidLots unpaid;
  private final RunnerUpOffers offers;

  public Auctions(Platform platform, ShowAccess showAccess, SaleOrders orders, Notify notify) {
    this.vertx = platform.vertx();
    this.settings = AuctionSettings.from(platform.settings());
    AuctionNotices notices =
        new AuctionNotices(
            platform.db(), notify.notifications(), notify.outbox(), settings.publicUrl());
    ShowGate shows = new ShowGate(platform.db(), showAccess);
    LotEvents events = new LotEvents(platform.events());
    CallerPace pace = new CallerPace(platform.rateLimiter(), settings.bidsPer10Seconds());
    this.deadlines = new LotDeadlines(platform.vertx(), platform.db());
    this.lots = new LotService(platform.db(), shows, orders, events, deadlines);
    this.bids =
        new BidService(
            platform.db(),
            pace,
            events,
            deadlines,
            notices,
            orders,
            settings.bidTransactionsInFlight(),
            platform.metrics());
    platform
        .polledCounts()
        .register(
            "showfloor.lots.open",
            "Lots open for bids (the whole cluster)",
            "SELECT count(*) FROM lots WHERE status = 'open'");
    this.closer = new LotCloser(platform.db(), orders, events, notices);
    this.flashSales = new FlashSaleService(platform.db(), shows, orders, platform.events(), pace);
    this.giveaways = new GiveawayService(platform.db(), shows, orders, platform.events());
    this.unpaid = new UnpaidLots(platform.db(), events, notices);
    this.offers =
        new RunnerUpOffers(
            platform.db(), shows, orders, events, notices, settings.runnerUpOfferSeconds());
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(new AuctionEndpoints(lots, bids, offers, flashSales, giveaways));
  }

  @Override
  public List<DemoSeed> demoSeeds() {
    return List.of(PastLotsDemo.seed());
  }

  @Override
  public Future<Void> start() {
    long sweepMillis = settings.sweepMillis();
    return vertx
        .deployVerticle(
            new VerticleBase() {
              @Override
              public Future<?> start() {
                deadlines.start(closer, sweepMillis);
                vertx.setPeriodic(sweepMillis, id -> giveaways.drawDue());
                // won lots whose order was paid, or cancelled by its window's end or the seller
                // (see UnpaidLots)
                OnePass unpaidSweep = new OnePass("Unpaid-lot sweep", 60_000, unpaid::sweep);
                vertx.setPeriodic(settings.unpaidSweepMillis(), id -> unpaidSweep.run());
                return Future.all(
                    SocketApi.onSnapshot(vertx, "lot", request -> lots.get(request.idAsLong()))
                        .completion(),
                    // a show's replay lists its lots with their results
                    vertx
                        .eventBus()
                        .<JsonObject>localConsumer(
                            ShowLotsQuery.ADDRESS,
                            message ->
                                lots.list(ShowLotsQuery.fromJson(message.body()).showId())
                                    .onSuccess(list -> message.reply(list.getJsonArray("lots")))
                                    .onFailure(e -> message.fail(404, e.getMessage())))
                        .completion(),
                    // the same bid path as POST /api/lots/{id}/bids; the frame's ref is the
                    // idempotency key
                    SocketApi.onOp(
                            vertx,
                            "bid",
                            "trade",
                            op ->
                                op.verifiedUser()
                                    .compose(
                                        caller ->
                                            bids.place(caller, BidRequest.fromFrame(op.frame())))
                                    .map(IdempotentResult::value))
                        .completion());
              }

              @Override
              public Future<?> stop() {
                deadlines.stop();
                return Future.succeededFuture();
              }
            })
        .mapEmpty();
  }
}
