package io.showfloor.market.engine;

/**
 * A limit order carries a worst acceptable price; a market order takes whatever price the book
 * offers.
 */
public enum OrderType {
  LIMIT,
  MARKET
}
