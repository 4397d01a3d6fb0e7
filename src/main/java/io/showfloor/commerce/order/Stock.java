package io.showfloor.commerce.order;

import io.showfloor.platform.http.ApiError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Takes and gives back units of products. Taking is a conditional UPDATE ({@code stock >= q}):
 * under concurrent buyers PostgreSQL re-checks the condition on the newest row version, so the
 * last unit goes to exactly one of them. Several products are locked in id order first, so two
 * carts sharing products never deadlock.
 */
public final class Stock {
  private static final String LOCK = "SELECT id FROM products WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE";
  private static final String TAKE = """
      UPDATE products p SET stock = p.stock - w.q, updated_at = now()
      FROM unnest($1::bigint[], $2::int[]) AS w(id, q)
      WHERE p.id = w.id AND p.status = 'active' AND p.stock >= w.q
      RETURNING p.id, p.seller_id, p.title, p.price_cents, p.shipping_cents, p.stock, p.low_stock_threshold, w.q""";
  private static final String GIVE_BACK = """
      UPDATE products p SET stock = p.stock + w.q, updated_at = now()
      FROM unnest($1::bigint[], $2::int[]) AS w(id, q) WHERE p.id = w.id""";

  private Stock() {}

  /** A product whose units were taken, with its price and stock after the taking. */
  public record Taken(long productId, long sellerId, String title, long priceCents, long shippingCents, int stockLeft,
                      int lowStockThreshold, int quantity) {
    /** True when this sale moved stock from above the seller's threshold to at or below it. */
    public boolean crossedLowStock() {
      return stockLeft <= lowStockThreshold && stockLeft + quantity > lowStockThreshold;
    }
  }

  /** Takes every wanted quantity or none: fails with 409 out_of_stock naming what is short. */
  public static Future<List<Taken>> take(SqlConnection conn, Map<Long, Integer> wanted) {
    SortedMap<Long, Integer> sorted = new TreeMap<>(wanted);
    Long[] ids = sorted.keySet().toArray(Long[]::new);
    Integer[] quantities = sorted.values().toArray(Integer[]::new);
    Future<?> locked = ids.length > 1
        ? conn.preparedQuery(LOCK).execute(Tuple.tuple().addArrayOfLong(ids)) : Future.succeededFuture();
    return locked.compose(v -> conn.preparedQuery(TAKE).execute(Tuple.tuple().addArrayOfLong(ids).addArrayOfInteger(quantities)))
        .compose(rows -> {
          List<Taken> taken = new ArrayList<>();
          for (Row row : rows) {
            taken.add(new Taken(row.getLong("id"), row.getLong("seller_id"), row.getString("title"),
                row.getLong("price_cents"), row.getLong("shipping_cents"), row.getInteger("stock"),
                row.getInteger("low_stock_threshold"), row.getInteger("q")));
          }
          if (taken.size() == ids.length) {
            return Future.succeededFuture(taken);
          }
          List<Long> short_ = new ArrayList<>(sorted.keySet());
          taken.forEach(t -> short_.remove(t.productId()));
          // the caller's transaction rolls back, which also undoes the units taken above
          return Future.failedFuture(ApiError.conflict("out_of_stock",
              "Not enough stock (or no longer for sale) for product " + short_.stream().map(String::valueOf)
                  .reduce((a, b) -> a + ", " + b).orElse("")));
        });
  }

  /** Gives back the units of these orders' lines (cancelled or expired before payment). */
  public static Future<Void> giveBack(SqlConnection conn, List<Long> orderIds) {
    if (orderIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("""
            SELECT product_id, SUM(quantity)::int AS q FROM order_lines WHERE order_id = ANY($1::bigint[])
            GROUP BY product_id ORDER BY product_id""")
        .execute(Tuple.tuple().addArrayOfLong(orderIds.toArray(Long[]::new)))
        .compose(rows -> {
          List<Long> ids = new ArrayList<>();
          List<Integer> quantities = new ArrayList<>();
          rows.forEach(r -> {
            ids.add(r.getLong("product_id"));
            quantities.add(r.getInteger("q"));
          });
          Long[] idArray = ids.toArray(Long[]::new);
          Future<?> locked = idArray.length > 1
              ? conn.preparedQuery(LOCK).execute(Tuple.tuple().addArrayOfLong(idArray)) : Future.succeededFuture();
          return locked.compose(v -> conn.preparedQuery(GIVE_BACK)
              .execute(Tuple.tuple().addArrayOfLong(idArray).addArrayOfInteger(quantities.toArray(Integer[]::new))));
        })
        .mapEmpty();
  }
}
