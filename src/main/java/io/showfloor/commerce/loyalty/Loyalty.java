package io.showfloor.commerce.loyalty;

import io.showfloor.commerce.checkout.CheckoutListener;
import io.showfloor.commerce.checkout.PointsRedemption;
import io.showfloor.commerce.order.Order;
import io.showfloor.commerce.order.RefundReversal;
import io.showfloor.commerce.order.Refunds;
import io.showfloor.commerce.order.Splits;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Loyalty points, always in the same database transaction as their cause: earned when a checkout's
 * orders are paid (tier multiplier from the rolling 12-month spend before the purchase, plus a
 * bonus for orders from a live show), spent at checkout, given back when the card is declined, and
 * reversed in proportion when an order is refunded (points earned are taken back, points spent are
 * returned). Every entry has an idempotency key, so nothing is awarded twice.
 */
public final class Loyalty implements PointsRedemption, CheckoutListener, Refunds.RefundListener {
  /*
   * The tier's rolling 12-month spend is kept next to the points (V039): loyalty_balances.spend_cents is
   * the sum of the user's entries' spend_cents created after spend_since, and spend_since never comes
   * closer than 12 months to now. Every statement that inserts entries moves it by what it inserted (a
   * refund's negative spend too) and subtracts what aged out of the window since spend_since, then moves
   * spend_since up; a read subtracts what aged out since the last write. Both only look at entries in
   * (spend_since, now() - 12 months], found through loyalty_entries_spend: usually none. Before this,
   * every checkout summed the buyer's whole year of entries (bench/README.md, session 4).
   */
  private static final String AGED =
      """
      COALESCE((SELECT SUM(a.spend_cents) FROM loyalty_entries a
                WHERE a.user_id = loyalty_balances.user_id AND a.spend_cents <> 0
                  AND a.created_at > loyalty_balances.spend_since AND a.created_at <= now() - interval '12 months'), 0)""";
  private static final String MOVE_BALANCE =
      """
      ON CONFLICT (user_id) DO UPDATE SET points = loyalty_balances.points + EXCLUDED.points,
        spend_cents = loyalty_balances.spend_cents + EXCLUDED.spend_cents - """
          + AGED
          + """
      ,
        spend_since = GREATEST(loyalty_balances.spend_since, now() - interval '12 months')""";
  private static final String ADD =
      """
      WITH e AS (
        INSERT INTO loyalty_entries (user_id, points, kind, spend_cents, order_id, checkout_id, idempotency_key)
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING RETURNING user_id, points, spend_cents)
      INSERT INTO loyalty_balances (user_id, points, spend_cents) SELECT user_id, points, spend_cents FROM e
      """
          + MOVE_BALANCE;
  // a checkout's earn and bonus entries in one statement; the balance moves by what was actually
  // inserted
  private static final String ADD_ALL =
      """
      WITH e AS (
        INSERT INTO loyalty_entries (user_id, points, kind, spend_cents, order_id, checkout_id, idempotency_key)
        SELECT $1, x.points, x.kind, x.spend, x.order_id, $2, x.key
        FROM unnest($3::bigint[], $4::text[], $5::bigint[], $6::bigint[], $7::text[]) AS x(points, kind, spend, order_id, key)
        ON CONFLICT (idempotency_key) DO NOTHING RETURNING points, spend_cents)
      INSERT INTO loyalty_balances (user_id, points, spend_cents) SELECT $1, SUM(points), SUM(spend_cents) FROM e HAVING COUNT(*) > 0
      """
          + MOVE_BALANCE;
  // the same window as SUM(spend_cents) WHERE created_at > now() - 12 months, without reading the
  // year
  private static final String SPEND_12M =
      """
      SELECT COALESCE((SELECT loyalty_balances.spend_cents - """
          + AGED
          + """
       FROM loyalty_balances WHERE user_id = $1), 0) AS spend""";

  private final Database db;
  private final RedisStore redis;
  private final LoyaltyRules rules;
  private final LiveStreaks streaks;

  public Loyalty(
      Database db,
      RedisStore redis,
      LoyaltyRules rules,
      StreakRules streakRules,
      long streakMinuteSeconds) {
    this.db = db;
    this.redis = redis;
    this.rules = rules;
    this.streaks = new LiveStreaks(db, redis, this, streakRules, streakMinuteSeconds);
  }

  /**
   * The daily live-show bonus; the shows domain reports watching to {@link LiveStreaks#watched}.
   */
  public LiveStreaks streaks() {
    return streaks;
  }

  Future<Void> add(
      SqlConnection conn,
      long userId,
      long points,
      String kind,
      long spendCents,
      @Nullable Long orderId,
      @Nullable Long checkoutId,
      String key) {
    if (points == 0) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(ADD)
        .execute(Tuple.of(userId, points, kind, spendCents, orderId, checkoutId, key))
        .mapEmpty();
  }

  // ---- earning ----

  @Override
  public Future<Void> paid(SqlConnection conn, long buyerId, long checkoutId, List<Order> orders) {
    if (orders.isEmpty()) {
      return Future.succeededFuture();
    }
    return spend12m(conn, buyerId).compose(spend -> earn(conn, buyerId, checkoutId, orders, spend));
  }

  /**
   * The tier's 12-month spend is read as soon as the buyer is known (with the checkout's own
   * statements, no round trip of its own); the entries are written once the orders are.
   */
  @Override
  public Prepared prepare(SqlConnection conn, long buyerId) {
    Future<Long> spend = spend12m(conn, buyerId);
    return new Prepared() {
      @Override
      public Future<?> read() {
        return spend;
      }

      @Override
      public Future<Void> paid(SqlConnection c, long checkoutId, List<Order> orders) {
        return orders.isEmpty()
            ? Future.succeededFuture()
            : spend.compose(s -> earn(c, buyerId, checkoutId, orders, s));
      }
    };
  }

  /** The earn (and live-show bonus) entries of paid orders, at the tier of {@code spend}. */
  private Future<Void> earn(
      SqlConnection conn, long buyerId, long checkoutId, List<Order> orders, long spend) {
    LoyaltyRules.Tier tier = rules.standing(spend).tier();
    List<Long> points = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<Long> spends = new ArrayList<>();
    List<Long> orderIds = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (Order order : orders) {
      long earned = rules.pointsFor(order.totalCents(), tier);
      long bonus = order.showId() != null ? rules.liveShowBonus(earned) : 0;
      // the earn entry is written even for 0 points: it carries the spend that counts towards the
      // tier
      points.add(earned);
      kinds.add("earn");
      spends.add(order.totalCents());
      orderIds.add(order.id());
      keys.add("earn:order:" + order.id());
      if (bonus > 0) {
        points.add(bonus);
        kinds.add("show_bonus");
        spends.add(0L);
        orderIds.add(order.id());
        keys.add("bonus:order:" + order.id());
      }
    }
    Future<Void> entered =
        conn.preparedQuery(ADD_ALL)
            .execute(
                Tuple.of(buyerId, checkoutId)
                    .addArrayOfLong(points.toArray(Long[]::new))
                    .addArrayOfString(kinds.toArray(String[]::new))
                    .addArrayOfLong(spends.toArray(Long[]::new))
                    .addArrayOfLong(orderIds.toArray(Long[]::new))
                    .addArrayOfString(keys.toArray(String[]::new)))
            .mapEmpty();
    List<Long> fromShows = orders.stream().filter(o -> o.showId() != null).map(Order::id).toList();
    return entered.compose(v -> streaks.bought(conn, buyerId, fromShows));
  }

  // ---- spending at checkout ----

  @Override
  public Future<Long> redeem(
      SqlConnection conn, long buyerId, long points, long maxDiscountCents, long checkoutId) {
    long[] spent = rules.redeem(points, maxDiscountCents);
    if (spent[0] == 0) {
      return Future.failedFuture(
          Refused.unprocessable(
              "insufficient_points", "These points buy no discount on this cart"));
    }
    return conn.preparedQuery(
            "UPDATE loyalty_balances SET points = points - $2 WHERE user_id = $1 AND points >= $2")
        .execute(Tuple.of(buyerId, spent[0]))
        .compose(
            rows ->
                rows.rowCount() == 0
                    ? Future.failedFuture(
                        Refused.unprocessable(
                            "insufficient_points", "You do not have " + spent[0] + " points"))
                    : conn.preparedQuery(
                            """
                    INSERT INTO loyalty_entries (user_id, points, kind, checkout_id, idempotency_key)
                    VALUES ($1, $2, 'redeem', $3, $4)""")
                        .execute(
                            Tuple.of(
                                buyerId, -spent[0], checkoutId, "redeem:checkout:" + checkoutId))
                        .map(v -> spent[1]));
  }

  @Override
  public Future<Void> restore(SqlConnection conn, long checkoutId) {
    return conn.preparedQuery(
            "SELECT user_id, points FROM loyalty_entries WHERE idempotency_key = $1")
        .execute(Tuple.of("redeem:checkout:" + checkoutId))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.succeededFuture();
              }
              Row row = rows.iterator().next();
              return add(
                  conn,
                  row.getLong("user_id"),
                  -row.getLong("points"),
                  "restore",
                  0,
                  null,
                  checkoutId,
                  "restore:checkout:" + checkoutId);
            });
  }

  // ---- refunds ----

  /** Takes back the points earned on the refunded part, and returns the points spent on it. */
  @Override
  public Future<Void> refunded(
      SqlConnection conn, Order order, long refundId, RefundReversal reversal) {
    return conn.preparedQuery(
            """
            SELECT COALESCE(SUM(points), 0) AS earned, COALESCE(SUM(spend_cents) FILTER (WHERE kind = 'earn'), 0) AS spend
            FROM loyalty_entries WHERE idempotency_key = ANY($1::text[])""")
        // an order's earn and bonus entries by their keys (unique index): loyalty_entries has no
        // index on order_id
        .execute(
            Tuple.tuple()
                .addArrayOfString(
                    new String[] {"earn:order:" + order.id(), "bonus:order:" + order.id()}))
        .compose(
            rows -> {
              Row row = rows.iterator().next();
              long earned = row.getLong("earned");
              long spend = row.getLong("spend");
              long before = order.refundPostedCents();
              long after = before + reversal.cashCents();
              // the same cumulative floor rule as the money: refunds in steps take back exactly
              // what was earned
              long pointsBack =
                  Splits.reversedSoFar(earned, after, order.totalCents())
                      - Splits.reversedSoFar(earned, before, order.totalCents());
              long spendBack =
                  Splits.reversedSoFar(spend, after, order.totalCents())
                      - Splits.reversedSoFar(spend, before, order.totalCents());
              long restored = reversal.discountCents() / rules.pointValueCents();
              Future<Void> reversed =
                  pointsBack > 0 || spendBack > 0
                      ? conn.preparedQuery(ADD)
                          .execute(
                              Tuple.of(
                                  order.buyerId(),
                                  -pointsBack,
                                  "reverse",
                                  -spendBack,
                                  order.id(),
                                  null,
                                  "reverse:refund:" + refundId))
                          .mapEmpty()
                      : Future.succeededFuture();
              return reversed.compose(
                  v ->
                      restored > 0
                          ? add(
                              conn,
                              order.buyerId(),
                              restored,
                              "restore",
                              0,
                              order.id(),
                              null,
                              "restore:refund:" + refundId)
                          : Future.succeededFuture());
            });
  }

  // ---- reading ----

  private static Future<Long> spend12m(SqlClient client, long userId) {
    return client
        .preparedQuery(SPEND_12M)
        .execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next().getLong("spend"));
  }

  /** GET /api/loyalty: points, tier, progress to the next tier and recent history. */
  public Future<JsonObject> view(long userId) {
    var pool = db.pool();
    Future<Long> spend = spend12m(pool, userId);
    Future<Long> points =
        db.one("SELECT points FROM loyalty_balances WHERE user_id = $1", Tuple.of(userId))
            .map(row -> row == null ? 0L : row.getLong("points"));
    Future<JsonArray> history =
        db.query(
                """
            SELECT points, kind, order_id, checkout_id, created_at FROM loyalty_entries WHERE user_id = $1
            ORDER BY id DESC LIMIT 50""",
                Tuple.of(userId))
            .map(
                rows -> {
                  JsonArray list = new JsonArray();
                  for (Row row : rows) {
                    list.add(
                        new JsonObject()
                            .put("points", row.getLong("points"))
                            .put("kind", row.getString("kind"))
                            .put("orderId", row.getLong("order_id"))
                            .put("checkoutId", row.getLong("checkout_id"))
                            .put("at", row.getOffsetDateTime("created_at").toInstant().toString()));
                  }
                  return list;
                });
    Future<JsonObject> streak = streaks.view(userId);
    return Future.all(spend, points, history, streak)
        .map(
            done -> {
              LoyaltyRules.Standing standing = rules.standing(spend.result());
              JsonObject json =
                  new JsonObject()
                      .put("points", points.result())
                      .put("pointValueCents", rules.pointValueCents())
                      .put("tier", standing.tier().name())
                      .put("multiplierPercent", standing.tier().multiplierPercent())
                      .put("spend12mCents", standing.spendCents())
                      .put("progress", Math.round(standing.progress() * 1000) / 1000.0)
                      .put("history", history.result())
                      .put("streak", streak.result());
              if (standing.next() != null) {
                json.put("nextTier", standing.next().name())
                    .put("toNextTierCents", standing.toNextCents());
              }
              return json;
            });
  }
}
