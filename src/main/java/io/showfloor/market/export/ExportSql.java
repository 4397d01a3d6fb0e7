package io.showfloor.market.export;

import io.showfloor.market.trading.OrderRow;
import io.showfloor.market.trading.TradeRow;

/**
 * The keyset statements of exports: each reads the batch after a cursor, in the order the file
 * lists rows. Trades, fills and orders are ordered by (time, id), which the time indexes serve; the
 * last parameter is always the batch size.
 */
final class ExportSql {
  static final String TRADES =
      "SELECT "
          + TradeRow.COLUMNS
          + " FROM market_trades WHERE symbol = $1 AND executed_at < $2 AND (executed_at, id) > ($3, $4)"
          + " ORDER BY executed_at, id LIMIT $5";

  static final String FILLS =
      "SELECT "
          + TradeRow.COLUMNS
          + " FROM market_trades WHERE (buyer_id = $1 OR seller_id = $1) AND ($2::text IS NULL OR symbol = $2)"
          + " AND executed_at < $3 AND (executed_at, id) > ($4, $5) ORDER BY executed_at, id LIMIT $6";

  static final String ORDERS =
      "SELECT "
          + OrderRow.COLUMNS
          + " FROM market_orders WHERE user_id = $1 AND ($2::text IS NULL OR symbol = $2)"
          + " AND created_at < $3 AND (created_at, id) > ($4, $5) ORDER BY created_at, id LIMIT $6";

  // Candles of the trades inside [from, to), after the cursor bucket; open and close are the first
  // and last trade by id, as on GET …/candles. $2 is the bucket width; $3 is from, or the cursor
  // bucket's start when later (no trade of a later bucket is older than it).
  private static final String CANDLES =
      """
      SELECT bucket, (array_agg(price_cents ORDER BY id))[1] AS open, MAX(price_cents) AS high, MIN(price_cents) AS low,
        (array_agg(price_cents ORDER BY id DESC))[1] AS close, SUM(quantity) AS volume, COUNT(*) AS trades
      FROM (SELECT id, price_cents, quantity, %s AS bucket
            FROM market_trades WHERE symbol = $1 AND executed_at >= $3 AND executed_at < $4) t
      WHERE bucket > $5 GROUP BY bucket ORDER BY bucket LIMIT $6""";

  static final String FIXED_CANDLES =
      CANDLES.formatted(
          "date_bin($2::text::interval, executed_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')");

  /** Daily buckets start at midnight in the market's time zone ($2). */
  static final String DAILY_CANDLES =
      CANDLES.formatted("date_trunc('day', executed_at AT TIME ZONE $2) AT TIME ZONE $2");

  static final String INSTRUMENT_STATUS = "SELECT status FROM market_instruments WHERE symbol = $1";

  private ExportSql() {}
}
