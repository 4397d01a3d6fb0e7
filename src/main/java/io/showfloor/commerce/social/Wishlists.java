package io.showfloor.commerce.social;

import io.showfloor.commerce.Notices;
import io.showfloor.notify.Notification;
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
 * Wishlists. When a wishlisted product goes live in a show, the shows domain calls {@link
 * #productLive} and every user who wished for it gets a notice (stored and pushed).
 */
public final class Wishlists {
  private final Database db;
  private final Notices notices;

  public Wishlists(Database db, Notices notices) {
    this.db = db;
    this.notices = notices;
  }

  public Future<JsonArray> list(long userId) {
    return db.query(
            """
            SELECT w.product_id, w.created_at, p.title, p.price_cents, p.status, p.stock, p.image_urls
            FROM wishlist_items w JOIN products p ON p.id = w.product_id WHERE w.user_id = $1 ORDER BY w.created_at DESC""",
            Tuple.of(userId))
        .map(
            rows -> {
              JsonArray list = new JsonArray();
              for (Row r : rows) {
                String[] images = r.getArrayOfStrings("image_urls");
                list.add(
                    new JsonObject()
                        .put("productId", r.getLong("product_id"))
                        .put("title", r.getString("title"))
                        .put("priceCents", r.getLong("price_cents"))
                        .put(
                            "available",
                            "active".equals(r.getString("status")) && r.getInteger("stock") > 0)
                        .put("imageUrl", images != null && images.length > 0 ? images[0] : null)
                        .put("addedAt", r.getOffsetDateTime("created_at").toInstant().toString()));
              }
              return list;
            });
  }

  /** Adds a product; adding it again changes nothing. Answers true when it was new. */
  public Future<Boolean> add(long userId, long productId) {
    return db.one("SELECT status FROM products WHERE id = $1", Tuple.of(productId))
        .compose(
            product -> {
              if (product == null) {
                return Future.failedFuture(
                    Refused.notFound("product_not_found", "No product " + productId));
              }
              return db.query(
                      """
              INSERT INTO wishlist_items (user_id, product_id)
              SELECT $1, $2 WHERE (SELECT COUNT(*) FROM wishlist_items WHERE user_id = $1) < 500
              ON CONFLICT DO NOTHING""",
                      Tuple.of(userId, productId))
                  .compose(
                      rows ->
                          rows.rowCount() == 1
                              ? Future.succeededFuture(true)
                              : db.one(
                                      "SELECT 1 AS x FROM wishlist_items WHERE user_id = $1 AND product_id = $2",
                                      Tuple.of(userId, productId))
                                  .compose(
                                      r ->
                                          r != null
                                              ? Future.succeededFuture(false)
                                              : Future.failedFuture(
                                                  Refused.unprocessable(
                                                      "wishlist_full",
                                                      "A wishlist holds at most 500 products"))));
            });
  }

  public Future<Void> remove(long userId, long productId) {
    return db.query(
            "DELETE FROM wishlist_items WHERE user_id = $1 AND product_id = $2",
            Tuple.of(userId, productId))
        .compose(
            rows ->
                rows.rowCount() == 0
                    ? Future.failedFuture(
                        Refused.notFound(
                            "not_in_wishlist", "Product " + productId + " is not in your wishlist"))
                    : Future.succeededFuture());
  }

  /** A product went live in a show: tell everyone who wished for it. Answers how many were told. */
  public Future<Integer> productLive(long productId, long showId) {
    List<Notification> stored = new ArrayList<>();
    return db.tx(
            conn ->
                conn.preparedQuery(
                        """
                SELECT w.user_id, p.title FROM wishlist_items w JOIN products p ON p.id = w.product_id WHERE w.product_id = $1""")
                    .execute(Tuple.of(productId))
                    .compose(
                        rows -> {
                          List<Notices.Draft> drafts = new ArrayList<>();
                          rows.forEach(
                              r ->
                                  drafts.add(
                                      new Notices.Draft(
                                          r.getLong("user_id"),
                                          "wishlist_live",
                                          new JsonObject()
                                              .put("productId", productId)
                                              .put("showId", showId)
                                              .put("title", r.getString("title")))));
                          return notices.addAll(conn, drafts);
                        }))
        .map(
            list -> {
              list.forEach(notices::push);
              return list.size();
            });
  }
}
