package io.showfloor.market.engine;

/**
 * The trading fee on one fill: a share of the trade value in basis points, paid by the seller, so
 * the buyer pays the trade value and the seller receives the value minus the fee (the two parts add
 * up to the value exactly).
 *
 * <p>Rounding: half up to the whole cent (0.5 cent and above rounds up), e.g. 2% of 25 cents is 0.5
 * cent, charged as 1 cent; 2% of 24 cents is 0.48 cent, charged as 0.
 */
public final class TradeFee {
  /** The platform default: 2% of the trade value. */
  public static final int DEFAULT_BASIS_POINTS = 200;

  private static final long BASIS_POINTS_PER_WHOLE = 10_000;

  private TradeFee() {}

  /** The default 2% fee on a trade worth {@code valueCents}. */
  public static long ofValue(long valueCents) {
    return ofValue(valueCents, DEFAULT_BASIS_POINTS);
  }

  /** {@code valueCents x basisPoints / 10 000}, rounded half up to the cent. */
  public static long ofValue(long valueCents, int basisPoints) {
    if (valueCents < 0) {
      throw new IllegalArgumentException("trade value cannot be negative: " + valueCents);
    }
    if (basisPoints < 0 || basisPoints > BASIS_POINTS_PER_WHOLE) {
      throw new IllegalArgumentException("basis points must be within 0..10000: " + basisPoints);
    }
    // split the value so value x basisPoints cannot overflow: whole 10 000-cent blocks are exact
    long wholeBlocks = valueCents / BASIS_POINTS_PER_WHOLE;
    long rest = valueCents % BASIS_POINTS_PER_WHOLE;
    return wholeBlocks * basisPoints
        + (rest * basisPoints + BASIS_POINTS_PER_WHOLE / 2) / BASIS_POINTS_PER_WHOLE;
  }

  /** What the seller receives for a trade worth {@code valueCents}: the value minus the fee. */
  public static long sellerProceeds(long valueCents, int basisPoints) {
    return valueCents - ofValue(valueCents, basisPoints);
  }
}
