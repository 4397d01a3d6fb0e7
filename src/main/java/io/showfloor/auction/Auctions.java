package io.showfloor.auction;

import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.infra.PolledCount;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.notify.Notify;
import io.showfloor.realtime.SocketApi;
import io.showfloor.show.ShowAccess;
import io.showfloor.platform.infra.OnePass;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Live auctions: lots on a show's run sheet, bids, buy-now and closing on time. */
public final class Auctions implements Domain {
  private final Platform platform;
  private final LotDeadlines deadlines;
  private final LotService lots;
  private final BidService bids;
  private final LotCloser closer;
  private final FlashSaleService flashSales;
  private final GiveawayService giveaways;
  private final UnpaidLots unpaid;
  private final RunnerUpOffers offers;

  public Auctions(Platform platform, ShowAccess showAccess, SaleOrders orders, Notify notify) {
    this.platform = platform;
    AuctionNotices notices = new AuctionNotices(platform.db(), notify.notifications(), notify.outbox(),
        platform.settings().string("http.publicUrl", "http://localhost:8080"));
    ShowGate shows = new ShowGate(platform.db(), showAccess);
    LotEvents events = new LotEvents(platform.events());
    this.deadlines = new LotDeadlines(platform.vertx(), platform.db());
    this.lots = new LotService(platform.db(), shows, orders, events, deadlines);
    this.bids = new BidService(platform.db(), events, deadlines, notices, orders, platform.metrics());
    PolledCount.register(platform, "showfloor.lots.open", "Lots open for bids (the whole cluster)",
        "SELECT count(*) FROM lots WHERE status = 'open'");
    this.closer = new LotCloser(platform.db(), orders, events, notices);
    this.flashSales = new FlashSaleService(platform.db(), shows, orders, platform.events());
    this.giveaways = new GiveawayService(platform.db(), shows, orders, platform.events());
    this.unpaid = new UnpaidLots(platform.db(), events, notices);
    this.offers = new RunnerUpOffers(platform.db(), shows, orders, events, notices,
        platform.settings().longValue("auctions.runnerUpOfferHours", 24) * 3600);
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(new AuctionRoutes(lots, bids, offers, flashSales, giveaways, platform.rateLimiter(),
        platform.settings().integer("auctions.bidsPer10Seconds", 50)));
  }

  @Override
  public Future<Void> start() {
    long sweepMillis = platform.settings().longValue("auctions.sweepMillis", 250);
    return platform.vertx().deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        deadlines.start(closer, sweepMillis);
        vertx.setPeriodic(sweepMillis, id -> giveaways.drawDue());
        // won lots whose order was paid, or cancelled by its window's end or the seller (see UnpaidLots)
        long unpaidMillis = platform.settings().longValue("auctions.unpaidSweepMillis", 1000);
        OnePass unpaidSweep = new OnePass("Unpaid-lot sweep", 60_000, unpaid::sweep);
        vertx.setPeriodic(unpaidMillis, id -> unpaidSweep.run());
        int bidsPer10Seconds = platform.settings().integer("auctions.bidsPer10Seconds", 50);
        return Future.all(
            SocketApi.onSnapshot(vertx, "lot", request -> lots.get(request.idAsLong())).completion(),
            // a show's replay lists its lots with their results
            vertx.eventBus().<JsonObject>localConsumer("show.lots", message -> lots.list(message.body().getLong("showId"))
                .onSuccess(list -> message.reply(list.getJsonArray("lots")))
                .onFailure(e -> message.fail(404, e.getMessage()))).completion(),
            SocketApi.onOp(vertx, "bid", op -> op.verifiedUser().compose(caller -> {
              BidFrame bid = BidFrame.parse(op.frame());
              return platform.rateLimiter().check("bid:" + caller.userId(), bidsPer10Seconds, 10)
                  .compose(v -> bids.place(caller, bid.lotId(), bid.amountCents(), bid.maxAmountCents(), bid.idempotencyKey()))
                  .map(reply -> (JsonObject) reply.body());
            })).completion());
      }

      @Override
      public Future<?> stop() {
        deadlines.stop();
        return Future.succeededFuture();
      }
    }).mapEmpty();
  }
}
