package io.showfloor.commerce.loyalty;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily live-show bonus and its streak. Watching counts distinct minutes (Redis set per user
 * and UTC day, one member per minute of Redis's own clock, so heartbeats from several tabs or nodes
 * count once); buying counts when a paid order was placed while its show was live. The first
 * qualifying event of a day writes the day (primary key user + day) and its points (loyalty entry
 * keyed {@code streak:<user>:<day>}) in one transaction, so a day pays once however many nodes see
 * it.
 */
public final class LiveStreaks {
  private static final Logger LOG = LoggerFactory.getLogger(LiveStreaks.class);
  // adds this minute to the user's set for today; answers {epoch day, minutes watched today, day
  // already paid}
  private static final String WATCH =
      """
      local t = redis.call('TIME')
      local now = tonumber(t[1])
      local day = math.floor(now / 86400)
      local key = KEYS[1] .. ':' .. day
      redis.call('SADD', key, math.floor(now / tonumber(ARGV[1])))
      redis.call('EXPIRE', key, 172800)
      return {day, redis.call('SCARD', key), redis.call('EXISTS', KEYS[2] .. ':' .. day)}""";
  private static final String WATCHED =
      """
      local t = redis.call('TIME')
      local day = math.floor(tonumber(t[1]) / 86400)
      return redis.call('SCARD', KEYS[1] .. ':' .. day)""";
  private static final String CLAIM_DAY =
      """
      INSERT INTO loyalty_streak_days (user_id, day, source, streak, points)
      VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, day) DO NOTHING RETURNING streak""";
  private static final String BOUGHT_LIVE =
      """
      SELECT EXISTS (SELECT 1 FROM orders o JOIN shows s ON s.id = o.show_id
                     WHERE o.id = ANY($1::bigint[]) AND s.started_at IS NOT NULL AND o.created_at >= s.started_at
                       AND (s.ended_at IS NULL OR o.created_at <= s.ended_at)) AS live,
             (now() AT TIME ZONE 'UTC')::date AS today""";

  private final Database db;
  private final RedisStore redis;
  private final StreakRules rules;
  private final Loyalty loyalty;
  private final long minuteSeconds;

  /** {@code minuteSeconds}: how long a "minute" of watching is (tests shorten it). */
  LiveStreaks(
      Database db, RedisStore redis, Loyalty loyalty, StreakRules rules, long minuteSeconds) {
    this.db = db;
    this.redis = redis;
    this.loyalty = loyalty;
    this.rules = rules;
    this.minuteSeconds = minuteSeconds;
  }

  private static String watchKey(long userId) {
    return "watch:" + userId;
  }

  /**
   * Set once a day is paid, so later heartbeats skip the database; only a cache (the day's key
   * decides).
   */
  private static String paidKey(long userId) {
    return "streak-paid:" + userId;
  }

  /**
   * After a signed-in viewer's heartbeat in a live show: counts the minute, and pays the day once
   * it qualifies.
   */
  public Future<Void> watched(long userId) {
    return redis
        .api()
        .eval(List.of(WATCH, "2", watchKey(userId), paidKey(userId), String.valueOf(minuteSeconds)))
        .compose(
            answer -> {
              long epochDay = answer.get(0).toLong();
              long minutes = answer.get(1).toLong();
              if (minutes < rules.watchMinutes() || answer.get(2).toLong() == 1) {
                return Future.succeededFuture();
              }
              // the day's key in the database makes a second try (another node, a lost flag) a
              // no-op
              return db.tx(conn -> award(conn, userId, LocalDate.ofEpochDay(epochDay), "watch"))
                  .compose(
                      v ->
                          redis
                              .api()
                              .set(List.of(paidKey(userId) + ":" + epochDay, "1", "EX", "172800")))
                  .<Void>mapEmpty();
            })
        .onFailure(e -> LOG.warn("Watch streak for user {} not counted: {}", userId, e.toString()))
        .recover(e -> Future.succeededFuture());
  }

  /**
   * Inside a checkout's payment transaction: orders placed while their show was live qualify today.
   */
  Future<Void> bought(SqlConnection conn, long buyerId, List<Long> orderIds) {
    if (orderIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(BOUGHT_LIVE)
        .execute(Tuple.tuple().addArrayOfLong(orderIds.toArray(Long[]::new)))
        .compose(
            rows -> {
              Row row = rows.iterator().next();
              return row.getBoolean("live")
                  ? award(conn, buyerId, row.getLocalDate("today"), "buy")
                  : Future.succeededFuture();
            });
  }

  private Future<Void> award(SqlConnection conn, long userId, LocalDate day, String source) {
    return conn.preparedQuery(
            "SELECT streak FROM loyalty_streak_days WHERE user_id = $1 AND day = $2")
        .execute(Tuple.of(userId, day.minusDays(1)))
        .compose(
            rows -> {
              int yesterday =
                  rows.iterator().hasNext() ? rows.iterator().next().getInteger("streak") : 0;
              int streak = rules.streakAfter(yesterday);
              long points = rules.bonusFor(streak);
              return conn.preparedQuery(CLAIM_DAY)
                  .execute(Tuple.of(userId, day, source, streak, points))
                  .compose(
                      claimed ->
                          claimed.iterator().hasNext()
                              ? loyalty.add(
                                  conn,
                                  userId,
                                  points,
                                  "streak_bonus",
                                  0,
                                  null,
                                  null,
                                  "streak:" + userId + ":" + day)
                              : Future.succeededFuture());
            });
  }

  /**
   * The streak part of GET /api/loyalty: where the user stands today and what earns the next bonus.
   */
  Future<JsonObject> view(long userId) {
    Future<Row> last =
        db.one(
            """
        SELECT d.day, d.streak, d.points, (now() AT TIME ZONE 'UTC')::date AS today
        FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT day, streak, points FROM loyalty_streak_days WHERE user_id = $1
                                               ORDER BY day DESC LIMIT 1) d ON true""",
            Tuple.of(userId));
    Future<Long> watched =
        redis
            .api()
            .eval(List.of(WATCHED, "1", watchKey(userId)))
            .map(r -> r.toLong())
            .recover(e -> Future.succeededFuture(0L));
    return Future.all(last, watched)
        .map(
            done -> {
              Row row = last.result();
              LocalDate today = row.getLocalDate("today");
              LocalDate lastDay = row.getLocalDate("day");
              boolean earnedToday = today.equals(lastDay);
              boolean alive = earnedToday || today.minusDays(1).equals(lastDay);
              int streak = alive ? row.getInteger("streak") : 0;
              long minutesPerDay = rules.watchMinutes();
              JsonObject json =
                  new JsonObject()
                      .put("days", streak)
                      .put("earnedToday", earnedToday)
                      .put("todayPoints", earnedToday ? row.getLong("points") : 0L)
                      .put(
                          "nextBonusPoints",
                          rules.bonusFor(earnedToday ? streak + 1 : rules.streakAfter(streak)))
                      .put("nextBonusDay", (earnedToday ? today.plusDays(1) : today).toString())
                      .put("maxStreakDays", rules.maxStreakDays())
                      .put(
                          "earnBy",
                          new JsonObject()
                              .put("watchMinutes", minutesPerDay)
                              .put("watchedMinutesToday", Math.min(watched.result(), minutesPerDay))
                              .put("buyInLiveShow", true));
              return json;
            });
  }
}
