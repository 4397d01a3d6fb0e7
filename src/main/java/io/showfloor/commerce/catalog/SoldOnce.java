package io.showfloor.commerce.catalog;

import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * One item, sold once: a product is either sold whole (carts, lots, flash sales, giveaways, orders)
 * or listed as market shares, never both. Both sides ask here, so the rule has one home; it reads
 * the market's and the auctions' rows by product id, which is the one fact they share.
 *
 * <p>Race-proof through the product's row lock: a whole sale takes {@code FOR KEY SHARE} (whole
 * sales do not wait for each other) and a listing {@code FOR UPDATE} (which waits for every whole
 * sale in flight and holds them off), each before its check, and the check is a later statement, so
 * under READ COMMITTED it sees what the other side committed while it waited. A unique index (V056)
 * also keeps a product behind at most one pending or trading instrument.
 */
public final class SoldOnce {
  /** True while a pending or trading instrument is backed by the product ($1). */
  public static final String BACKS_INSTRUMENT =
      """
      EXISTS (SELECT 1 FROM market_instruments mi WHERE mi.product_id = $1 AND mi.status IN ('pending', 'approved'))""";

  private static final String FRACTIONALIZED = "SELECT " + BACKS_INSTRUMENT + " AS fractionalized";
  // units held for buyers: in a cart, on a lot not yet settled, in an open flash sale or giveaway,
  // or in an order not yet shipped
  private static final String RESERVED =
      """
      SELECT EXISTS (SELECT 1 FROM cart_items WHERE product_id = $1)
          OR EXISTS (SELECT 1 FROM lots WHERE product_id = $1
                     AND (status IN ('queued', 'open', 'offered') OR (status = 'sold' AND awaiting_payment)))
          OR EXISTS (SELECT 1 FROM flash_sales WHERE product_id = $1 AND status = 'open')
          OR EXISTS (SELECT 1 FROM giveaways WHERE product_id = $1 AND status = 'open')
          OR EXISTS (SELECT 1 FROM order_lines l JOIN orders o ON o.id = l.order_id
                     WHERE l.product_id = $1 AND o.status IN ('pending_payment', 'paid'))
        AS reserved""";

  private static final String LOCK_FOR_WHOLE_SALE =
      "SELECT id FROM products WHERE id = $1 FOR KEY SHARE";
  private static final String LOCK_FOR_LISTING = "SELECT id FROM products WHERE id = $1 FOR UPDATE";

  private SoldOnce() {}

  /**
   * Inside a whole sale's transaction (cart, lot, flash sale, giveaway), before the units are held:
   * locks the product against a concurrent listing, then fails with 409 item_fractionalized when it
   * backs an instrument.
   */
  public static Future<Void> lockWhole(SqlConnection conn, long productId) {
    return conn.preparedQuery(LOCK_FOR_WHOLE_SALE)
        .execute(Tuple.of(productId))
        .compose(locked -> requireWhole(conn, productId));
  }

  /**
   * Inside a listing's transaction, before the instrument is written: locks the product against
   * every whole sale, then answers whether units are held for buyers or it already backs an
   * instrument (then it cannot be listed).
   */
  public static Future<Void> lockForShares(SqlConnection conn, long productId) {
    return conn.preparedQuery(LOCK_FOR_LISTING)
        .execute(Tuple.of(productId))
        .compose(locked -> fractionalized(conn, productId))
        .compose(
            listed ->
                listed
                    ? Future.failedFuture(fractionalizedError(productId))
                    : reserved(conn, productId))
        .compose(
            reserved ->
                reserved
                    ? Future.failedFuture(reservedError(productId))
                    : Future.<Void>succeededFuture());
  }

  /** Whether the product backs a pending or trading market instrument. */
  public static Future<Boolean> fractionalized(SqlClient client, long productId) {
    return client
        .preparedQuery(FRACTIONALIZED)
        .execute(Tuple.of(productId))
        .map(rows -> rows.iterator().next().getBoolean("fractionalized"));
  }

  /**
   * Whether some of the product's units are held for buyers (carts, lots, sales, giveaways, open
   * orders).
   */
  public static Future<Boolean> reserved(SqlClient client, long productId) {
    return client
        .preparedQuery(RESERVED)
        .execute(Tuple.of(productId))
        .map(rows -> rows.iterator().next().getBoolean("reserved"));
  }

  /**
   * Fails with 409 item_fractionalized when the product backs an instrument (no lock: see {@link
   * #lockWhole}).
   */
  public static Future<Void> requireWhole(SqlClient client, long productId) {
    return fractionalized(client, productId)
        .compose(
            f ->
                f ? Future.failedFuture(fractionalizedError(productId)) : Future.succeededFuture());
  }

  public static Refused reservedError(long productId) {
    return Refused.conflict(
        "item_reserved",
        "Product "
            + productId
            + " has units held in carts, lots, sales, giveaways or unshipped orders; it cannot be listed as shares");
  }

  public static Refused fractionalizedError(long productId) {
    return Refused.conflict(
        "item_fractionalized",
        "Product "
            + productId
            + " is listed as market shares; it can only be traded on the market (or redeemed by a holder of every share)");
  }
}
