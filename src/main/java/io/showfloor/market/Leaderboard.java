package io.showfloor.market;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily P&L ranking: each trader's realized profit or loss on the day's sales (proceeds after
 * fees minus the average cost of the shares sold), in a Redis sorted set per day. Book owners add
 * to it after each commit; it is rebuilt from market_trades whenever its marker has expired (every
 * {@link #REBUILD_SECONDS} s at most), so a lost or doubled increment lives no longer than that.
 */
public final class Leaderboard {
  private static final Logger LOG = LoggerFactory.getLogger(Leaderboard.class);
  static final int TOP = 50;
  static final int REBUILD_SECONDS = 30;
  private static final int KEEP_SECONDS = 3 * 24 * 3600;
  // increments only while the set is known complete; otherwise the next read rebuilds it anyway
  private static final String ADD =
      """
      if redis.call('EXISTS', KEYS[2]) == 1 then
        for i = 1, #ARGV, 2 do redis.call('ZINCRBY', KEYS[1], ARGV[i + 1], ARGV[i]) end
      end
      return 1""";
  private static final String REPLACE =
      """
      redis.call('DEL', KEYS[1])
      for i = 3, #ARGV, 2 do redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i]) end
      redis.call('EXPIRE', KEYS[1], ARGV[2])
      redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
      return 1""";
  private static final String DAY_PNL =
      """
      SELECT seller_id, SUM(seller_realized_pnl_cents) AS pnl FROM market_trades
      WHERE executed_at >= $1 AND executed_at < $2 AND symbol !~ '^Z[0-9]' GROUP BY seller_id""";
  private static final String HISTORY =
      """
      SELECT seller_id, (executed_at AT TIME ZONE $2)::date AS day, SUM(seller_realized_pnl_cents) AS pnl
      FROM market_trades WHERE seller_id = ANY($1::bigint[]) AND executed_at >= $3 AND executed_at < $4
        AND symbol !~ '^Z[0-9]'
      GROUP BY seller_id, day""";

  // week, month and all time are summed in PostgreSQL on each read (one indexed range scan)
  private static final String PERIOD_PNL =
      """
      WITH totals AS (
        SELECT seller_id, SUM(seller_realized_pnl_cents) AS pnl FROM market_trades
        WHERE executed_at >= $1 AND executed_at < $2 AND symbol !~ '^Z[0-9]' GROUP BY seller_id),
      ranked AS (
        SELECT seller_id, pnl, row_number() OVER (ORDER BY pnl DESC, seller_id) AS rank FROM totals)
      SELECT seller_id, pnl, rank FROM ranked WHERE rank <= $3 OR seller_id = $4 ORDER BY rank""";

  private final Database db;
  private final RedisStore redis;
  private final MarketSettings settings;

  public Leaderboard(Database db, RedisStore redis, MarketSettings settings) {
    this.db = db;
    this.redis = redis;
    this.settings = settings;
  }

  static String key(LocalDate day) {
    return "market:leaderboard:day:" + day;
  }

  /** Adds committed sales' realized P&L (user id to cents) to the day's ranking. Best effort. */
  public void add(LocalDate day, Map<Long, Long> pnlByUser) {
    if (pnlByUser.isEmpty()) {
      return;
    }
    List<String> args = new ArrayList<>(List.of(ADD, "2", key(day), key(day) + ":built"));
    pnlByUser.forEach(
        (user, pnl) -> {
          args.add(String.valueOf(user));
          args.add(String.valueOf(pnl));
        });
    redis
        .api()
        .eval(args)
        .onFailure(e -> LOG.warn("Leaderboard increment failed: {}", e.toString()));
  }

  public Future<JsonObject> day(LocalDate day, long callerId) {
    String key = key(day);
    return redis
        .api()
        .exists(List.of(key + ":built"))
        .compose(built -> built.toInteger() == 1 ? Future.succeededFuture() : rebuild(day))
        .compose(
            v ->
                Future.all(
                    redis.api().zrevrange(List.of(key, "0", String.valueOf(TOP - 1), "WITHSCORES")),
                    callerId == 0
                        ? Future.succeededFuture(null)
                        : redis.api().zrevrank(key, String.valueOf(callerId)),
                    callerId == 0
                        ? Future.succeededFuture(null)
                        : redis.api().zscore(key, String.valueOf(callerId))))
        .compose(
            all -> {
              List<long[]> top = entries(all.resultAt(0));
              List<Long> users = new ArrayList<>();
              top.forEach(entry -> users.add(entry[0]));
              if (callerId != 0) {
                users.add(callerId);
              }
              return Future.all(names(users), streaks(users, day))
                  .map(
                      extra -> {
                        Map<Long, String> names = extra.resultAt(0);
                        Map<Long, Integer> streaks = extra.resultAt(1);
                        JsonArray entries = new JsonArray();
                        int rank = 0;
                        for (long[] entry : top) {
                          entries.add(
                              new JsonObject()
                                  .put("rank", ++rank)
                                  .put("userId", entry[0])
                                  .put("displayName", names.get(entry[0]))
                                  .put("pnlCents", entry[1])
                                  .put("winStreak", streaks.getOrDefault(entry[0], 0)));
                        }
                        JsonObject you = null;
                        if (callerId != 0) {
                          Response myRank = all.resultAt(1);
                          Response myScore = all.resultAt(2);
                          you =
                              new JsonObject()
                                  .put("rank", myRank == null ? null : myRank.toInteger() + 1)
                                  .put(
                                      "pnlCents",
                                      myScore == null ? 0L : Math.round(myScore.toDouble()))
                                  .put("winStreak", streaks.getOrDefault(callerId, 0));
                        }
                        return new JsonObject()
                            .put("period", "day")
                            .put("day", day.toString())
                            .put("entries", entries)
                            .put("you", you);
                      });
            });
  }

  /** The first trading day of a period that ends with {@code day}: its week, month, or ever. */
  static LocalDate periodStart(String period, LocalDate day) {
    return switch (period) {
      case "day" -> day;
      case "week" -> day.minusDays(day.getDayOfWeek().getValue() - 1L);
      case "month" -> day.withDayOfMonth(1);
      case "all" -> LocalDate.of(2000, 1, 1);
      default -> throw new IllegalArgumentException("unknown period " + period);
    };
  }

  /**
   * The ranking of realized P&L summed over the week (from Monday), month or all time up to and
   * including {@code day}; the same entries as {@link #day}.
   */
  public Future<JsonObject> period(String period, LocalDate day, long callerId) {
    if ("day".equals(period)) {
      return day(day, callerId);
    }
    LocalDate from = periodStart(period, day);
    Tuple args =
        Tuple.of(
            settings.schedule().startOfDay(from).atOffset(ZoneOffset.UTC),
            settings.schedule().startOfDay(day.plusDays(1)).atOffset(ZoneOffset.UTC),
            TOP,
            callerId);
    return db.query(PERIOD_PNL, args)
        .compose(
            rows -> {
              List<long[]> ranked = new ArrayList<>();
              rows.forEach(
                  row ->
                      ranked.add(
                          new long[] {
                            row.getLong("seller_id"), row.getLong("pnl"), row.getLong("rank")
                          }));
              List<Long> users = ranked.stream().map(entry -> entry[0]).toList();
              return Future.all(names(users), streaks(users, day))
                  .map(
                      extra -> {
                        Map<Long, String> names = extra.resultAt(0);
                        Map<Long, Integer> streaks = extra.resultAt(1);
                        JsonArray entries = new JsonArray();
                        JsonObject you =
                            callerId == 0
                                ? null
                                : new JsonObject()
                                    .put("rank", (Integer) null)
                                    .put("pnlCents", 0L)
                                    .put("winStreak", streaks.getOrDefault(callerId, 0));
                        for (long[] entry : ranked) {
                          if (entry[2] <= TOP) {
                            entries.add(
                                new JsonObject()
                                    .put("rank", (int) entry[2])
                                    .put("userId", entry[0])
                                    .put("displayName", names.get(entry[0]))
                                    .put("pnlCents", entry[1])
                                    .put("winStreak", streaks.getOrDefault(entry[0], 0)));
                          }
                          if (you != null && entry[0] == callerId) {
                            you.put("rank", (int) entry[2]).put("pnlCents", entry[1]);
                          }
                        }
                        return new JsonObject()
                            .put("period", period)
                            .put("day", day.toString())
                            .put("from", from.toString())
                            .put("entries", entries)
                            .put("you", you);
                      });
            });
  }

  /** Replaces the day's set with the sums in PostgreSQL. */
  Future<Void> rebuild(LocalDate day) {
    Tuple range =
        Tuple.of(
            settings.schedule().startOfDay(day).atOffset(ZoneOffset.UTC),
            settings.schedule().startOfDay(day.plusDays(1)).atOffset(ZoneOffset.UTC));
    return db.query(DAY_PNL, range)
        .compose(
            rows -> {
              List<String> args =
                  new ArrayList<>(
                      List.of(
                          REPLACE,
                          "2",
                          key(day),
                          key(day) + ":built",
                          String.valueOf(REBUILD_SECONDS),
                          String.valueOf(KEEP_SECONDS)));
              for (Row row : rows) {
                args.add(String.valueOf(row.getLong("seller_id")));
                args.add(String.valueOf(row.getLong("pnl")));
              }
              return redis.api().eval(args).mapEmpty();
            });
  }

  private static List<long[]> entries(Response withScores) {
    List<long[]> entries = new ArrayList<>();
    if (withScores == null) {
      return entries;
    }
    // RESP2 answers a flat [member, score, …]; RESP3 pairs [[member, score], …]
    if (withScores.size() > 0
        && withScores.get(0).size() == 2
        && withScores.get(0).get(0) != null) {
      for (Response pair : withScores) {
        entries.add(new long[] {pair.get(0).toLong(), Math.round(pair.get(1).toDouble())});
      }
      return entries;
    }
    for (int i = 0; i + 1 < withScores.size(); i += 2) {
      entries.add(
          new long[] {withScores.get(i).toLong(), Math.round(withScores.get(i + 1).toDouble())});
    }
    return entries;
  }

  private Future<Map<Long, String>> names(List<Long> users) {
    if (users.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.query(
            "SELECT id, display_name FROM user_directory WHERE id = ANY($1::bigint[])",
            Tuple.tuple().addArrayOfLong(users.toArray(Long[]::new)))
        .map(
            rows -> {
              Map<Long, String> names = new HashMap<>();
              rows.forEach(row -> names.put(row.getLong("id"), row.getString("display_name")));
              return names;
            });
  }

  /**
   * Days in a row, ending with {@code day}, on which each user's sales made money; idle non-trading
   * days are skipped (looks back 60 days).
   */
  private Future<Map<Long, Integer>> streaks(List<Long> users, LocalDate day) {
    if (users.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    LocalDate from = day.minusDays(60);
    Tuple args =
        Tuple.tuple()
            .addArrayOfLong(users.toArray(Long[]::new))
            .addString(settings.timeZone().getId())
            .addOffsetDateTime(settings.schedule().startOfDay(from).atOffset(ZoneOffset.UTC))
            .addOffsetDateTime(
                settings.schedule().startOfDay(day.plusDays(1)).atOffset(ZoneOffset.UTC));
    return db.query(HISTORY, args)
        .map(
            rows -> {
              Map<Long, Map<LocalDate, Long>> daily = new HashMap<>();
              for (Row row : rows) {
                daily
                    .computeIfAbsent(row.getLong("seller_id"), id -> new HashMap<>())
                    .put(row.getLocalDate("day"), row.getLong("pnl"));
              }
              Map<Long, Integer> streaks = new HashMap<>();
              daily.forEach(
                  (user, days) -> {
                    int streak = 0;
                    for (LocalDate d = day; !d.isBefore(from); d = d.minusDays(1)) {
                      Long pnl = days.get(d);
                      if (pnl == null && !isTradingDay(d)) {
                        continue; // a weekend without trading neither counts nor breaks the streak
                      }
                      if (pnl == null || pnl <= 0) {
                        break;
                      }
                      streak++;
                    }
                    streaks.put(user, streak);
                  });
              return streaks;
            });
  }

  private boolean isTradingDay(LocalDate day) {
    return settings.schedule().isTradingDay(day);
  }
}
