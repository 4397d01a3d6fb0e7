package io.showfloor.commerce.analytics;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import java.time.Instant;

/** GET /api/seller/analytics for sellers and GET /api/admin/analytics for admins. */
record AnalyticsEndpoints(SellerAnalytics sellers, PlatformAnalytics platformWide)
    implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "getSellerAnalytics",
        req ->
            req.withRole("seller")
                .compose(seller -> range(req).compose(range -> sellers.of(seller.userId(), range)))
                .map(Reply::ok));
    api.on(
        "getPlatformAnalytics",
        req ->
            req.withRole("admin")
                .compose(admin -> range(req).compose(platformWide::of))
                .map(Reply::ok));
  }

  private static Future<AnalyticsRange> range(ApiRequest req) {
    // the query runs against the database's data; the default window ends at this node's clock,
    // good to the second
    return Future.succeededFuture(
        AnalyticsRange.parse(
            req.query("from"), req.query("to"), req.query("bucket"), Instant.now()));
  }
}
