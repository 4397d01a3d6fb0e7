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
  FOK
}
