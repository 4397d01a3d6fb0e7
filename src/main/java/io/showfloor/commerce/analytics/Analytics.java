package io.showfloor.commerce.analytics;

import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Sales and platform analytics for charts, computed from the database on request: orders,
 * refunds, ledger entries, users, shows and market trades. Amounts are integer cents, buckets UTC.
 */
public final class Analytics implements Domain {
  private final SellerAnalytics sellers;
  private final PlatformAnalytics platformWide;
  private final Platform platform;

  public Analytics(Platform platform) {
    this.platform = platform;
    this.sellers = new SellerAnalytics(platform.db());
    this.platformWide = new PlatformAnalytics(platform.db());
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(api -> {
      api.on("getSellerAnalytics", req -> req.withRole("seller")
          .compose(seller -> range(req).compose(range -> sellers.of(seller.userId(), range))).map(Reply::ok));
      api.on("getPlatformAnalytics", req -> req.withRole("admin")
          .compose(admin -> range(req).compose(platformWide::of)).map(Reply::ok));
    });
  }

  private static Future<AnalyticsRange> range(ApiRequest req) {
    // the query runs against the database's data; the default window ends at this node's clock, good to the second
    return Future.succeededFuture(AnalyticsRange.parse(req.query("from"), req.query("to"), req.query("bucket"),
        Instant.now()));
  }

  static JsonObject envelope(AnalyticsRange range) {
    return new JsonObject().put("from", range.from().toString()).put("to", range.to().toString())
        .put("bucket", range.bucket().name().toLowerCase()).put("currency", "usd");
  }
}
