package io.showfloor.market;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * A trader's public record from their trades: count and volume of every fill on either side, and of
 * the round trips (each sale closes shares bought earlier; it wins when its realized P&L, after
 * fees, is above zero): win rate, best one, the current and longest run of wins, and the all-time
 * realized P&L rank (the leaderboard's "all").
 */
final class TraderStats {
  private static final String TOTALS =
      """
      SELECT count(*) AS trades, coalesce(sum(value_cents), 0) AS volume,
             count(*) FILTER (WHERE seller_id = $1) AS round_trips,
             count(*) FILTER (WHERE seller_id = $1 AND seller_realized_pnl_cents > 0) AS wins,
             coalesce(sum(seller_realized_pnl_cents) FILTER (WHERE seller_id = $1), 0) AS realized
      FROM market_trades WHERE (buyer_id = $1 OR seller_id = $1) AND symbol !~ '^Z[0-9]'""";
  private static final String BEST =
      """
      SELECT id, symbol, quantity, price_cents, seller_realized_pnl_cents AS pnl, executed_at
      FROM market_trades WHERE seller_id = $1 AND symbol !~ '^Z[0-9]'
      ORDER BY seller_realized_pnl_cents DESC, id LIMIT 1""";
  // runs of wins by gaps and islands: a win's run is its position among sales minus its position
  // among wins
  private static final String STREAKS =
      """
      WITH sales AS (
        SELECT seller_realized_pnl_cents > 0 AS won,
               row_number() OVER (ORDER BY executed_at, id) AS n,
               row_number() OVER (PARTITION BY seller_realized_pnl_cents > 0 ORDER BY executed_at, id) AS k
        FROM market_trades WHERE seller_id = $1 AND symbol !~ '^Z[0-9]'),
      runs AS (SELECT n - k AS run, count(*) AS length, max(n) AS last FROM sales WHERE won GROUP BY n - k)
      SELECT coalesce(max(length), 0) AS longest,
             coalesce(max(length) FILTER (WHERE last = (SELECT max(n) FROM sales)), 0) AS current
      FROM runs""";
  private static final String RANK =
      """
      SELECT rank FROM (
        SELECT seller_id, row_number() OVER (ORDER BY sum(seller_realized_pnl_cents) DESC, seller_id) AS rank
        FROM market_trades WHERE symbol !~ '^Z[0-9]' GROUP BY seller_id) ranked
      WHERE seller_id = $1""";

  private final Database db;
  private final TraderProfiles profiles;

  TraderStats(Database db, TraderProfiles profiles) {
    this.db = db;
    this.profiles = profiles;
  }

  Future<JsonObject> of(long userId) {
    Tuple id = Tuple.of(userId);
    return profiles
        .publicProfile(userId)
        .compose(
            profile -> {
              if (profile == null) {
                return Future.failedFuture(Refused.notFound("trader_not_found", "No such trader"));
              }
              return Future.all(
                      db.query(TOTALS, id),
                      db.query(BEST, id),
                      db.query(STREAKS, id),
                      db.query(RANK, id))
                  .map(
                      all -> {
                        Row totals = first(all.resultAt(0));
                        Row best = first(all.resultAt(1));
                        Row streaks = first(all.resultAt(2));
                        Row rank = first(all.resultAt(3));
                        long roundTrips = totals == null ? 0 : totals.getLong("round_trips");
                        long wins = totals == null ? 0 : totals.getLong("wins");
                        return new JsonObject()
                            .put("id", userId)
                            .mergeIn(profile)
                            .put("totalTrades", totals == null ? 0L : totals.getLong("trades"))
                            .put("volumeCents", totals == null ? 0L : totals.getLong("volume"))
                            .put("roundTrips", roundTrips)
                            .put("winningRoundTrips", wins)
                            // basis points: 6667 is 66.67 %
                            .put(
                                "winRateBps",
                                roundTrips == 0 ? null : Math.round(wins * 10_000.0 / roundTrips))
                            .put(
                                "realizedPnlCents",
                                totals == null ? 0L : totals.getLong("realized"))
                            .put("bestTrade", best == null ? null : bestTrade(best))
                            .put("currentStreak", streaks == null ? 0L : streaks.getLong("current"))
                            .put("longestStreak", streaks == null ? 0L : streaks.getLong("longest"))
                            .put("rank", rank == null ? null : rank.getLong("rank"));
                      });
            });
  }

  private static JsonObject bestTrade(Row row) {
    return new JsonObject()
        .put("tradeId", row.getLong("id"))
        .put("symbol", row.getString("symbol"))
        .put("quantity", row.getLong("quantity"))
        .put("priceCents", row.getLong("price_cents"))
        .put("pnlCents", row.getLong("pnl"))
        .put("executedAt", row.getOffsetDateTime("executed_at").toInstant().toString());
  }

  private static @org.jspecify.annotations.Nullable Row first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : rows.iterator().next();
  }
}
