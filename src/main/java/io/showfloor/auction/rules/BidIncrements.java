package io.showfloor.auction.rules;

/**
 * The bid increment table of docs/API.md "Live auctions": how far above the current price the next
 * bid must go. All amounts are cents.
 */
public final class BidIncrements {

  // Lower bound of each price band (inclusive) and the increment inside it, from docs/API.md.
  private static final long[] BAND_FLOORS_CENTS = {
    0, 100, 500, 2_500, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000
  };
  private static final long[] INCREMENTS_CENTS = {
    5, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000
  };

  private BidIncrements() {}

  /** The increment that applies at {@code currentPriceCents}. */
  public static long increment(long currentPriceCents) {
    if (currentPriceCents < 0) {
      throw new IllegalArgumentException("a price is never negative: " + currentPriceCents);
    }
    int band = BAND_FLOORS_CENTS.length - 1;
    while (currentPriceCents < BAND_FLOORS_CENTS[band]) {
      band--;
    }
    return INCREMENTS_CENTS[band];
  }

  /**
   * {@code priceCents + increment(priceCents)}. Saturates at {@link Long#MAX_VALUE} so that an
   * absurd maximum sent by a client cannot overflow into a negative price.
   */
  public static long oneIncrementAbove(long priceCents) {
    long increment = increment(priceCents);
    return priceCents > Long.MAX_VALUE - increment ? Long.MAX_VALUE : priceCents + increment;
  }
}
