package io.showfloor.market.engine;

/** The side of an order: a buyer bids, a seller asks. */
public enum Side {
  BUY,
  SELL;

  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }
}
