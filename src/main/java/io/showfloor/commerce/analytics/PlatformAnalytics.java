package io.showfloor.commerce.analytics;

import io.showfloor.ledger.LedgerAccount;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's numbers per bucket, for the admin console. GMV and orders as for sellers (by
 * payment time); platform fee revenue is the net movement of the ledger's {@code platform:fees}
 * account (commerce fees and market fees, less fees given back by refunds); market volume and fees
 * from the trades; a show is active in every bucket its live time overlaps.
 */
final class PlatformAnalytics {
  private static final List<String> METRICS =
      List.of(
          "gmvCents",
          "orders",
          "refundsCents",
          "platformFeesCents",
          "newUsers",
          "activeShows",
          "trades",
          "tradeVolumeCents",
          "tradeFeesCents");
  private static final String SALES =
      """
      SELECT date_trunc($3, paid_at AT TIME ZONE 'UTC') AS bucket, COUNT(*) AS orders,
             SUM(items_cents + shipping_cents) AS gmv
      FROM orders WHERE paid_at >= $1 AND paid_at < $2 GROUP BY 1""";
  private static final String REFUNDS =
      """
      SELECT date_trunc($3, completed_at AT TIME ZONE 'UTC') AS bucket, SUM(amount_cents) AS refunds
      FROM refunds WHERE status = 'succeeded' AND completed_at >= $1 AND completed_at < $2 GROUP BY 1""";
  // the fee account is credit-normal: revenue is minus the signed sum
  private static final String FEES =
      """
      SELECT date_trunc($3, e.created_at AT TIME ZONE 'UTC') AS bucket, -SUM(e.amount_cents) AS fees
      FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
      WHERE a.code = $4 AND e.created_at >= $1 AND e.created_at < $2 GROUP BY 1""";
  private static final String USERS =
      """
      SELECT date_trunc($3, created_at AT TIME ZONE 'UTC') AS bucket, COUNT(*) AS users
      FROM user_directory WHERE created_at >= $1 AND created_at < $2 GROUP BY 1""";
  private static final String TRADES =
      """
      SELECT date_trunc($3, executed_at AT TIME ZONE 'UTC') AS bucket, COUNT(*) AS trades, SUM(value_cents) AS volume,
             SUM(buyer_fee_cents + seller_fee_cents) AS fees
      FROM market_trades WHERE executed_at >= $1 AND executed_at < $2 GROUP BY 1""";
  // per bucket (clipped to the range): shows whose live time [started_at, ended_at or now) overlaps
  // it
  private static final String ACTIVE_SHOWS =
      """
      SELECT w.start AS bucket_start, COUNT(s.id) AS shows
      FROM unnest($1::timestamptz[], $2::timestamptz[], $3::timestamptz[]) AS w(start, lo, hi)
      LEFT JOIN shows s ON s.started_at IS NOT NULL AND s.started_at < w.hi AND COALESCE(s.ended_at, now()) > w.lo
      GROUP BY w.start""";
  private static final String ACTIVE_SHOWS_TOTAL =
      """
      SELECT COUNT(*) AS shows FROM shows
      WHERE started_at IS NOT NULL AND started_at < $2 AND COALESCE(ended_at, now()) > $1""";

  private final Database db;
  private final SubscriberFigures subscriptionFigures;

  PlatformAnalytics(Database db, SubscriberFigures subscriptionFigures) {
    this.db = db;
    this.subscriptionFigures = subscriptionFigures;
  }

  Future<JsonObject> of(AnalyticsRange range) {
    Tuple window = Tuple.of(range.fromUtc(), range.toUtc(), range.bucket().sqlField());
    var sales = db.query(SALES, window);
    var refunds = db.query(REFUNDS, window);
    var fees =
        db.query(
            FEES,
            Tuple.of(
                range.fromUtc(),
                range.toUtc(),
                range.bucket().sqlField(),
                LedgerAccount.platformFees().code()));
    var users = db.query(USERS, window);
    var trades = db.query(TRADES, window);
    List<Instant> starts = range.bucketStarts();
    List<OffsetDateTime> bucketIds = new ArrayList<>();
    List<OffsetDateTime> lows = new ArrayList<>();
    List<OffsetDateTime> highs = new ArrayList<>();
    for (Instant start : starts) {
      bucketIds.add(start.atOffset(ZoneOffset.UTC));
      lows.add((start.isBefore(range.from()) ? range.from() : start).atOffset(ZoneOffset.UTC));
      Instant end = range.endOf(start);
      highs.add((end.isAfter(range.to()) ? range.to() : end).atOffset(ZoneOffset.UTC));
    }
    var shows =
        db.query(
            ACTIVE_SHOWS,
            Tuple.tuple()
                .addArrayOfOffsetDateTime(bucketIds.toArray(OffsetDateTime[]::new))
                .addArrayOfOffsetDateTime(lows.toArray(OffsetDateTime[]::new))
                .addArrayOfOffsetDateTime(highs.toArray(OffsetDateTime[]::new)));
    var showsTotal = db.one(ACTIVE_SHOWS_TOTAL, Tuple.of(range.fromUtc(), range.toUtc()));
    var subscriptions = subscriptionFigures.over(range.from(), range.to());
    return Future.all(
            List.of(sales, refunds, fees, users, trades, shows, showsTotal, subscriptions))
        .map(
            done -> {
              BucketSeries series =
                  new BucketSeries(range, METRICS)
                      .add(sales.result(), "gmv", "gmvCents")
                      .add(sales.result(), "orders", "orders")
                      .add(refunds.result(), "refunds", "refundsCents")
                      .add(fees.result(), "fees", "platformFeesCents")
                      .add(users.result(), "users", "newUsers")
                      .add(trades.result(), "trades", "trades")
                      .add(trades.result(), "volume", "tradeVolumeCents")
                      .add(trades.result(), "fees", "tradeFeesCents");
              for (Row row : shows.result()) {
                series.set(
                    row.getOffsetDateTime("bucket_start").toInstant(),
                    "activeShows",
                    row.getLong("shows"));
              }
              JsonObject totals = new JsonObject();
              METRICS.forEach(m -> totals.put(m, series.total(m)));
              // a show live across several buckets is one show over the whole range
              totals.put("activeShows", showsTotal.result().getLong("shows"));
              return Analytics.envelope(range)
                  .put("buckets", series.toJson())
                  .put("totals", totals)
                  .put("subscriptions", subscriptions.result());
            });
  }
}
