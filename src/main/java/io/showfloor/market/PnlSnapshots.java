package io.showfloor.market;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.NamedLease;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * P&L over time: every trader's equity (cash, locked cash and holdings at the last price) and
 * realized and unrealized P&L at the end of each day, the day's point in the series. The first pass
 * after midnight (market time zone) records the day that just ended, on the one node holding the
 * {@code market.pnl-snapshots} lease; a day already recorded is never taken again. A pass later
 * than {@code lateHours} into the day records nothing rather than stamp today's prices with
 * yesterday's date (a node that was down over midnight leaves that day out). Today's point is never
 * stored: the series computes it live from the portfolio, so a trader without any snapshot still
 * sees today.
 */
final class PnlSnapshots {
  static final String LEASE = "market.pnl-snapshots";
  static final int MAX_DAYS = 366;
  private static final int PAGE = 200;

  private static final String TRADERS =
      """
      SELECT DISTINCT h.user_id FROM market_holdings h
      WHERE h.user_id > $1
        AND NOT EXISTS (SELECT 1 FROM market_pnl_snapshots s WHERE s.user_id = h.user_id AND s.day = $2)
      ORDER BY h.user_id LIMIT $3""";
  private static final String INSERT =
      """
      INSERT INTO market_pnl_snapshots (user_id, day, cash_cents, market_value_cents, equity_cents,
        realized_pnl_cents, unrealized_pnl_cents)
      VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, day) DO NOTHING""";
  private static final String DAY_TAKEN = "SELECT 1 FROM market_pnl_snapshot_days WHERE day = $1";
  private static final String DAY_DONE =
      """
      INSERT INTO market_pnl_snapshot_days (day, traders)
      VALUES ($1, (SELECT count(*) FROM market_pnl_snapshots WHERE day = $1)) ON CONFLICT (day) DO NOTHING""";
  private static final String SERIES =
      """
      SELECT day, cash_cents, market_value_cents, equity_cents, realized_pnl_cents, unrealized_pnl_cents
      FROM market_pnl_snapshots WHERE user_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day""";

  private final Database db;
  private final TradingSchedule schedule;
  private final Portfolio portfolio;
  private final NamedLease lease;
  private final Duration lateness;

  PnlSnapshots(
      Database db,
      TradingSchedule schedule,
      Portfolio portfolio,
      NamedLease lease,
      Duration lateness) {
    this.db = db;
    this.schedule = schedule;
    this.portfolio = portfolio;
    this.lease = lease;
    this.lateness = lateness;
  }

  /** One point of a trader's series, from the table or computed live. */
  record Point(
      LocalDate day,
      long cashCents,
      long marketValueCents,
      long equityCents,
      long realizedPnlCents,
      long unrealizedPnlCents,
      boolean live) {

    static Point of(Row row) {
      return new Point(
          row.getLocalDate("day"),
          row.getLong("cash_cents"),
          row.getLong("market_value_cents"),
          row.getLong("equity_cents"),
          row.getLong("realized_pnl_cents"),
          row.getLong("unrealized_pnl_cents"),
          false);
    }

    /** The point a portfolio ({@link Portfolio#of}) stands for. */
    static Point of(LocalDate day, JsonObject portfolio, boolean live) {
      long cash = portfolio.getLong("cashCents") + portfolio.getLong("lockedCashCents");
      long value = portfolio.getLong("marketValueCents");
      return new Point(
          day,
          cash,
          value,
          cash + value,
          portfolio.getLong("realizedPnlCents"),
          portfolio.getLong("unrealizedPnlCents"),
          live);
    }

    /** The owner's view: money held as well as P&L. */
    JsonObject toJson() {
      return toPublicJson()
          .put("cashCents", cashCents)
          .put("marketValueCents", marketValueCents)
          .put("equityCents", equityCents);
    }

    /** What anyone may see on a trader's page: the P&L, not what they hold. */
    JsonObject toPublicJson() {
      return new JsonObject()
          .put("day", day.toString())
          .put("realizedPnlCents", realizedPnlCents)
          .put("unrealizedPnlCents", unrealizedPnlCents)
          .put("pnlCents", realizedPnlCents + unrealizedPnlCents)
          .put("live", live);
    }
  }

  /**
   * One pass of the job at {@code now}: under the lease, records the day before {@code now}'s day
   * if it is early enough and not recorded yet. Answers the day recorded, or null.
   */
  Future<@Nullable LocalDate> pass(Instant now) {
    LocalDate today = schedule.tradingDay(now);
    if (now.isAfter(schedule.startOfDay(today).plus(lateness))) {
      return Future.succeededFuture(null);
    }
    LocalDate day = today.minusDays(1);
    return lease
        .hold()
        .compose(
            held ->
                !held
                    ? Future.<@Nullable LocalDate>succeededFuture(null)
                    : db.query(DAY_TAKEN, Tuple.of(day))
                        .compose(
                            taken ->
                                taken.size() > 0
                                    ? Future.<@Nullable LocalDate>succeededFuture(null)
                                    : record(day, 0L)
                                        .compose(v -> db.query(DAY_DONE, Tuple.of(day)))
                                        .map(v -> day)));
  }

  /**
   * Snapshots the traders after {@code afterUserId} without a row for the day, a page at a time.
   */
  private Future<Void> record(LocalDate day, long afterUserId) {
    return db.query(TRADERS, Tuple.of(afterUserId, day, PAGE))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture();
              }
              List<Future<?>> writes = new ArrayList<>();
              long last = afterUserId;
              for (Row row : rows) {
                long userId = row.getLong("user_id");
                last = userId;
                writes.add(
                    portfolio
                        .of(userId)
                        .compose(held -> write(userId, Point.of(day, held, false))));
              }
              long next = last;
              return Future.all(writes)
                  .compose(
                      v -> rows.size() < PAGE ? Future.<Void>succeededFuture() : record(day, next));
            });
  }

  private Future<Void> write(long userId, Point point) {
    return db.query(
            INSERT,
            Tuple.of(
                userId,
                point.day(),
                point.cashCents(),
                point.marketValueCents(),
                point.equityCents(),
                point.realizedPnlCents(),
                point.unrealizedPnlCents()))
        .mapEmpty();
  }

  /**
   * The trader's points from {@code from} to {@code to}, with today's computed live when the range
   * reaches it.
   */
  Future<List<Point>> series(long userId, LocalDate from, LocalDate to, LocalDate today) {
    if (from.isAfter(to)) {
      throw Refused.invalid(
          "pnl_range_reversed", "from (" + from + ") must not be after to (" + to + ")");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw Refused.invalid(
          "pnl_range_too_long", "The series covers at most " + MAX_DAYS + " days at a time");
    }
    Future<List<Point>> stored =
        db.query(SERIES, Tuple.of(userId, from, to))
            .map(
                rows -> {
                  List<Point> points = new ArrayList<>();
                  for (Row row : rows) {
                    if (row.getLocalDate("day").isBefore(today)) {
                      points.add(Point.of(row));
                    }
                  }
                  return points;
                });
    if (today.isBefore(from) || today.isAfter(to)) {
      return stored;
    }
    return stored.compose(
        points ->
            portfolio
                .of(userId)
                .map(
                    held -> {
                      points.add(Point.of(today, held, true));
                      return points;
                    }));
  }

  static JsonObject page(LocalDate from, LocalDate to, List<Point> points, boolean owner) {
    JsonArray items = new JsonArray();
    points.forEach(p -> items.add(owner ? p.toJson() : p.toPublicJson()));
    return new JsonObject()
        .put("from", from.toString())
        .put("to", to.toString())
        .put("items", items);
  }
}
