package io.showfloor.auction;

import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;

/**
 * How often one bidder may bid or buy, counted cluster-wide in Redis over 10 s windows: generous
 * for a human, tight for a script hammering a lot. Fails with 429 {@code rate_limited} past the
 * limit.
 */
record CallerPace(RateLimiter limiter, int per10Seconds) {
  /** Counts one {@code action} ("bid", "buy") by {@code userId}. */
  Future<Void> check(String action, long userId) {
    return limiter.check(action + ":" + userId, per10Seconds, 10);
  }
}
