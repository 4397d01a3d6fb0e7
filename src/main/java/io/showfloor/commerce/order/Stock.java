package io.showfloor.commerce.order;

import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Takes and gives back units of products. Taking is a conditional UPDATE ({@code stock >= q}):
 * under concurrent buyers PostgreSQL re-checks the condition on the newest row version, so the last
 * unit goes to exactly one of them. Several products are locked in id order first, so two carts
 * sharing products never deadlock.
 */
public final class Stock {
  private static final String LOCK =
      "SELECT id FROM products WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE";
  // the price and shipping the buyer was shown must still hold (null: take whatever they are).
  // p.id = ANY($1) lets a cached generic plan find the rows by primary key: joined only to unnest,
  // a plan made while the table was small scans every product on every checkout (seen in the
  // market's
  // same-shaped statements, docs in bench/README.md "Market, session 3")
  private static final String TAKE =
      """
      UPDATE products p SET stock = p.stock - w.q, updated_at = now()
      FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::bigint[]) AS w(id, q, price, shipping)
      WHERE p.id = ANY($1::bigint[]) AND p.id = w.id AND p.status = 'active' AND p.stock >= w.q
        AND (w.price IS NULL OR p.price_cents = w.price) AND (w.shipping IS NULL OR p.shipping_cents = w.shipping)
      RETURNING p.id, p.seller_id, p.title, p.price_cents, p.shipping_cents, p.stock, p.low_stock_threshold, w.q""";
  // one product (nearly every cart): the same update without unnest. PostgreSQL plans the unnest
  // form
  // afresh on every execution, because its generic plan (estimated at 100 unnested rows) never
  // looks
  // cheaper than a custom plan for the actual one-element arrays: pg_stat_statements counted one
  // planning per checkout, as long as its execution (bench/README.md, session 4). This one has a
  // generic plan as cheap as any custom one, so it is planned once per connection.
  private static final String TAKE_ONE =
      """
      UPDATE products p SET stock = p.stock - $2, updated_at = now()
      WHERE p.id = $1 AND p.status = 'active' AND p.stock >= $2
        AND ($3::bigint IS NULL OR p.price_cents = $3) AND ($4::bigint IS NULL OR p.shipping_cents = $4)
      RETURNING p.id, p.seller_id, p.title, p.price_cents, p.shipping_cents, p.stock, p.low_stock_threshold, $2::int AS q""";
  private static final String GIVE_BACK =
      """
      UPDATE products p SET stock = p.stock + w.q, updated_at = now()
      FROM unnest($1::bigint[], $2::int[]) AS w(id, q) WHERE p.id = ANY($1::bigint[]) AND p.id = w.id""";

  private Stock() {}

  /** A product whose units were taken, with its price and stock after the taking. */
  public record Taken(
      long productId,
      long sellerId,
      String title,
      long priceCents,
      long shippingCents,
      int stockLeft,
      int lowStockThreshold,
      int quantity) {
    /** True when this sale moved stock from above the seller's threshold to at or below it. */
    public boolean crossedLowStock() {
      return stockLeft <= lowStockThreshold && stockLeft + quantity > lowStockThreshold;
    }
  }

  /** Units of a product at the price and shipping the buyer saw (null: whatever they are now). */
  public record Want(
      long productId, int quantity, @Nullable Long priceCents, @Nullable Long shippingCents) {}

  /** Takes every wanted quantity or none: fails with 409 out_of_stock naming what is short. */
  public static Future<List<Taken>> take(SqlConnection conn, Map<Long, Integer> wanted) {
    return take(
        conn,
        wanted.entrySet().stream()
            .map(e -> new Want(e.getKey(), e.getValue(), null, null))
            .toList());
  }

  /**
   * Takes every wanted quantity or none: fails with 409 out_of_stock naming what is short, or 409
   * price_changed when the seller changed a price since the buyer's cart was read.
   */
  public static Future<List<Taken>> take(SqlConnection conn, List<Want> wants) {
    SortedMap<Long, Want> sorted = new TreeMap<>();
    wants.forEach(w -> sorted.put(w.productId(), w));
    Long[] ids = sorted.keySet().toArray(Long[]::new);
    Tuple args =
        Tuple.tuple()
            .addArrayOfLong(ids)
            .addArrayOfInteger(sorted.values().stream().map(Want::quantity).toArray(Integer[]::new))
            .addArrayOfLong(sorted.values().stream().map(Want::priceCents).toArray(Long[]::new))
            .addArrayOfLong(sorted.values().stream().map(Want::shippingCents).toArray(Long[]::new));
    Future<?> locked =
        ids.length > 1
            ? conn.preparedQuery(LOCK).execute(Tuple.tuple().addArrayOfLong(ids))
            : Future.succeededFuture();
    Want only = ids.length == 1 ? sorted.get(ids[0]) : null;
    Future<RowSet<Row>> updated =
        only != null
            ? conn.preparedQuery(TAKE_ONE)
                .execute(
                    Tuple.of(
                        only.productId(), only.quantity(), only.priceCents(), only.shippingCents()))
            : locked.compose(v -> conn.preparedQuery(TAKE).execute(args));
    return updated.compose(
        rows -> {
          List<Taken> taken = new ArrayList<>();
          for (Row row : rows) {
            taken.add(
                new Taken(
                    row.getLong("id"),
                    row.getLong("seller_id"),
                    row.getString("title"),
                    row.getLong("price_cents"),
                    row.getLong("shipping_cents"),
                    row.getInteger("stock"),
                    row.getInteger("low_stock_threshold"),
                    row.getInteger("q")));
          }
          if (taken.size() == ids.length) {
            return Future.succeededFuture(taken);
          }
          List<Long> missing = new ArrayList<>(sorted.keySet());
          taken.forEach(t -> missing.remove(t.productId()));
          // the caller's transaction rolls back, which also undoes the units taken above
          return conn.preparedQuery(
                  "SELECT id, status, stock, price_cents, shipping_cents FROM products WHERE id = ANY($1::bigint[])")
              .execute(Tuple.tuple().addArrayOfLong(missing.toArray(Long[]::new)))
              .compose(
                  found -> {
                    for (Row row : found) {
                      Want want = sorted.get(row.getLong("id"));
                      if (want == null) {
                        continue; // not asked for: ANY($1) returns only the ids sent
                      }
                      boolean available =
                          "active".equals(row.getString("status"))
                              && row.getInteger("stock") >= want.quantity();
                      if (available
                          && ((want.priceCents() != null
                                  && want.priceCents() != row.getLong("price_cents").longValue())
                              || (want.shippingCents() != null
                                  && want.shippingCents()
                                      != row.getLong("shipping_cents").longValue()))) {
                        return Future.failedFuture(
                            Refused.conflict(
                                "price_changed",
                                "The price of product "
                                    + row.getLong("id")
                                    + " changed while you checked out; review your cart"));
                      }
                    }
                    return Future.failedFuture(
                        Refused.conflict(
                            "out_of_stock",
                            "Not enough stock (or no longer for sale) for product "
                                + missing.stream()
                                    .map(String::valueOf)
                                    .reduce((a, b) -> a + ", " + b)
                                    .orElse("")));
                  });
        });
  }

  /** Gives back the units of these orders' lines (cancelled or expired before payment). */
  public static Future<Void> giveBack(SqlConnection conn, List<Long> orderIds) {
    if (orderIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(
            """
            SELECT product_id, SUM(quantity)::int AS q FROM order_lines WHERE order_id = ANY($1::bigint[])
            GROUP BY product_id ORDER BY product_id""")
        .execute(Tuple.tuple().addArrayOfLong(orderIds.toArray(Long[]::new)))
        .compose(
            rows -> {
              List<Long> ids = new ArrayList<>();
              List<Integer> quantities = new ArrayList<>();
              rows.forEach(
                  r -> {
                    ids.add(r.getLong("product_id"));
                    quantities.add(r.getInteger("q"));
                  });
              Long[] idArray = ids.toArray(Long[]::new);
              Future<?> locked =
                  idArray.length > 1
                      ? conn.preparedQuery(LOCK).execute(Tuple.tuple().addArrayOfLong(idArray))
                      : Future.succeededFuture();
              return locked.compose(
                  v ->
                      conn.preparedQuery(GIVE_BACK)
                          .execute(
                              Tuple.tuple()
                                  .addArrayOfLong(idArray)
                                  .addArrayOfInteger(quantities.toArray(Integer[]::new))));
            })
        .mapEmpty();
  }
}
