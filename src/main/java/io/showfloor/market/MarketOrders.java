package io.showfloor.market;

import io.showfloor.market.trading.OrderRow;
import io.showfloor.market.trading.TradeRow;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Reads of a trader's orders and fills, straight from PostgreSQL (the committed truth). */
final class MarketOrders {
  private static final String ORDER_COLUMNS = OrderRow.COLUMNS;
  private static final String FILL_COLUMNS = TradeRow.COLUMNS;
  private final Database db;

  MarketOrders(Database db) {
    this.db = db;
  }

  /**
   * The symbol of the caller's open order, so the command reaches its book; 404 or 409 otherwise.
   */
  Future<String> openOrderSymbol(long userId, long orderId) {
    return db.one(
            "SELECT symbol, status FROM market_orders WHERE id = $1 AND user_id = $2",
            Tuple.of(orderId, userId))
        .map(
            row -> {
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

  /** The instruments in which the caller has open orders (for a cancel-all across books). */
  Future<java.util.List<String>> openOrderSymbols(long userId) {
    return db.query(
            "SELECT DISTINCT symbol FROM market_orders WHERE user_id = $1 "
                + "AND status IN ('active', 'partial') ORDER BY symbol",
            Tuple.of(userId))
        .map(
            rows -> {
              java.util.List<String> symbols = new java.util.ArrayList<>();
              rows.forEach(row -> symbols.add(row.getString("symbol")));
              return symbols;
            });
  }

  Future<JsonObject> one(long userId, long orderId) {
    return db.one(
            "SELECT " + ORDER_COLUMNS + " FROM market_orders WHERE id = $1 AND user_id = $2",
            Tuple.of(orderId, userId))
        .compose(
            row -> {
              if (row == null) {
                return Future.failedFuture(Refused.notFound("order_not_found", "No such order"));
              }
              // through the caller's side of the trades (market_trades has no index on the order
              // ids,
              // so "buy_order_id = $1 OR sell_order_id = $1" read every trade of every book)
              String ownFills =
                  "buy".equals(row.getString("side"))
                      ? " FROM market_trades WHERE buyer_id = $2 AND buy_order_id = $1 ORDER BY id"
                      : " FROM market_trades WHERE seller_id = $2 AND sell_order_id = $1 ORDER BY id";
              return db.query("SELECT " + FILL_COLUMNS + ownFills, Tuple.of(orderId, userId))
                  .map(
                      trades -> {
                        JsonArray fills = new JsonArray();
                        trades.forEach(trade -> fills.add(TradeRow.from(trade).fillFor(orderId)));
                        return new JsonObject().put("order", order(row)).put("fills", fills);
                      });
            });
  }

  Future<JsonObject> page(long userId, String status, String symbol, int limit, long before) {
    String[] statuses =
        status == null
            ? null
            : "open".equals(status) ? new String[] {"active", "partial"} : new String[] {status};
    Tuple args = Tuple.of(userId, before, symbol, limit + 1).addArrayOfString(statuses);
    return db.query(
            "SELECT "
                + ORDER_COLUMNS
                + " FROM market_orders WHERE user_id = $1 AND id < $2 "
                + "AND ($3::text IS NULL OR symbol = $3) AND ($5::text[] IS NULL OR status = ANY($5)) ORDER BY id DESC LIMIT $4",
            args)
        .map(rows -> KeysetPage.of(rows, limit, MarketOrders::order));
  }

  /** The caller's fills, newest first; {@code historyDays} &gt; 0 reaches back only that far. */
  Future<JsonObject> fills(long userId, String symbol, int limit, long before, int historyDays) {
    return db.query(
            "SELECT "
                + FILL_COLUMNS
                + " FROM market_trades WHERE (buyer_id = $1 OR seller_id = $1) AND id < $2 "
                + "AND ($3::text IS NULL OR symbol = $3) "
                + "AND ($5 = 0 OR executed_at >= now() - make_interval(days => $5)) "
                + "ORDER BY id DESC LIMIT $4",
            Tuple.of(userId, before, symbol, limit + 1, historyDays))
        .map(
            rows ->
                KeysetPage.of(
                    rows,
                    limit,
                    row -> {
                      TradeRow trade = TradeRow.from(row);
                      return trade.fillFor(trade.orderOf(userId));
                    }));
  }

  private static JsonObject order(Row row) {
    return OrderRow.from(row).toJson();
  }
}
