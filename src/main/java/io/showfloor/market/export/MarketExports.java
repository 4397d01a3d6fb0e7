package io.showfloor.market.export;

import io.showfloor.market.CandleRow;
import io.showfloor.market.trading.OrderRow;
import io.showfloor.market.trading.TradeRow;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Exports of market data (an instrument's trades and candles) and of a trader's own fills and
 * orders, over any range up to a bound. Ranges are checked here, before the first row is read.
 */
public final class MarketExports {
  /** Trades, fills and orders: a month per export. */
  static final Duration LONGEST_ROW_RANGE = Duration.ofDays(31);

  static final List<String> TRADE_COLUMNS =
      List.of("tradeId", "symbol", "priceCents", "quantity", "aggressor", "executedAt");
  static final List<String> CANDLE_COLUMNS =
      List.of("start", "openCents", "highCents", "lowCents", "closeCents", "volume", "trades");
  static final List<String> FILL_COLUMNS =
      List.of(
          "tradeId",
          "orderId",
          "symbol",
          "side",
          "priceCents",
          "quantity",
          "feeCents",
          "executedAt");
  static final List<String> ORDER_COLUMNS =
      List.of(
          "id",
          "symbol",
          "side",
          "type",
          "priceCents",
          "quantity",
          "filledQuantity",
          "filledValueCents",
          "feeCents",
          "timeInForce",
          "status",
          "reason",
          "clientOrderId",
          "createdAt",
          "updatedAt");

  /** The ordering key of trades, fills and orders: time, then id for rows of the same instant. */
  private record TimeKey(OffsetDateTime at, long id) {}

  private final Database db;
  private final ZoneId marketZone;
  private final Clock clock;

  public MarketExports(Database db, ZoneId marketZone, Clock clock) {
    this.db = db;
    this.marketZone = marketZone;
    this.clock = clock;
  }

  /** The public tape of {@code symbol}, oldest first. */
  public Future<ExportRows> trades(String symbol, @Nullable Instant from, @Nullable Instant to) {
    ExportRange range = ExportRange.of(from, to, clock.instant(), LONGEST_ROW_RANGE);
    return requireInstrument(symbol)
        .map(
            v ->
                new KeysetRows<>(
                    db,
                    describe("trades", symbol, range),
                    TRADE_COLUMNS,
                    ExportSql.TRADES,
                    start(range),
                    key -> Tuple.of(symbol, utc(range.to()), key.at(), key.id()),
                    row -> new TimeKey(row.getOffsetDateTime("executed_at"), row.getLong("id")),
                    row -> TradeRow.from(row).toPublicJson()));
  }

  /**
   * OHLCV candles of the trades inside the range, oldest first; buckets without trades left out.
   */
  public Future<ExportRows> candles(
      String symbol, CandleInterval interval, @Nullable Instant from, @Nullable Instant to) {
    ExportRange range = ExportRange.of(from, to, clock.instant(), interval.longestRange());
    boolean daily = interval == CandleInterval.ONE_DAY;
    String width = daily ? marketZone.getId() : interval.width();
    OffsetDateTime rangeStart = utc(range.from());
    // a daily bucket may start up to a day before `from`; the first cursor lies before any bucket
    OffsetDateTime beforeFirstBucket = rangeStart.minusDays(2);
    return requireInstrument(symbol)
        .map(
            v ->
                new KeysetRows<OffsetDateTime>(
                    db,
                    describe("candles", symbol, range).put("interval", interval.apiName()),
                    CANDLE_COLUMNS,
                    daily ? ExportSql.DAILY_CANDLES : ExportSql.FIXED_CANDLES,
                    beforeFirstBucket,
                    bucket ->
                        Tuple.of(
                            symbol,
                            width,
                            bucket.isAfter(rangeStart) ? bucket : rangeStart,
                            utc(range.to()),
                            bucket),
                    row -> row.getOffsetDateTime("bucket"),
                    row -> CandleRow.from(row).toJson()));
  }

  /** The caller's own fills (their side of each trade), oldest first. */
  public ExportRows fills(
      long userId, @Nullable String symbol, @Nullable Instant from, @Nullable Instant to) {
    ExportRange range = ExportRange.of(from, to, clock.instant(), LONGEST_ROW_RANGE);
    return new KeysetRows<>(
        db,
        describe("fills", symbol, range),
        FILL_COLUMNS,
        ExportSql.FILLS,
        start(range),
        key -> Tuple.of(userId, symbol, utc(range.to()), key.at(), key.id()),
        row -> new TimeKey(row.getOffsetDateTime("executed_at"), row.getLong("id")),
        row -> {
          TradeRow trade = TradeRow.from(row);
          return trade.fillFor(trade.orderOf(userId));
        });
  }

  /** The caller's own orders placed inside the range, in any state, oldest first. */
  public ExportRows orders(
      long userId, @Nullable String symbol, @Nullable Instant from, @Nullable Instant to) {
    ExportRange range = ExportRange.of(from, to, clock.instant(), LONGEST_ROW_RANGE);
    return new KeysetRows<>(
        db,
        describe("orders", symbol, range),
        ORDER_COLUMNS,
        ExportSql.ORDERS,
        start(range),
        key -> Tuple.of(userId, symbol, utc(range.to()), key.at(), key.id()),
        row -> new TimeKey(row.getOffsetDateTime("created_at"), row.getLong("id")),
        row -> OrderRow.from(row).toJson());
  }

  /** (from, -1) comes before every row at or after {@code from}: ids are positive. */
  private static TimeKey start(ExportRange range) {
    return new TimeKey(utc(range.from()), -1);
  }

  private static JsonObject describe(String kind, @Nullable String symbol, ExportRange range) {
    return new JsonObject()
        .put("kind", kind)
        .put("symbol", symbol)
        .put("from", range.from().toString())
        .put("to", range.to().toString());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  // a delisted (redeemed) instrument keeps its tape and candles as history, as on GET …/trades
  private Future<Void> requireInstrument(String symbol) {
    return db.one(ExportSql.INSTRUMENT_STATUS, Tuple.of(symbol))
        .compose(
            row -> {
              String status = row == null ? null : row.getString("status");
              return "approved".equals(status) || "delisted".equals(status)
                  ? Future.succeededFuture()
                  : Future.failedFuture(
                      Refused.notFound("instrument_not_found", "No instrument " + symbol));
            });
  }
}
