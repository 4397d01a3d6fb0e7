package io.showfloor.market.engine;

/** Which side's arriving order caused a trade; an uncross trade has none. */
public enum Aggressor {
  BUYER,
  SELLER,
  AUCTION
}
