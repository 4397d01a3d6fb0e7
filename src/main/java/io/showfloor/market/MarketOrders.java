package io.showfloor.market;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Reads of a trader's orders and fills, straight from PostgreSQL (the committed truth). */
final class Orders {
  private static final String ORDER_COLUMNS = "id, symbol, user_id, client_order_id, side, type, price_cents, quantity, "
      + "filled_quantity, filled_value_cents, fee_cents, time_in_force, status, reason, locked_cents, max_cost_cents, "
      + "created_at, updated_at";
  private static final String FILL_COLUMNS = "id, symbol, buy_order_id, sell_order_id, buyer_id, seller_id, price_cents, "
      + "quantity, buyer_fee_cents, seller_fee_cents, executed_at";
  private final Database db;

  Orders(Database db) {
    this.db = db;
  }

  /** The symbol of the caller's open order, so the command reaches its book; 404 or 409 otherwise. */
  Future<String> openOrderSymbol(long userId, long orderId) {
    return db.one("SELECT symbol, status FROM market_orders WHERE id = $1 AND user_id = $2", Tuple.of(orderId, userId))
        .map(row -> {
          if (row == null) {
            throw Refused.notFound("order_not_found", "No such order");
          }
          String status = row.getString("status");
          if (!"active".equals(status) && !"partial".equals(status)) {
            throw Refused.conflict("order_not_open", "Order " + orderId + " is " + status);
          }
          return row.getString("symbol");
        });
  }

  Future<JsonObject> one(long userId, long orderId) {
    return db.one("SELECT " + ORDER_COLUMNS + " FROM market_orders WHERE id = $1 AND user_id = $2", Tuple.of(orderId, userId))
        .compose(row -> {
          if (row == null) {
            return Future.failedFuture(Refused.notFound("order_not_found", "No such order"));
          }
          // through the caller's side of the trades (market_trades has no index on the order ids,
          // so "buy_order_id = $1 OR sell_order_id = $1" read every trade of every book)
          String ownFills = "buy".equals(row.getString("side"))
              ? " FROM market_trades WHERE buyer_id = $2 AND buy_order_id = $1 ORDER BY id"
              : " FROM market_trades WHERE seller_id = $2 AND sell_order_id = $1 ORDER BY id";
          return db.query("SELECT " + FILL_COLUMNS + ownFills, Tuple.of(orderId, userId)).map(trades -> {
                JsonArray fills = new JsonArray();
                trades.forEach(trade -> fills.add(fill(trade, userId, orderId)));
                return new JsonObject().put("order", order(row)).put("fills", fills);
              });
        });
  }

  Future<JsonObject> page(long userId, String status, String symbol, int limit, long before) {
    String[] statuses = status == null ? null : "open".equals(status) ? new String[] {"active", "partial"} : new String[] {status};
    Tuple args = Tuple.of(userId, before, symbol, limit + 1).addArrayOfString(statuses);
    return db.query("SELECT " + ORDER_COLUMNS + " FROM market_orders WHERE user_id = $1 AND id < $2 "
            + "AND ($3::text IS NULL OR symbol = $3) AND ($5::text[] IS NULL OR status = ANY($5)) ORDER BY id DESC LIMIT $4",
            args)
        .map(rows -> {
          JsonArray items = new JsonArray();
          for (Row row : rows) {
            items.add(order(row));
          }
          return page(items, limit);
        });
  }

  Future<JsonObject> fills(long userId, String symbol, int limit, long before) {
    return db.query("SELECT " + FILL_COLUMNS + " FROM market_trades WHERE (buyer_id = $1 OR seller_id = $1) AND id < $2 "
            + "AND ($3::text IS NULL OR symbol = $3) ORDER BY id DESC LIMIT $4", Tuple.of(userId, before, symbol, limit + 1))
        .map(rows -> {
          JsonArray items = new JsonArray();
          for (Row row : rows) {
            long orderId = row.getLong("buyer_id") == userId ? row.getLong("buy_order_id") : row.getLong("sell_order_id");
            items.add(fill(row, userId, orderId));
          }
          return page(items, limit);
        });
  }

  /** Trims the extra row asked for and names the cursor of the next page. */
  static JsonObject page(JsonArray items, int limit) {
    Long next = null;
    if (items.size() > limit) {
      items.remove(limit);
      Object last = items.getValue(limit - 1);
      next = last instanceof JsonObject json ? json.getLong(json.containsKey("tradeId") ? "tradeId" : "id") : null;
    }
    return new JsonObject().put("items", items).put("nextBefore", next);
  }

  static JsonObject order(Row row) {
    long filled = row.getLong("filled_quantity");
    long value = row.getLong("filled_value_cents");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("symbol", row.getString("symbol"))
        .put("side", row.getString("side"))
        .put("type", row.getString("type"))
        .put("priceCents", row.getLong("price_cents"))
        .put("quantity", row.getLong("quantity"))
        .put("filledQuantity", filled)
        .put("status", row.getString("status"))
        .put("reason", row.getString("reason"))
        .put("timeInForce", row.getString("time_in_force"))
        .put("clientOrderId", row.getString("client_order_id"))
        .put("averagePriceCents", filled == 0 ? null : (value + filled / 2) / filled)
        .put("filledValueCents", value)
        .put("feeCents", row.getLong("fee_cents"))
        .put("lockedCents", row.getLong("locked_cents"))
        .put("maxCostCents", row.getLong("max_cost_cents"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString());
  }

  /** A trade as one of its two orders sees it. A self-trade cannot exist, so the side is unambiguous. */
  static JsonObject fill(Row row, long userId, long orderId) {
    boolean buy = row.getLong("buy_order_id") == orderId;
    return new JsonObject()
        .put("tradeId", row.getLong("id"))
        .put("orderId", orderId)
        .put("symbol", row.getString("symbol"))
        .put("side", buy ? "buy" : "sell")
        .put("priceCents", row.getLong("price_cents"))
        .put("quantity", row.getLong("quantity"))
        .put("feeCents", buy ? row.getLong("buyer_fee_cents") : row.getLong("seller_fee_cents"))
        .put("executedAt", row.getOffsetDateTime("executed_at").toInstant().toString());
  }
}
