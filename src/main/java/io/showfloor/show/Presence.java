package io.showfloor.show;

import io.showfloor.platform.infra.RedisStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Live viewer counts. Each show has a Redis sorted set: member = the viewer ("u:<userId>" or
 * "s:<sessionId>" for anonymous viewers), score = their last heartbeat in Redis server time. A
 * viewer counts while their last heartbeat is within the window, so a connection that drops without
 * a goodbye stops counting on its own, and every node sees the same count. Redis's clock is used
 * (TIME inside the scripts) so nodes with skewed clocks still agree.
 */
final class Presence {
  private static final String HEARTBEAT =
      """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local window = tonumber(ARGV[2])
      redis.call('ZADD', KEYS[1], now, ARGV[1])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
      redis.call('PEXPIRE', KEYS[1], window * 4)
      return redis.call('ZCARD', KEYS[1])
      """;
  private static final String COUNTS =
      """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local since = now - tonumber(ARGV[1])
      local counts = {}
      for i, key in ipairs(KEYS) do
        counts[i] = redis.call('ZCOUNT', key, since, '+inf')
      end
      return counts
      """;

  private final RedisStore redis;
  private final long windowMillis;

  Presence(RedisStore redis, int windowSeconds) {
    this.redis = redis;
    this.windowMillis = windowSeconds * 1000L;
  }

  static String key(long showId) {
    return "presence:show:" + showId;
  }

  static String member(long userId, @Nullable String sessionId) {
    return userId != 0 ? "u:" + userId : "s:" + sessionId;
  }

  int windowSeconds() {
    return (int) (windowMillis / 1000);
  }

  /** Records a heartbeat and answers the current count. */
  Future<Long> heartbeat(long showId, String member) {
    return redis
        .api()
        .eval(List.of(HEARTBEAT, "1", key(showId), member, String.valueOf(windowMillis)))
        .map(r -> r.toLong());
  }

  Future<Void> leave(long showId, String member) {
    return redis.api().zrem(List.of(key(showId), member)).mapEmpty();
  }

  /** Viewers whose last heartbeat is within the window. */
  Future<Long> count(long showId) {
    return counts(List.of(showId)).map(one -> one.get(0));
  }

  /**
   * The counts of several shows, in the order given, in one script call (one round trip and one
   * clock reading for all of them, however many shows are live).
   */
  Future<List<Long>> counts(List<Long> showIds) {
    if (showIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<String> args = new ArrayList<>(showIds.size() + 3);
    args.add(COUNTS);
    args.add(String.valueOf(showIds.size()));
    for (long showId : showIds) {
      args.add(key(showId));
    }
    args.add(String.valueOf(windowMillis));
    return redis
        .api()
        .eval(args)
        .map(
            reply -> {
              List<Long> counts = new ArrayList<>(reply.size());
              for (int i = 0; i < reply.size(); i++) {
                counts.add(reply.get(i).toLong());
              }
              return counts;
            });
  }

  /** After a show ends nobody is watching it live. */
  Future<Void> clear(long showId) {
    return redis.api().del(List.of(key(showId))).mapEmpty();
  }
}
