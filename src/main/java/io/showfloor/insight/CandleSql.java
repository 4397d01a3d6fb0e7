package io.showfloor.insight;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Candles built from market_trades the way the market's own GET …/candles builds them (first and
 * last trade by id open and close a bucket; daily buckets start at midnight in the market's zone),
 * read here through SQL so insight needs no market class.
 */
public final class CandleSql {
  private static final String CANDLES =
      """
      SELECT bucket, (array_agg(price_cents ORDER BY id))[1] AS open, MAX(price_cents) AS high, MIN(price_cents) AS low,
        (array_agg(price_cents ORDER BY id DESC))[1] AS close, SUM(quantity) AS volume
      FROM (SELECT id, price_cents, quantity, date_bin($2::text::interval, executed_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket
            FROM market_trades WHERE symbol = $1 AND executed_at < $3 AND executed_at >= $5) t
      GROUP BY bucket ORDER BY bucket DESC LIMIT $4""";
  private static final String DAILY_CANDLES =
      """
      SELECT bucket, (array_agg(price_cents ORDER BY id))[1] AS open, MAX(price_cents) AS high, MIN(price_cents) AS low,
        (array_agg(price_cents ORDER BY id DESC))[1] AS close, SUM(quantity) AS volume
      FROM (SELECT id, price_cents, quantity, date_trunc('day', executed_at AT TIME ZONE $2) AT TIME ZONE $2 AS bucket
            FROM market_trades WHERE symbol = $1 AND executed_at < $3 AND executed_at >= $5) t
      GROUP BY bucket ORDER BY bucket DESC LIMIT $4""";
  // approved instruments trade; delisted ones keep their history (as in MarketData)
  private static final String INSTRUMENT =
      "SELECT 1 FROM market_instruments WHERE symbol = $1 AND status IN ('approved', 'delisted')";
  private static final String SYMBOLS_WITH_TRADES =
      "SELECT DISTINCT symbol FROM market_trades WHERE executed_at >= $1 ORDER BY symbol";

  private final Database db;
  private final ZoneId marketZone;

  public CandleSql(Database db, ZoneId marketZone) {
    this.db = db;
    this.marketZone = marketZone;
  }

  public Future<Void> requireInstrument(String symbol) {
    return db.one(INSTRUMENT, Tuple.of(symbol))
        .compose(
            row ->
                row == null
                    ? Future.failedFuture(
                        Refused.notFound("instrument_not_found", "No instrument " + symbol))
                    : Future.succeededFuture());
  }

  /**
   * The newest {@code limit} candles that start before {@code until}, oldest first. Reads the
   * recent stretch of the tape first (twice the time {@code limit} candles span) and the whole tape
   * only when that stretch holds fewer candles: a busy instrument's prediction then reads a few
   * hundred trades, not its whole history.
   */
  public Future<List<Candle>> candles(String symbol, Interval interval, int limit, Instant until) {
    Instant since =
        bucketStart(interval, until.minus(interval.width().multipliedBy(2L * limit + 2)));
    return candles(symbol, interval, limit, until, since)
        .compose(
            recent ->
                recent.size() >= limit
                    ? Future.succeededFuture(recent)
                    : candles(symbol, interval, limit, until, Instant.EPOCH));
  }

  // the start of the bucket holding {@code at}, so the first candle read is a whole one
  private Instant bucketStart(Interval interval, Instant at) {
    if (interval == Interval.ONE_DAY) {
      return java.time.LocalDate.ofInstant(at, marketZone).atStartOfDay(marketZone).toInstant();
    }
    long width = interval.width().toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), width) * width);
  }

  private Future<List<Candle>> candles(
      String symbol, Interval interval, int limit, Instant until, Instant since) {
    boolean daily = interval == Interval.ONE_DAY;
    Tuple args =
        Tuple.of(
            symbol,
            daily ? marketZone.getId() : interval.sqlWidth(),
            until.atOffset(ZoneOffset.UTC),
            limit,
            since.atOffset(ZoneOffset.UTC));
    return db.query(daily ? DAILY_CANDLES : CANDLES, args)
        .map(
            rows -> {
              List<Candle> candles = new ArrayList<>();
              for (Row row : rows) {
                candles.add(
                    new Candle(
                        row.getOffsetDateTime("bucket").toInstant(),
                        row.getLong("open"),
                        row.getLong("high"),
                        row.getLong("low"),
                        row.getLong("close"),
                        row.getLong("volume")));
              }
              java.util.Collections.reverse(candles);
              return candles;
            });
  }

  /** Symbols with a trade since {@code since} (the instruments a training pass looks at). */
  public Future<List<String>> symbolsTradedSince(Instant since) {
    return db.query(SYMBOLS_WITH_TRADES, Tuple.of(since.atOffset(ZoneOffset.UTC)))
        .map(
            rows -> {
              List<String> symbols = new ArrayList<>();
              rows.forEach(row -> symbols.add(row.getString("symbol")));
              return symbols;
            });
  }
}
