package io.showfloor.platform.security;

import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.infra.RedisStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Fixed-window counters in Redis shared by every node: {@code limit} hits per {@code windowSeconds}
 * per key. Over the limit it fails with 429 and the seconds until the window resets.
 */
public final class RateLimiter {
  // INCR and set the expiry on the first hit in one atomic step, then report count and TTL
  private static final String SCRIPT = """
      local n = redis.call('INCR', KEYS[1])
      if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
      return {n, redis.call('TTL', KEYS[1])}
      """;
  private final RedisStore redis;

  public RateLimiter(RedisStore redis) {
    this.redis = redis;
  }

  public Future<Void> check(String key, int limit, int windowSeconds) {
    return redis.api().eval(List.of(SCRIPT, "1", "rl:" + key, String.valueOf(windowSeconds)))
        .compose(reply -> {
          long count = reply.get(0).toLong();
          if (count <= limit) {
            return Future.succeededFuture();
          }
          Response ttl = reply.get(1);
          long retryAfter = ttl == null ? windowSeconds : Math.max(1, ttl.toLong());
          return Future.failedFuture(ApiError.tooManyRequests(retryAfter));
        });
  }
}
