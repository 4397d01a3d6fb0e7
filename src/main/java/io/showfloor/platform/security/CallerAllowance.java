package io.showfloor.platform.security;

import io.vertx.core.Future;

/**
 * How many API calls a minute a caller with an API key may make (the plan's allowance); signed-in
 * sessions keep {@code http.callerRequestsPerMinute}. Asked on every keyed request, so an
 * implementation answers from memory.
 */
public interface CallerAllowance {
  Future<Integer> apiKeyRequestsPerMinute(long userId);

  /** Every key gets the same allowance as a session (a node without subscriptions). */
  static CallerAllowance flat(int perMinute) {
    Future<Integer> same = Future.succeededFuture(perMinute);
    return userId -> same;
  }
}
