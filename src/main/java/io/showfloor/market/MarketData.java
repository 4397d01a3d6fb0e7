package io.showfloor.market;

import io.showfloor.market.trading.TradeRow;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Public market data. Book and ticker come from the owner's last committed view (the book lives in
 * its memory); the tape and candles are queries over market_trades.
 */
final class MarketData {
  private static final String TAPE =
      "SELECT "
          + TradeRow.COLUMNS
          + " FROM market_trades "
          + "WHERE symbol = $1 AND id < $2 ORDER BY id DESC LIMIT $3";
  // fixed-width buckets from date_bin; the opening and closing prices are the first and last trade
  // by id
  private static final String CANDLES =
      """
      SELECT bucket, (array_agg(price_cents ORDER BY id))[1] AS open, MAX(price_cents) AS high, MIN(price_cents) AS low,
        (array_agg(price_cents ORDER BY id DESC))[1] AS close, SUM(quantity) AS volume, COUNT(*) AS trades
      FROM (SELECT id, price_cents, quantity, date_bin($2::text::interval, executed_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket
            FROM market_trades WHERE symbol = $1 AND executed_at < $3) t
      GROUP BY bucket ORDER BY bucket DESC LIMIT $4""";
  // daily buckets start at midnight in the market's time zone
  private static final String DAILY_CANDLES =
      """
      SELECT bucket, (array_agg(price_cents ORDER BY id))[1] AS open, MAX(price_cents) AS high, MIN(price_cents) AS low,
        (array_agg(price_cents ORDER BY id DESC))[1] AS close, SUM(quantity) AS volume, COUNT(*) AS trades
      FROM (SELECT id, price_cents, quantity, date_trunc('day', executed_at AT TIME ZONE $2) AT TIME ZONE $2 AS bucket
            FROM market_trades WHERE symbol = $1 AND executed_at < $3) t
      GROUP BY bucket ORDER BY bucket DESC LIMIT $4""";

  private final Database db;
  private final BookClient books;
  private final MarketSettings settings;

  MarketData(Database db, BookClient books, MarketSettings settings) {
    this.db = db;
    this.books = books;
    this.settings = settings;
  }

  Future<JsonObject> book(String symbol, int depth) {
    return books
        .read(symbol)
        .map(
            view -> {
              JsonObject book = view.getJsonObject("book").copy();
              book.put("bids", top(book.getJsonArray("bids"), depth))
                  .put("asks", top(book.getJsonArray("asks"), depth));
              return book;
            });
  }

  Future<JsonObject> ticker(String symbol) {
    return books.read(symbol).map(view -> view.getJsonObject("ticker"));
  }

  Future<JsonObject> trades(String symbol, int limit, long before) {
    return requireInstrument(symbol)
        .compose(v -> db.query(TAPE, Tuple.of(symbol, before, limit + 1)))
        .map(rows -> KeysetPage.of(rows, limit, row -> TradeRow.from(row).toPublicJson()));
  }

  Future<JsonObject> candles(String symbol, String interval, int limit, Instant until) {
    boolean daily = "1d".equals(interval);
    String width =
        switch (interval) {
          case "5m" -> "5 minutes";
          case "1h" -> "1 hour";
          default -> "1 minute";
        };
    Tuple args =
        Tuple.of(
            symbol,
            daily ? settings.timeZone().getId() : width,
            until.atOffset(ZoneOffset.UTC),
            limit);
    return requireInstrument(symbol)
        .compose(v -> db.query(daily ? DAILY_CANDLES : CANDLES, args))
        .map(
            rows -> {
              JsonArray candles = new JsonArray();
              for (Row row : rows) {
                // newest first from the query, oldest first in the answer
                candles.add(0, CandleRow.from(row).toJson());
              }
              return new JsonObject()
                  .put("symbol", symbol)
                  .put("interval", interval)
                  .put("candles", candles);
            });
  }

  // a delisted (redeemed) instrument keeps its tape and candles as history
  private Future<Void> requireInstrument(String symbol) {
    return db.one("SELECT status FROM market_instruments WHERE symbol = $1", Tuple.of(symbol))
        .compose(
            row ->
                row == null
                        || !("approved".equals(row.getString("status"))
                            || "delisted".equals(row.getString("status")))
                    ? Future.failedFuture(
                        Refused.notFound("instrument_not_found", "No instrument " + symbol))
                    : Future.succeededFuture());
  }

  private static JsonArray top(JsonArray levels, int depth) {
    JsonArray top = new JsonArray();
    for (int i = 0; i < Math.min(depth, levels.size()); i++) {
      top.add(levels.getValue(i));
    }
    return top;
  }
}
