package io.showfloor.market;

import io.vertx.core.Future;

/**
 * What a trader's plan allows in the market (Free or Pro), answered by the subscriptions domain:
 * how far back the trade history reaches, whether data may be exported, how many instruments a
 * watchlist holds.
 */
public interface TraderPlans {
  Future<Allowance> of(long userId);

  /** {@code historyDays} 0 means the whole history. */
  record Allowance(int historyDays, boolean mayExport, int watchlistMax) {}

  /** Everything allowed (a node without subscriptions). */
  static TraderPlans unlimited() {
    Future<Allowance> all = Future.succeededFuture(new Allowance(0, true, Watchlist.MAX_ITEMS));
    return userId -> all;
  }
}
