package io.showfloor.commerce.analytics;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;

/**
 * A seller's own sales per bucket. A sale counts in the bucket it was paid in (gross = items +
 * shipping, before loyalty discounts, which the platform pays); a refund counts in the bucket the
 * provider confirmed it in. Refunded orders stay counted as sales: refunds are their own line.
 */
final class SellerAnalytics {
  private static final int TOP_PRODUCTS = 5;
  private static final String SALES =
      """
      SELECT date_trunc($4, o.paid_at AT TIME ZONE 'UTC') AS bucket, COUNT(*) AS orders,
             SUM(o.items_cents + o.shipping_cents) AS gross,
             SUM((SELECT SUM(l.quantity) FROM order_lines l WHERE l.order_id = o.id)) AS units
      FROM orders o
      WHERE o.seller_id = $1 AND o.paid_at >= $2 AND o.paid_at < $3
      GROUP BY 1""";
  private static final String REFUNDS =
      """
      SELECT date_trunc($4, r.completed_at AT TIME ZONE 'UTC') AS bucket, SUM(r.amount_cents) AS refunds
      FROM refunds r JOIN orders o ON o.id = r.order_id
      WHERE o.seller_id = $1 AND r.status = 'succeeded' AND r.completed_at >= $2 AND r.completed_at < $3
      GROUP BY 1""";
  private static final String TOP =
      """
      SELECT l.product_id, MAX(l.title) AS title, SUM(l.quantity) AS units, SUM(l.line_cents) AS gross
      FROM orders o JOIN order_lines l ON l.order_id = o.id
      WHERE o.seller_id = $1 AND o.paid_at >= $2 AND o.paid_at < $3
      GROUP BY l.product_id ORDER BY gross DESC, units DESC, l.product_id LIMIT $4""";

  private final Database db;

  SellerAnalytics(Database db) {
    this.db = db;
  }

  Future<JsonObject> of(long sellerId, AnalyticsRange range) {
    Tuple window = Tuple.of(sellerId, range.fromUtc(), range.toUtc(), range.bucket().sqlField());
    var sales = db.query(SALES, window);
    var refunds = db.query(REFUNDS, window);
    var top = db.query(TOP, Tuple.of(sellerId, range.fromUtc(), range.toUtc(), TOP_PRODUCTS));
    return Future.all(sales, refunds, top)
        .map(
            done -> {
              BucketSeries series =
                  new BucketSeries(
                          range,
                          List.of(
                              "grossSalesCents",
                              "orders",
                              "units",
                              "refundsCents",
                              "averageOrderValueCents"))
                      .add(sales.result(), "gross", "grossSalesCents")
                      .add(sales.result(), "orders", "orders")
                      .add(sales.result(), "units", "units")
                      .add(refunds.result(), "refunds", "refundsCents");
              for (Instant start : series.starts()) {
                series.set(
                    start,
                    "averageOrderValueCents",
                    BucketSeries.average(
                        series.value(start, "grossSalesCents"), series.value(start, "orders")));
              }
              JsonArray products = new JsonArray();
              for (Row row : top.result()) {
                products.add(
                    new JsonObject()
                        .put("productId", row.getLong("product_id"))
                        .put("title", row.getString("title"))
                        .put("units", row.getLong("units"))
                        .put("grossSalesCents", row.getLong("gross")));
              }
              long gross = series.total("grossSalesCents");
              long orders = series.total("orders");
              JsonObject totals =
                  new JsonObject()
                      .put("grossSalesCents", gross)
                      .put("orders", orders)
                      .put("units", series.total("units"))
                      .put("refundsCents", series.total("refundsCents"))
                      .put("averageOrderValueCents", BucketSeries.average(gross, orders));
              return Analytics.envelope(range)
                  .put("sellerId", sellerId)
                  .put("buckets", series.toJson())
                  .put("totals", totals)
                  .put("topProducts", products);
            });
  }
}
