package io.showfloor.platform.http;

import io.showfloor.platform.Refused;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.CallerAllowance;
import io.showfloor.platform.security.DeviceSightings;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every endpoint a caller with credentials reaches: counts the request against the
 * caller's per-minute allowance (one counter shared by the caller's sessions and keys,
 * cluster-wide; a session's limit is {@code http.callerRequestsPerMinute}, a key's the plan's from
 * {@link CallerAllowance}), reports it in the {@code RateLimit-*} headers, and refuses an API key
 * the operation's scope ({@link KeyScope}). Anonymous calls and bad credentials pass through
 * untouched: the endpoint decides about them, as it always did.
 */
final class CallerGate {
  private static final Logger LOG = LoggerFactory.getLogger(CallerGate.class);
  static final String LIMIT = "RateLimit-Limit";
  private static final String LIQUIDITY_PROVIDER = "liquidity_provider";
  static final String REMAINING = "RateLimit-Remaining";
  static final String RESET = "RateLimit-Reset";
  private static final int WINDOW_SECONDS = 60;

  private final RateLimiter limiter;
  private final int perMinute;
  private final CallerAllowance keys;
  private final DeviceSightings devices;

  CallerGate(RateLimiter limiter, int perMinute, CallerAllowance keys, DeviceSightings devices) {
    this.limiter = limiter;
    this.perMinute = perMinute;
    this.keys = keys;
    this.devices = devices;
  }

  /** The gate for one operation; {@code scope} is what {@link KeyScope#of} says it needs. */
  Future<Void> admit(ApiRequest request, String scope) {
    if (request.header("Authorization") == null && request.header("X-API-Key") == null) {
      return Future.succeededFuture();
    }
    return request
        .caller()
        .transform(
            ar -> {
              if (ar.failed() || ar.result().isAnonymous()) {
                return Future.succeededFuture();
              }
              Caller caller = ar.result();
              // an owner signal for surveillance; a failed write never fails the request
              Future<Void> seen =
                  devices
                      .saw(caller, request.header(DeviceSightings.HEADER))
                      .recover(
                          e -> {
                            LOG.warn("Device sighting not stored: {}", e.toString());
                            return Future.succeededFuture();
                          });
              // a registered liquidity provider quotes all day through its key: it keeps a
              // session's allowance, as exchanges give market makers higher limits than plans do
              Future<Integer> limit =
                  caller.viaApiKey() && !caller.roles().contains(LIQUIDITY_PROVIDER)
                      ? keys.apiKeyRequestsPerMinute(caller.userId())
                      : Future.succeededFuture(perMinute);
              return seen.compose(v -> limit)
                  .compose(
                      allowed -> limiter.hit("caller:" + caller.userId(), allowed, WINDOW_SECONDS))
                  .compose(
                      window -> {
                        report(request.context().response(), window);
                        if (!window.allowed()) {
                          return Future.failedFuture(Refused.rateLimited(window.resetSeconds()));
                        }
                        return scopeAllows(caller, scope);
                      });
            });
  }

  private static Future<Void> scopeAllows(Caller caller, String scope) {
    if (!caller.viaApiKey()) {
      return Future.succeededFuture();
    }
    if (KeyScope.NONE.equals(scope)) {
      return Future.failedFuture(sessionRequired());
    }
    Refused lacking = caller.scopeRefusal(scope);
    return lacking == null ? Future.succeededFuture() : Future.failedFuture(lacking);
  }

  /** The same refusal the key and role endpoints always gave an API key. */
  static Refused sessionRequired() {
    return Refused.forbidden(
        "session_required", "Sign in with a password for this; API keys cannot do it");
  }

  private static void report(HttpServerResponse response, RateLimiter.Window window) {
    response
        .putHeader(LIMIT, String.valueOf(window.limit()))
        .putHeader(REMAINING, String.valueOf(window.remaining()))
        .putHeader(RESET, String.valueOf(window.resetSeconds()));
  }

  /**
   * A 429 from a narrower limit (bids, withdrawals …) is the limit closest to exhaustion: the
   * headers then say nothing remains until it resets.
   */
  static void exhausted(HttpServerResponse response, long retryAfterSeconds) {
    if (response.headers().contains(LIMIT)) {
      response
          .putHeader(REMAINING, "0")
          .putHeader(RESET, String.valueOf(Math.max(1, retryAfterSeconds)));
    }
  }
}
