package io.showfloor.market.engine;

/** How long an order may wait in the book. */
public enum TimeInForce {
  /** Good till cancelled. */
  GTC,
  /** Expires at the end of the trading day ({@link OrderBook#expireDay()}). */
  DAY,
  /** Immediate or cancel: fills what it can at once, the rest is cancelled. */
  IOC,
  /** Fill or kill: fills completely at once, or nothing happens at all. */
  FOK,
  /**
   * Good till date: rests like GTC until its owner's clock reaches the order's expiry, then the
   * owner expires it ({@link OrderBook#expire(long)}); the book itself keeps no time.
   */
  GTD;

  /** Whether what is left of such an order after matching may rest in the book. */
  public boolean rests() {
    return this == GTC || this == DAY || this == GTD;
  }
}
