package io.showfloor.market.engine;

import java.util.Objects;

/**
 * What makes a waiting order go live: the last trade price reaching {@code priceCents}. A stop
 * fires when the price moves against the position it protects (a sell stop when the price falls to
 * it, a buy stop when it rises to it); a take-profit when the price moves in its favour (a sell
 * when the price rises to it, a buy when it falls to it).
 */
public record Trigger(Kind kind, long priceCents) {

  public enum Kind {
    STOP,
    TAKE_PROFIT
  }

  public Trigger {
    Objects.requireNonNull(kind, "kind");
    if (priceCents <= 0) {
      throw new IllegalArgumentException("a trigger needs a positive price: " + priceCents);
    }
  }

  /**
   * Whether an order on {@code side} with this trigger goes live at a trade at {@code lastCents}.
   */
  public boolean fires(Side side, long lastCents) {
    boolean risesToIt = lastCents >= priceCents;
    boolean fallsToIt = lastCents <= priceCents;
    if (kind == Kind.STOP) {
      return side == Side.BUY ? risesToIt : fallsToIt;
    }
    return side == Side.BUY ? fallsToIt : risesToIt;
  }
}
