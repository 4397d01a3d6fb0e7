package io.showfloor.commerce.analytics;

import io.showfloor.platform.Domain;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.infra.Database;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Sales and platform analytics for charts, computed from the database on request: orders, refunds,
 * ledger entries, users, shows and market trades. Amounts are integer cents, buckets UTC.
 */
public final class Analytics implements Domain {
  private final SellerAnalytics sellers;
  private final PlatformAnalytics platformWide;

  public Analytics(Database db, SubscriberFigures subscriptions) {
    this.sellers = new SellerAnalytics(db);
    this.platformWide = new PlatformAnalytics(db, subscriptions);
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(new AnalyticsEndpoints(sellers, platformWide));
  }

  static JsonObject envelope(AnalyticsRange range) {
    return new JsonObject()
        .put("from", range.from().toString())
        .put("to", range.to().toString())
        .put("bucket", range.bucket().name().toLowerCase())
        .put("currency", "usd");
  }
}
