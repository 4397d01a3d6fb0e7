package io.showfloor.market.engine;

/**
 * How the book treats new orders. The service maps its phases onto these: {@code continuous} is
 * {@link #CONTINUOUS}; {@code pre_open}, {@code opening_auction} and {@code closing_auction} are
 * {@link #CALL_AUCTION}. {@code closed} and {@code halted} are the service refusing commands.
 */
public enum BookMode {
  /** Every order matches on arrival by price-time priority. */
  CONTINUOUS,
  /** Orders only rest; {@link OrderBook#uncross(long)} executes them all at one price. */
  CALL_AUCTION
}
