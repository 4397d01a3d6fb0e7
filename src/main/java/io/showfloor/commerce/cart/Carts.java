package io.showfloor.commerce.cart;

import io.showfloor.commerce.order.Order;
import io.showfloor.commerce.order.OrderPlan;
import io.showfloor.commerce.order.OrderReads;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A buyer's cart: catalog products and quantities, priced at today's price. Won lots and flash-sale
 * buys are not cart items but due orders (locked at their price, not removable, payable until a
 * deadline); the cart shows them and the next checkout pays them too.
 */
public final class Carts {
  public static final int MAX_QUANTITY = 100;
  private static final int MAX_ITEMS = 50;
  // the lines and whether any order is due, in one statement (one row with a null id for an empty
  // cart):
  // every add-to-cart answers the whole cart, and its two reads were two autocommitted transactions
  // of each purchase (bench/README.md, session 4); the due orders are read only when there are some
  private static final String ITEMS =
      """
      SELECT c.id, c.product_id, c.quantity, p.seller_id, p.title, p.price_cents, p.shipping_cents, p.stock, p.status,
             p.image_urls, d.any_due
      FROM (SELECT EXISTS (SELECT 1 FROM orders WHERE buyer_id = $1 AND status = 'pending_payment' AND source <> 'cart')
            AS any_due) AS d
      LEFT JOIN (cart_items c JOIN products p ON p.id = c.product_id) ON c.buyer_id = $1
      ORDER BY c.id""";
  private static final String DUE =
      "SELECT "
          + Order.COLUMNS
          + " FROM orders WHERE buyer_id = $1 AND status = 'pending_payment' AND source <> 'cart' ORDER BY expires_at";
  private final Database db;

  public Carts(Database db) {
    this.db = db;
  }

  public Future<JsonObject> view(long buyerId) {
    boolean[] anyDue = new boolean[1];
    Future<List<Row>> items =
        db.query(ITEMS, Tuple.of(buyerId))
            .map(
                rows -> {
                  List<Row> list = new ArrayList<>();
                  rows.forEach(
                      row -> {
                        anyDue[0] = row.getBoolean("any_due");
                        if (row.getLong("id") != null) {
                          list.add(row);
                        }
                      });
                  return list;
                });
    Future<List<Order>> due =
        items.compose(
            v ->
                !anyDue[0]
                    ? Future.succeededFuture(List.<Order>of())
                    : db.query(DUE, Tuple.of(buyerId))
                        .compose(rows -> OrderReads.withLines(db.pool(), rows)));
    return Future.all(items, due)
        .map(
            done -> {
              JsonArray itemJson = new JsonArray();
              List<OrderPlan.Item> priced = new ArrayList<>();
              for (Row row : items.result()) {
                boolean available =
                    "active".equals(row.getString("status"))
                        && row.getInteger("stock") >= row.getInteger("quantity");
                String[] images = row.getArrayOfStrings("image_urls");
                long line = row.getLong("price_cents") * row.getInteger("quantity");
                itemJson.add(
                    new JsonObject()
                        .put("id", row.getLong("id"))
                        .put("productId", row.getLong("product_id"))
                        .put("sellerId", row.getLong("seller_id"))
                        .put("title", row.getString("title"))
                        .put("unitPriceCents", row.getLong("price_cents"))
                        .put("quantity", row.getInteger("quantity"))
                        .put("lineCents", line)
                        .put("shippingCents", row.getLong("shipping_cents"))
                        .put("available", available)
                        .put("imageUrl", images != null && images.length > 0 ? images[0] : null));
                priced.add(
                    new OrderPlan.Item(
                        row.getLong("product_id"),
                        row.getLong("seller_id"),
                        row.getString("title"),
                        row.getLong("price_cents"),
                        row.getInteger("quantity"),
                        row.getLong("shipping_cents"),
                        null,
                        null));
              }
              List<OrderPlan.Planned> plan = OrderPlan.plan(priced, 0, 0);
              long itemsCents = plan.stream().mapToLong(OrderPlan.Planned::itemsCents).sum();
              long shippingCents = plan.stream().mapToLong(OrderPlan.Planned::shippingCents).sum();
              JsonArray dueJson = new JsonArray();
              long dueCents = 0;
              for (Order order : due.result()) {
                // a due order inside a checkout still awaiting its payment shows too, but is not
                // charged twice
                dueJson.add(order.toJson(false).put("removable", false));
                dueCents += order.checkoutId() == null ? order.totalCents() : 0;
              }
              return new JsonObject()
                  .put("items", itemJson)
                  .put("dueOrders", dueJson)
                  .put("itemsCents", itemsCents)
                  .put("shippingCents", shippingCents)
                  .put("dueCents", dueCents)
                  .put("totalCents", itemsCents + shippingCents + dueCents)
                  .put("sellers", plan.size());
            });
  }

  // one statement (no transaction around it): the product's state, the cart's size and the line
  // already there are read with the insert, which happens only when every rule holds; a line that
  // appeared meanwhile is re-checked against the stock on its newest version
  private static final String ADD =
      """
      WITH p AS (SELECT seller_id, status, stock, """
          + io.showfloor.commerce.catalog.SoldOnce.BACKS_INSTRUMENT.replace("$1", "$2")
          + """
       AS fractionalized FROM products WHERE id = $2),
      had AS (SELECT quantity FROM cart_items WHERE buyer_id = $1 AND product_id = $2),
      n AS (SELECT COUNT(*) AS items FROM cart_items WHERE buyer_id = $1),
      added AS (
        INSERT INTO cart_items (buyer_id, product_id, quantity)
        SELECT $1, $2, $3 FROM p, n
        WHERE p.status = 'active' AND p.seller_id <> $1 AND NOT p.fractionalized
          AND (EXISTS (SELECT 1 FROM had) OR n.items < $4)
          AND COALESCE((SELECT quantity FROM had), 0) + $3 <= LEAST(p.stock, $5)
        ON CONFLICT (buyer_id, product_id) DO UPDATE SET quantity = cart_items.quantity + EXCLUDED.quantity, updated_at = now()
          WHERE cart_items.quantity + EXCLUDED.quantity <= (SELECT LEAST(stock, $5) FROM p)
        RETURNING id, quantity)
      SELECT p.seller_id, p.status, p.stock, p.fractionalized, COALESCE((SELECT quantity FROM had), 0) AS had, n.items, added.id,
             added.quantity
      FROM p CROSS JOIN n LEFT JOIN added ON true""";

  /** Adds units of a product (to the quantity already in the cart). */
  public Future<JsonObject> add(long buyerId, long productId, int quantity) {
    // the product's row lock first (one item, sold once: a listing as shares waits for it or it for
    // the listing),
    // then the insert as a later statement, so it sees an instrument committed while it waited
    return db.tx(
            conn ->
                conn.preparedQuery("SELECT id FROM products WHERE id = $1 FOR KEY SHARE")
                    .execute(Tuple.of(productId))
                    .compose(
                        locked ->
                            conn.preparedQuery(ADD)
                                .execute(
                                    Tuple.of(
                                        buyerId, productId, quantity, MAX_ITEMS, MAX_QUANTITY))))
        .compose(
            rows -> {
              Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
              if (row == null) {
                return Future.failedFuture(
                    Refused.notFound("product_not_found", "No product " + productId));
              }
              if (row.getLong("id") != null) {
                return Future.succeededFuture(
                    new JsonObject()
                        .put("id", row.getLong("id"))
                        .put("quantity", row.getInteger("quantity")));
              }
              // nothing was written: say which rule refused it, in the order they were always
              // checked
              if (!"active".equals(row.getString("status"))) {
                return Future.failedFuture(
                    Refused.conflict("product_unavailable", "This product is no longer for sale"));
              }
              if (row.getLong("seller_id") == buyerId) {
                return Future.failedFuture(
                    Refused.unprocessable("own_product", "You cannot buy your own product"));
              }
              if (row.getBoolean("fractionalized")) {
                return Future.failedFuture(
                    io.showfloor.commerce.catalog.SoldOnce.fractionalizedError(productId));
              }
              if (row.getInteger("had") + quantity > MAX_QUANTITY) {
                return Future.failedFuture(
                    Refused.unprocessable(
                        "quantity_too_large",
                        "At most " + MAX_QUANTITY + " of one product per cart"));
              }
              if (row.getInteger("had") == 0 && row.getLong("items") >= MAX_ITEMS) {
                return Future.failedFuture(
                    Refused.unprocessable(
                        "cart_full", "A cart holds at most " + MAX_ITEMS + " products"));
              }
              return Future.failedFuture(
                  Refused.conflict("out_of_stock", "Only " + row.getInteger("stock") + " left"));
            })
        // two adds of one product racing past the limit: the table's check refuses the second
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof io.vertx.pgclient.PgException pg
                            && "23514".equals(pg.getSqlState())
                        ? Refused.unprocessable(
                            "quantity_too_large",
                            "At most " + MAX_QUANTITY + " of one product per cart")
                        : e));
  }

  public Future<JsonObject> change(long buyerId, long itemId, int quantity) {
    return db.tx(
        conn ->
            conn.preparedQuery(
                    """
            UPDATE cart_items c SET quantity = $3, updated_at = now() FROM products p
            WHERE c.id = $1 AND c.buyer_id = $2 AND p.id = c.product_id RETURNING c.id, c.quantity, p.stock""")
                .execute(Tuple.of(itemId, buyerId, quantity))
                .compose(
                    rows -> {
                      if (!rows.iterator().hasNext()) {
                        return Future.failedFuture(
                            Refused.notFound(
                                "cart_item_not_found", "No item " + itemId + " in your cart"));
                      }
                      Row row = rows.iterator().next();
                      if (row.getInteger("quantity") > row.getInteger("stock")) {
                        return Future.failedFuture(
                            Refused.conflict(
                                "out_of_stock", "Only " + row.getInteger("stock") + " left"));
                      }
                      return Future.succeededFuture(
                          new JsonObject().put("id", itemId).put("quantity", quantity));
                    }));
  }

  public Future<Void> remove(long buyerId, long itemId) {
    return db.query(
            "DELETE FROM cart_items WHERE id = $1 AND buyer_id = $2", Tuple.of(itemId, buyerId))
        .compose(
            rows ->
                rows.rowCount() == 0
                    ? Future.failedFuture(
                        Refused.notFound(
                            "cart_item_not_found", "No item " + itemId + " in your cart"))
                    : Future.succeededFuture());
  }
}
