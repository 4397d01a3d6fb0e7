package io.showfloor.commerce.social;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Reviews: only the buyer of a delivered order may review one of its lines, once, 1 to 5 stars with
 * text; the product's seller may reply once; moderators may hide or show a review.
 */
public final class Reviews {
  private static final String COLUMNS =
      "id, order_line_id, product_id, seller_id, buyer_id, rating, text, seller_reply, "
          + "replied_at, hidden, created_at";
  private final Database db;

  public Reviews(Database db) {
    this.db = db;
  }

  public Future<JsonObject> create(
      Caller buyer, long productId, long orderLineId, int rating, String text) {
    if (text.isBlank()) {
      return Future.failedFuture(Refused.invalid("validation_failed", "text: write something"));
    }
    return db.one(
            """
            SELECT o.buyer_id, o.seller_id, o.status, o.delivered_at, l.product_id
            FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.id = $1""",
            Tuple.of(orderLineId))
        .compose(
            line -> {
              if (line == null
                  || line.getLong("buyer_id") != buyer.userId()
                  || line.getLong("product_id") != productId) {
                return Future.failedFuture(
                    Refused.notFound(
                        "order_line_not_found", "You bought no such line of product " + productId));
              }
              if (line.getOffsetDateTime("delivered_at") == null) {
                return Future.failedFuture(
                    Refused.conflict(
                        "not_delivered", "You can review once the order is delivered"));
              }
              return db.one(
                      "INSERT INTO reviews (order_line_id, product_id, seller_id, buyer_id, rating, text) "
                          + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING "
                          + COLUMNS,
                      Tuple.of(
                          orderLineId,
                          productId,
                          line.getLong("seller_id"),
                          buyer.userId(),
                          rating,
                          text.trim()))
                  .map(row -> json(row, true))
                  .recover(
                      e ->
                          Future.failedFuture(
                              Database.isUniqueViolation(e, null)
                                  ? Refused.conflict(
                                      "already_reviewed", "You already reviewed this purchase")
                                  : e));
            });
  }

  /** Visible reviews, newest first, with the average; moderators also see hidden ones. */
  public Future<JsonObject> list(Caller caller, long productId, @Nullable Long before, int limit) {
    boolean moderator = caller.isModerator();
    Future<JsonObject> page =
        db.query(
                "SELECT "
                    + COLUMNS
                    + " FROM reviews WHERE product_id = $1"
                    + " AND ($2 OR NOT hidden) AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4",
                Tuple.of(productId, moderator, before, limit + 1))
            .map(rows -> KeysetPage.of(rows, limit, r -> json(r, moderator)));
    Future<Row> stats =
        db.one(
            """
        SELECT COUNT(*) AS n, COALESCE(ROUND(AVG(rating), 2), 0)::float8 AS average FROM reviews WHERE product_id = $1 AND NOT hidden""",
            Tuple.of(productId));
    return Future.all(page, stats)
        .map(
            done ->
                new JsonObject()
                    .put("items", page.result().getJsonArray("items"))
                    .put("count", stats.result().getLong("n"))
                    .put("averageRating", stats.result().getDouble("average"))
                    .put("nextBefore", page.result().getValue("nextBefore")));
  }

  public Future<JsonObject> reply(Caller seller, long reviewId, String text) {
    if (text.isBlank()) {
      return Future.failedFuture(Refused.invalid("validation_failed", "text: write something"));
    }
    return db.one(
            "UPDATE reviews SET seller_reply = $3, replied_at = now() WHERE id = $1 AND seller_id = $2 "
                + "AND seller_reply IS NULL RETURNING "
                + COLUMNS,
            Tuple.of(reviewId, seller.userId(), text.trim()))
        .compose(
            row ->
                row != null
                    ? Future.succeededFuture(json(row, false))
                    : db.one(
                            "SELECT seller_id, seller_reply FROM reviews WHERE id = $1",
                            Tuple.of(reviewId))
                        .compose(
                            r ->
                                Future.failedFuture(
                                    r == null || r.getLong("seller_id") != seller.userId()
                                        ? Refused.notFound(
                                            "review_not_found",
                                            "No review " + reviewId + " of your products")
                                        : Refused.conflict(
                                            "already_replied",
                                            "You already replied to this review"))));
  }

  /**
   * Called inside the transaction that hides or shows a review (the moderation audit trail
   * listens).
   */
  @FunctionalInterface
  public interface HideListener {
    Future<Void> hidden(
        SqlClient tx, long moderatorId, long reviewId, long authorId, boolean hidden);
  }

  private final List<HideListener> hideListeners = new CopyOnWriteArrayList<>();

  public void onHide(HideListener listener) {
    hideListeners.add(listener);
  }

  public Future<JsonObject> hide(Caller moderator, long reviewId, boolean hidden) {
    return db.tx(tx -> hide(tx, moderator.userId(), reviewId, hidden));
  }

  /**
   * Hides or shows a review inside the caller's transaction: the moderation queue runs it in its
   * own.
   */
  public Future<JsonObject> hide(SqlClient tx, long moderatorId, long reviewId, boolean hidden) {
    return tx.preparedQuery(
            "UPDATE reviews SET hidden = $2, hidden_by = $3 WHERE id = $1 RETURNING " + COLUMNS)
        .execute(Tuple.of(reviewId, hidden, moderatorId))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.failedFuture(
                    Refused.notFound("review_not_found", "No review " + reviewId));
              }
              Row row = rows.iterator().next();
              Future<Void> heard = Future.succeededFuture();
              for (HideListener listener : hideListeners) {
                heard =
                    heard.compose(
                        v ->
                            listener.hidden(
                                tx, moderatorId, reviewId, row.getLong("buyer_id"), hidden));
              }
              return heard.map(v -> json(row, true));
            });
  }

  private static JsonObject json(Row row, boolean withHidden) {
    JsonObject json =
        new JsonObject()
            .put("id", row.getLong("id"))
            .put("productId", row.getLong("product_id"))
            .put("orderLineId", row.getLong("order_line_id"))
            .put("buyerId", row.getLong("buyer_id"))
            .put("rating", row.getInteger("rating"))
            .put("text", row.getString("text"))
            .put("sellerReply", row.getString("seller_reply"))
            .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
    if (withHidden) {
      json.put("hidden", row.getBoolean("hidden"));
    }
    return json;
  }
}
