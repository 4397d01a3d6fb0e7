package io.showfloor.commerce.catalog;

import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * One item, sold once: a product is either sold whole (carts, lots, flash sales, giveaways,
 * orders) or listed as market shares, never both. Both sides ask here, so the rule has one home;
 * it reads the market's and the auctions' rows by product id, which is the one fact they share.
 */
public final class SoldOnce {
  /** True while a pending or trading instrument is backed by the product ($1). */
  public static final String BACKS_INSTRUMENT = """
      EXISTS (SELECT 1 FROM market_instruments mi WHERE mi.product_id = $1 AND mi.status IN ('pending', 'approved'))""";
  private static final String FRACTIONALIZED = "SELECT " + BACKS_INSTRUMENT + " AS fractionalized";
  // units held for buyers: in a cart, on a lot not yet settled, in an open flash sale or giveaway,
  // or in an order not yet shipped
  private static final String RESERVED = """
      SELECT EXISTS (SELECT 1 FROM cart_items WHERE product_id = $1)
          OR EXISTS (SELECT 1 FROM lots WHERE product_id = $1
                     AND (status IN ('queued', 'open', 'offered') OR (status = 'sold' AND awaiting_payment)))
          OR EXISTS (SELECT 1 FROM flash_sales WHERE product_id = $1 AND status = 'open')
          OR EXISTS (SELECT 1 FROM giveaways WHERE product_id = $1 AND status = 'open')
          OR EXISTS (SELECT 1 FROM order_lines l JOIN orders o ON o.id = l.order_id
                     WHERE l.product_id = $1 AND o.status IN ('pending_payment', 'paid'))
        AS reserved""";

  private SoldOnce() {}

  /** Whether the product backs a pending or trading market instrument. */
  public static Future<Boolean> fractionalized(SqlClient client, long productId) {
    return client.preparedQuery(FRACTIONALIZED).execute(Tuple.of(productId))
        .map(rows -> rows.iterator().next().getBoolean("fractionalized"));
  }

  /** Whether some of the product's units are held for buyers (carts, lots, sales, giveaways, open orders). */
  public static Future<Boolean> reserved(SqlClient client, long productId) {
    return client.preparedQuery(RESERVED).execute(Tuple.of(productId))
        .map(rows -> rows.iterator().next().getBoolean("reserved"));
  }

  /** Fails with 409 item_fractionalized when the product backs an instrument. */
  public static Future<Void> requireWhole(SqlClient client, long productId) {
    return fractionalized(client, productId).compose(f -> f ? Future.failedFuture(fractionalizedError(productId))
        : Future.succeededFuture());
  }

  public static Refused fractionalizedError(long productId) {
    return Refused.conflict("item_fractionalized", "Product " + productId
        + " is listed as market shares; it can only be traded on the market (or redeemed by a holder of every share)");
  }
}
