package io.showfloor.platform.security;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.RedisStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Fixed-window counters in Redis shared by every node: {@code limit} hits per {@code windowSeconds}
 * per key. Over the limit it fails with 429 and the seconds until the window resets.
 */
public final class RateLimiter {
  // INCR and set the expiry on the first hit in one atomic step, then report count and TTL
  private static final String SCRIPT =
      """
      local n = redis.call('INCR', KEYS[1])
      if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
      return {n, redis.call('TTL', KEYS[1])}
      """;
  // the script by its digest: Redis then neither receives nor hashes its text on every request
  private static final String SCRIPT_SHA = sha1Hex(SCRIPT);
  private final RedisStore redis;

  public RateLimiter(RedisStore redis) {
    this.redis = redis;
  }

  /**
   * Where a caller stands in one window: what the RateLimit-* response headers report (IETF
   * draft-ietf-httpapi-ratelimit-headers).
   */
  public record Window(int limit, long remaining, long resetSeconds, boolean allowed) {}

  public Future<Void> check(String key, int limit, int windowSeconds) {
    return hit(key, limit, windowSeconds)
        .compose(
            window ->
                window.allowed()
                    ? Future.succeededFuture()
                    : Future.failedFuture(Refused.rateLimited(window.resetSeconds())));
  }

  /** Counts one hit and answers the window as it is after it, over the limit or not. */
  public Future<Window> hit(String key, int limit, int windowSeconds) {
    List<String> args = List.of("1", "rl:" + key, String.valueOf(windowSeconds));
    return redis
        .api()
        .evalsha(prepend(SCRIPT_SHA, args))
        // a Redis that has not seen the script yet (new, restarted or flushed) learns it from EVAL
        .recover(
            failure ->
                String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")
                    ? redis.api().eval(prepend(SCRIPT, args))
                    : Future.failedFuture(failure))
        .map(
            reply -> {
              long count = reply.get(0).toLong();
              Response ttl = reply.get(1);
              long reset = ttl == null ? windowSeconds : Math.max(1, ttl.toLong());
              return new Window(limit, Math.max(0, limit - count), reset, count <= limit);
            });
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static String sha1Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }
}
