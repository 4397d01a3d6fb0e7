package io.showfloor.auction;

import io.showfloor.platform.IdempotentResult;
import io.showfloor.platform.Refused;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/**
 * Flash sales: the host pins a product at a fixed price with a limited quantity. A purchase is one
 * conditional UPDATE (sold + q <= quantity) so, under any contention, exactly the quantity offered
 * is sold and never more; the stock is taken from the product when the sale is pinned.
 */
final class FlashSaleService {
  private static final String COLUMNS = "*, clock_timestamp() AS now";
  private final Database db;
  private final ShowGate shows;
  private final SaleOrders orders;
  private final EventPublisher events;
  private final CallerPace pace;

  FlashSaleService(
      Database db, ShowGate shows, SaleOrders orders, EventPublisher events, CallerPace pace) {
    this.pace = pace;
    this.db = db;
    this.shows = shows;
    this.orders = orders;
    this.events = events;
  }

  Future<JsonObject> pin(Caller caller, long showId, JsonObject body) {
    long productId = body.getLong("productId");
    int quantity = body.getInteger("quantity");
    Integer duration = body.getInteger("durationSeconds");
    return shows
        .requireHost(showId, caller.userId(), caller.roles().contains("admin"))
        .compose(
            show -> {
              if (!show.isLive()) {
                return Future.failedFuture(
                    Refused.conflict(
                        "show_not_live", "Start the show before pinning a flash sale"));
              }
              return db.tx(
                  conn ->
                      conn.preparedQuery(LotSql.PRODUCT)
                          .execute(Tuple.of(productId))
                          .compose(
                              rows -> {
                                if (rows.size() == 0) {
                                  return Future.failedFuture(
                                      Refused.notFound(
                                          "product_not_found", "No product " + productId));
                                }
                                long sellerId = rows.iterator().next().getLong("seller_id");
                                if (sellerId != show.hostId()) {
                                  return Future.failedFuture(
                                      Refused.forbidden(
                                          "product_not_yours",
                                          "You can only sell your own products"));
                                }
                                return orders
                                    .reserveStock(conn, productId, quantity)
                                    .compose(
                                        v ->
                                            conn.preparedQuery(
                                                    """
                    INSERT INTO flash_sales (show_id, product_id, seller_id, host_id, price_cents, quantity, per_buyer_limit, ends_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::int IS NULL THEN NULL
                            ELSE clock_timestamp() + make_interval(secs => $8::int) END)
                    RETURNING """
                                                        + COLUMNS)
                                                .execute(
                                                    Tuple.from(
                                                        new Object[] {
                                                          showId,
                                                          productId,
                                                          sellerId,
                                                          show.hostId(),
                                                          body.getLong("priceCents"),
                                                          quantity,
                                                          body.getInteger("perBuyerLimit", 1),
                                                          duration
                                                        })));
                              }));
            })
        .map(
            rows -> {
              JsonObject sale = toJson(rows.iterator().next());
              events.publish(LotEvents.showTopic(showId), "flash_sale.pinned", sale);
              return sale;
            });
  }

  Future<JsonObject> get(long saleId) {
    return db.one("SELECT " + COLUMNS + " FROM flash_sales WHERE id = $1", Tuple.of(saleId))
        .map(
            row -> {
              if (row == null) {
                throw Refused.notFound("flash_sale_not_found", "No flash sale " + saleId);
              }
              return toJson(row);
            });
  }

  /** Buys {@code quantity}: the purchase, or the one made before with the same key (a replay). */
  Future<IdempotentResult<JsonObject>> buy(
      Caller caller, long saleId, int quantity, String idempotencyKey) {
    return pace.check("buy", caller.userId())
        .compose(
            v ->
                idempotencyKey == null
                    ? Future.<IdempotentResult<JsonObject>>succeededFuture()
                    : replay(caller.userId(), idempotencyKey))
        .compose(
            previous ->
                previous != null
                    ? Future.succeededFuture(previous)
                    : saleShow(saleId)
                        .compose(showId -> shows.requireCanBidInShow(showId, caller.userId()))
                        .compose(
                            v ->
                                db.tx(
                                    conn ->
                                        purchase(conn, caller, saleId, quantity, idempotencyKey)))
                        .map(IdempotentResult::fresh)
                        .recover(
                            failure ->
                                Database.isUniqueViolation(
                                        failure, "flash_sale_purchases_idempotency")
                                    ? replay(caller.userId(), idempotencyKey)
                                    : Future.failedFuture(failure)))
        .onSuccess(
            purchase ->
                events.publish(
                    LotEvents.showTopic(purchase.value().getJsonObject("sale").getLong("showId")),
                    "flash_sale.updated",
                    purchase.value().getJsonObject("sale")));
  }

  private Future<JsonObject> purchase(
      SqlConnection conn, Caller caller, long saleId, int quantity, String key) {
    return conn.preparedQuery(
            """
            UPDATE flash_sales SET sold = sold + $2
            WHERE id = $1 AND status = 'open' AND sold + $2 <= quantity
              AND (ends_at IS NULL OR ends_at > clock_timestamp())
              AND $2 + (SELECT COALESCE(SUM(quantity), 0) FROM flash_sale_purchases WHERE sale_id = $1 AND buyer_id = $3)
                  <= per_buyer_limit
            RETURNING """
                + COLUMNS)
        .execute(Tuple.of(saleId, quantity, caller.userId()))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return whyNot(conn, caller, saleId, quantity);
              }
              Row sale = rows.iterator().next();
              if (sale.getLong("seller_id") == caller.userId()
                  || sale.getLong("host_id") == caller.userId()) {
                return Future.failedFuture(
                    Refused.forbidden("own_lot", "You cannot buy what you sell"));
              }
              SaleOrders.Sale order =
                  new SaleOrders.Sale(
                      "flash_sale",
                      saleId,
                      sale.getLong("show_id"),
                      sale.getLong("product_id"),
                      sale.getLong("seller_id"),
                      sale.getLong("host_id"),
                      caller.userId(),
                      sale.getLong("price_cents"),
                      quantity);
              return orders
                  .createOrder(conn, order)
                  .compose(
                      orderId ->
                          conn.preparedQuery(
                                  """
                  INSERT INTO flash_sale_purchases (sale_id, buyer_id, quantity, order_id, idempotency_key)
                  VALUES ($1, $2, $3, $4, $5) RETURNING id""")
                              .execute(Tuple.of(saleId, caller.userId(), quantity, orderId, key))
                              .map(
                                  inserted ->
                                      purchaseJson(
                                          inserted.iterator().next().getLong("id"),
                                          quantity,
                                          orderId,
                                          sale)));
            });
  }

  /** Explains a refused purchase with the most specific code. */
  private Future<JsonObject> whyNot(SqlConnection conn, Caller caller, long saleId, int quantity) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM flash_sales WHERE id = $1")
        .execute(Tuple.of(saleId))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(
                    Refused.notFound("flash_sale_not_found", "No flash sale " + saleId));
              }
              Row sale = rows.iterator().next();
              OffsetDateTime endsAt = sale.getOffsetDateTime("ends_at");
              if (!"open".equals(sale.getString("status"))
                  || (endsAt != null && !endsAt.isAfter(sale.getOffsetDateTime("now")))) {
                return Future.failedFuture(
                    Refused.conflict("sale_closed", "This flash sale has ended"));
              }
              int left = sale.getInteger("quantity") - sale.getInteger("sold");
              if (left <= 0) {
                return Future.failedFuture(Refused.conflict("sold_out", "Sold out"));
              }
              if (quantity > left) {
                return Future.failedFuture(
                    Refused.conflict("not_enough_left", "Only " + left + " left"));
              }
              return Future.failedFuture(
                  Refused.conflict(
                      "buyer_limit_reached",
                      "At most " + sale.getInteger("per_buyer_limit") + " per buyer"));
            });
  }

  Future<JsonObject> end(Caller caller, long saleId) {
    return saleShow(saleId)
        .compose(
            showId -> shows.requireHost(showId, caller.userId(), caller.roles().contains("admin")))
        .compose(
            show ->
                db.tx(
                    conn ->
                        conn.preparedQuery(
                                "UPDATE flash_sales SET status = 'ended', ended_at = clock_timestamp() "
                                    + "WHERE id = $1 AND status = 'open' RETURNING "
                                    + COLUMNS)
                            .execute(Tuple.of(saleId))
                            .compose(
                                rows -> {
                                  if (rows.size() == 0) {
                                    return Future.failedFuture(
                                        Refused.conflict(
                                            "sale_closed", "This flash sale has already ended"));
                                  }
                                  Row sale = rows.iterator().next();
                                  int unsold =
                                      sale.getInteger("quantity") - sale.getInteger("sold");
                                  Future<Void> released =
                                      unsold == 0
                                          ? Future.succeededFuture()
                                          : orders.releaseStock(
                                              conn, sale.getLong("product_id"), unsold);
                                  return released.map(v -> toJson(sale));
                                })))
        .onSuccess(
            sale ->
                events.publish(
                    LotEvents.showTopic(sale.getLong("showId")), "flash_sale.ended", sale));
  }

  private Future<Long> saleShow(long saleId) {
    return db.one("SELECT show_id FROM flash_sales WHERE id = $1", Tuple.of(saleId))
        .map(
            row -> {
              if (row == null) {
                throw Refused.notFound("flash_sale_not_found", "No flash sale " + saleId);
              }
              return row.getLong("show_id");
            });
  }

  private Future<IdempotentResult<JsonObject>> replay(long buyerId, String key) {
    return db.one(
            "SELECT p.id, p.quantity, p.order_id, s.*, clock_timestamp() AS now FROM flash_sale_purchases p "
                + "JOIN flash_sales s ON s.id = p.sale_id WHERE p.buyer_id = $1 AND p.idempotency_key = $2",
            Tuple.of(buyerId, key))
        .map(
            row ->
                row == null
                    ? null
                    : IdempotentResult.replayed(
                        purchaseJson(row.getLong(0), row.getInteger(1), row.getLong(2), row)));
  }

  /**
   * A purchase as its buyer sees it, first time or replayed: {@code sale} is the sale's row after
   * it.
   */
  private static JsonObject purchaseJson(long purchaseId, int quantity, long orderId, Row sale) {
    return new JsonObject()
        .put("purchaseId", purchaseId)
        .put("quantity", quantity)
        .put("orderId", orderId)
        .put("sale", toJson(sale));
  }

  private static JsonObject toJson(Row row) {
    OffsetDateTime endsAt = row.getOffsetDateTime("ends_at");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("showId", row.getLong("show_id"))
        .put("productId", row.getLong("product_id"))
        .put("sellerId", row.getLong("seller_id"))
        .put("priceCents", row.getLong("price_cents"))
        .put("quantity", row.getInteger("quantity"))
        .put("sold", row.getInteger("sold"))
        .put("remaining", row.getInteger("quantity") - row.getInteger("sold"))
        .put("perBuyerLimit", row.getInteger("per_buyer_limit"))
        .put("status", row.getString("status"))
        .put("endsAt", endsAt == null ? null : endsAt.toInstant().toString())
        .put("serverTime", row.getOffsetDateTime("now").toInstant().toString());
  }
}
