package io.showfloor.auction;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.json.JsonArray;
import java.util.List;

/** The auction operations of the contract. */
final class AuctionRoutes implements ApiRoutes {
  /** Per bidder; generous for a human, tight for a script hammering a lot. */
  private final int bidsPer10Seconds;
  private final LotService lots;
  private final BidService bids;
  private final RunnerUpOffers offers;
  private final FlashSaleService flashSales;
  private final GiveawayService giveaways;
  private final RateLimiter limits;

  AuctionRoutes(LotService lots, BidService bids, RunnerUpOffers offers, FlashSaleService flashSales, GiveawayService giveaways,
                RateLimiter limits, int bidsPer10Seconds) {
    this.flashSales = flashSales;
    this.giveaways = giveaways;
    this.bidsPer10Seconds = bidsPer10Seconds;
    this.lots = lots;
    this.bids = bids;
    this.offers = offers;
    this.limits = limits;
  }

  @Override
  public void mount(Api api) {
    api.on("createLot", req -> req.user()
        .compose(caller -> lots.create(caller, req.pathLong("showId"), req.body()))
        .map(Reply::created));
    api.on("listLots", req -> lots.list(req.pathLong("showId")).map(Reply::ok));
    api.on("reorderLots", req -> req.user()
        .compose(caller -> lots.reorder(caller, req.pathLong("showId"), longs(req.body().getJsonArray("lotIds"))))
        .map(Reply::ok));
    api.on("getLot", req -> lots.get(req.pathLong("id")).map(Reply::ok));
    api.on("startLot", req -> req.user().compose(caller -> lots.start(caller, req.pathLong("id"))).map(Reply::ok));
    api.on("cancelLot", req -> req.user().compose(caller -> lots.cancel(caller, req.pathLong("id"))).map(Reply::ok));
    api.on("placeBid", req -> {
      String key = req.idempotencyKey();
      return req.verifiedUser()
          .compose(caller -> limits.check("bid:" + caller.userId(), bidsPer10Seconds, 10).map(caller))
          .compose(caller -> bids.place(caller, req.pathLong("id"), req.body().getLong("amountCents"),
              req.body().getLong("maxAmountCents"), key));
    });
    api.on("listBids", req -> bids.history(req.pathLong("id"),
            req.query("before") == null ? null : req.queryLong("before", 0),
            (int) req.queryLong("limit", 50))
        .map(Reply::ok));
    api.on("offerToRunnerUp", req -> {
      String key = req.idempotencyKey();
      return req.user().compose(caller -> offers.offer(caller, req.pathLong("id"), key));
    });
    api.on("declineRunnerUpOffer", req -> req.user()
        .compose(caller -> offers.decline(caller, req.pathLong("id"))).map(Reply::ok));
    api.on("buyNow", req -> req.verifiedUser().compose(caller -> lots.buyNow(caller, req.pathLong("id"))).map(Reply::ok));

    api.on("pinFlashSale", req -> req.user()
        .compose(caller -> flashSales.pin(caller, req.pathLong("showId"), req.body())).map(Reply::created));
    api.on("getFlashSale", req -> flashSales.get(req.pathLong("id")).map(Reply::ok));
    api.on("buyFlashSale", req -> {
      String key = req.idempotencyKey();
      return req.verifiedUser()
          .compose(caller -> limits.check("buy:" + caller.userId(), bidsPer10Seconds, 10).map(caller))
          .compose(caller -> flashSales.buy(caller, req.pathLong("id"), req.body().getInteger("quantity"), key))
          .map(Reply::created);
    });
    api.on("endFlashSale", req -> req.user().compose(caller -> flashSales.end(caller, req.pathLong("id"))).map(Reply::ok));

    api.on("createGiveaway", req -> req.user()
        .compose(caller -> giveaways.create(caller, req.pathLong("showId"), req.body())).map(Reply::created));
    api.on("getGiveaway", req -> giveaways.get(req.pathLong("id")).map(Reply::ok));
    api.on("enterGiveaway", req -> req.verifiedUser()
        .compose(caller -> giveaways.enter(caller, req.pathLong("id"))).map(Reply::created));
    api.on("listGiveawayEntries", req -> giveaways.entries(req.pathLong("id"), req.queryLong("after", 0),
        (int) req.queryLong("limit", 50)).map(Reply::ok));
  }

  private static List<Long> longs(JsonArray array) {
    return array.stream().map(v -> ((Number) v).longValue()).toList();
  }
}
