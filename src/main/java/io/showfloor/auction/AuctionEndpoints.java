package io.showfloor.auction;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.IdempotentReplies;
import io.showfloor.platform.http.Reply;
import io.vertx.core.json.JsonArray;
import java.util.List;

/**
 * The auction operations of the contract: each reads the request, calls a service, and says how its
 * result is shown.
 */
final class AuctionEndpoints implements ApiRoutes {
  private final LotService lots;
  private final BidService bids;
  private final RunnerUpOffers offers;
  private final FlashSaleService flashSales;
  private final GiveawayService giveaways;

  AuctionEndpoints(
      LotService lots,
      BidService bids,
      RunnerUpOffers offers,
      FlashSaleService flashSales,
      GiveawayService giveaways) {
    this.lots = lots;
    this.bids = bids;
    this.offers = offers;
    this.flashSales = flashSales;
    this.giveaways = giveaways;
  }

  @Override
  public void mount(Api api) {
    api.on(
        "createLot",
        req ->
            req.user()
                .compose(caller -> lots.create(caller, req.pathLong("showId"), req.body()))
                .map(Reply::created));
    api.on("listLots", req -> lots.list(req.pathLong("showId")).map(Reply::ok));
    api.on(
        "reorderLots",
        req ->
            req.user()
                .compose(
                    caller ->
                        lots.reorder(
                            caller,
                            req.pathLong("showId"),
                            longs(req.body().getJsonArray("lotIds"))))
                .map(Reply::ok));
    api.on("getLot", req -> lots.get(req.pathLong("id")).map(Reply::ok));
    api.on(
        "startLot",
        req -> req.user().compose(caller -> lots.start(caller, req.pathLong("id"))).map(Reply::ok));
    api.on(
        "cancelLot",
        req ->
            req.user().compose(caller -> lots.cancel(caller, req.pathLong("id"))).map(Reply::ok));
    // a replayed bid answers the stored answer as it was, without the Idempotent-Replayed header
    // (docs/API.md)
    api.on(
        "placeBid",
        req -> {
          String key = req.idempotencyKey();
          return req.verifiedUser()
              .compose(
                  caller -> bids.place(caller, BidRequest.of(req.pathLong("id"), req.body(), key)))
              .map(placed -> Reply.created(placed.value()));
        });
    api.on(
        "listBids",
        req ->
            bids.history(
                    req.pathLong("id"),
                    req.query("before") == null ? null : req.queryLong("before", 0),
                    (int) req.queryLong("limit", 50))
                .map(Reply::ok));
    api.on(
        "offerToRunnerUp",
        req -> {
          String key = req.idempotencyKey();
          return req.user()
              .compose(caller -> offers.offer(caller, req.pathLong("id"), key))
              .map(IdempotentReplies::created);
        });
    api.on(
        "declineRunnerUpOffer",
        req ->
            req.user()
                .compose(caller -> offers.decline(caller, req.pathLong("id")))
                .map(Reply::ok));
    api.on(
        "buyNow",
        req ->
            req.verifiedUser()
                .compose(caller -> lots.buyNow(caller, req.pathLong("id")))
                .map(Reply::ok));

    api.on(
        "pinFlashSale",
        req ->
            req.user()
                .compose(caller -> flashSales.pin(caller, req.pathLong("showId"), req.body()))
                .map(Reply::created));
    api.on("getFlashSale", req -> flashSales.get(req.pathLong("id")).map(Reply::ok));
    api.on(
        "buyFlashSale",
        req -> {
          String key = req.idempotencyKey();
          return req.verifiedUser()
              .compose(
                  caller ->
                      flashSales.buy(
                          caller, req.pathLong("id"), req.body().getInteger("quantity"), key))
              // like a bid, a replayed purchase answers as it was, without the Idempotent-Replayed
              // header
              .map(bought -> Reply.created(bought.value()));
        });
    api.on(
        "endFlashSale",
        req ->
            req.user()
                .compose(caller -> flashSales.end(caller, req.pathLong("id")))
                .map(Reply::ok));

    api.on(
        "createGiveaway",
        req ->
            req.user()
                .compose(caller -> giveaways.create(caller, req.pathLong("showId"), req.body()))
                .map(Reply::created));
    api.on("getGiveaway", req -> giveaways.get(req.pathLong("id")).map(Reply::ok));
    api.on(
        "enterGiveaway",
        req ->
            req.verifiedUser()
                .compose(caller -> giveaways.enter(caller, req.pathLong("id")))
                .map(Reply::created));
    api.on(
        "listGiveawayEntries",
        req ->
            giveaways
                .entries(
                    req.pathLong("id"), req.queryLong("after", 0), (int) req.queryLong("limit", 50))
                .map(Reply::ok));
  }

  private static List<Long> longs(JsonArray array) {
    return array.stream().map(v -> ((Number) v).longValue()).toList();
  }
}
