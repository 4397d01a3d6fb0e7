package io.showfloor.market;

import io.showfloor.market.trading.BookCommand;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;

/** Listing, approval, phases, redemption and the operator's rebuild: /api/market/instruments… */
final class InstrumentEndpoints implements ApiRoutes {
  private final RateLimiter rateLimiter;
  private final MarketSettings settings;
  private final Instruments instruments;
  private final BookClient books;
  private final Redemptions redemptions;

  InstrumentEndpoints(
      RateLimiter rateLimiter,
      MarketSettings settings,
      Instruments instruments,
      BookClient books,
      Redemptions redemptions) {
    this.redemptions = redemptions;
    this.rateLimiter = rateLimiter;
    this.settings = settings;
    this.instruments = instruments;
    this.books = books;
  }

  @Override
  public void mount(Api api) {
    api.on("createInstrument", this::create);
    api.on("listInstruments", this::list);
    api.on(
        "getInstrument",
        req ->
            req.caller()
                .compose(caller -> instruments.visible(caller, req.path("symbol")))
                .map(instrument -> Reply.ok(instrument.toJson())));
    api.on(
        "approveInstrument",
        req ->
            req.withRole("admin")
                .compose(admin -> instruments.approve(admin, req.path("symbol"), req.body()))
                .map(instrument -> Reply.ok(instrument.toJson())));
    api.on(
        "rejectInstrument",
        req ->
            req.withRole("admin")
                .compose(admin -> instruments.reject(req.path("symbol")))
                .map(instrument -> Reply.ok(instrument.toJson())));
    api.on(
        "setInstrumentPhase",
        req ->
            req.withRole("admin")
                .compose(
                    admin ->
                        books.send(
                            req.path("symbol"),
                            new BookCommand.PhaseChange(
                                Phase.parse(req.body().getString("phase")),
                                "admin:" + admin.userId())))
                .map(MarketOrderEndpoints::reply));
    api.on(
        "redeemInstrument",
        req ->
            req.verifiedUser()
                .compose(caller -> redemptions.redeem(caller, req.path("symbol")))
                .map(Reply::ok));
    api.on(
        "rebuildInstrumentBook",
        req ->
            req.withRole("admin")
                .compose(admin -> books.send(req.path("symbol"), new BookCommand.Rebuild()))
                .map(MarketOrderEndpoints::reply));
  }

  private Future<Reply> create(ApiRequest req) {
    return req.withRole("seller")
        .compose(seller -> req.verifiedUser())
        .compose(
            seller ->
                rateLimiter
                    .check(
                        "market-listing:" + seller.userId(),
                        settings.listingsPerHourPerSeller(),
                        3600)
                    .compose(v -> instruments.list(seller, req.body())))
        .map(instrument -> Reply.created(instrument.toJson()));
  }

  private Future<Reply> list(ApiRequest req) {
    int limit = (int) req.queryLong("limit", 50);
    return req.caller()
        .compose(caller -> instruments.page(caller, req.query("status"), req.query("after"), limit))
        .map(Reply::ok);
  }
}
