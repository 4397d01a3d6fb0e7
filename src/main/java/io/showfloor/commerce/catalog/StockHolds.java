package io.showfloor.commerce.catalog;

import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Units a show sale (a lot, a flash sale, a giveaway) holds back from the catalogue while it is
 * offered, so the shop cannot sell them meanwhile; handed back when the sale ends unsold or when
 * the unit is taken again by the sale's order. On the caller's connection, in its transaction.
 */
public final class StockHolds {
  private static final String HOLD =
      "UPDATE products SET stock = stock - $2 WHERE id = $1 AND stock >= $2";
  private static final String RELEASE = "UPDATE products SET stock = stock + $2 WHERE id = $1";

  private StockHolds() {}

  /**
   * Holds {@code quantity} units, or fails 409 {@code out_of_stock}; never a market-listed item.
   */
  public static Future<Void> hold(SqlConnection conn, long productId, int quantity) {
    // a product listed as shares is sold only on the market
    return SoldOnce.lockWhole(conn, productId)
        .compose(whole -> conn.preparedQuery(HOLD).execute(Tuple.of(productId, quantity)))
        .compose(
            rows ->
                rows.rowCount() == 1
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        Refused.conflict("out_of_stock", "Not enough of this product in stock")));
  }

  public static Future<Void> release(SqlConnection conn, long productId, int quantity) {
    return conn.preparedQuery(RELEASE).execute(Tuple.of(productId, quantity)).mapEmpty();
  }
}
