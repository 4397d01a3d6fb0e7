package io.showfloor.commerce.order;

/**
 * How money is divided, with rounding rules whose parts always sum exactly to the whole. Plain
 * Java, no I/O, so every rule is unit-tested directly.
 *
 * <ul>
 *   <li>A rate of an amount ({@link #rateOf}): basis points, rounded half up to the cent (8% of
 *       1,006 cents = 80.48 -> 80; of 1,019 = 81.52 -> 82). Used per order line for the platform
 *       fee and a creator's commission; the seller gets the rest, so line = fee + commission +
 *       seller exactly.
 *   <li>Proportional shares ({@link #allocate}): largest remainder — each part is the floor of its
 *       exact share, and the cents left over go one each to the largest fractional parts (ties to
 *       the earlier part). Used to spread a loyalty discount over a checkout's orders.
 *   <li>Cumulative reversal ({@link #reversedSoFar}, {@link #sharesOf}): after A of a whole is
 *       refunded, each part has been reversed by a fixed function of A that only grows with A and
 *       reaches the part itself when A reaches the whole. Each refund reverses the difference
 *       between the new and the previous cumulative values, so refunds in any number of steps
 *       reverse every part exactly once in total, and no step reverses a negative amount.
 * </ul>
 */
public final class Splits {
  public static final int BASIS_POINTS = 10_000;

  private Splits() {}

  /** {@code bps} basis points of {@code cents}, half up. */
  public static long rateOf(long cents, int bps) {
    if (cents < 0 || bps < 0 || bps > BASIS_POINTS) {
      throw new IllegalArgumentException("rateOf(" + cents + ", " + bps + ")");
    }
    return Math.floorDiv(Math.multiplyExact(cents, bps) + BASIS_POINTS / 2, BASIS_POINTS);
  }

  /**
   * Splits {@code total} in proportion to {@code weights} (largest remainder); the parts sum to
   * total.
   */
  public static long[] allocate(long total, long[] weights) {
    long[] parts = new long[weights.length];
    long weightSum = 0;
    for (long w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException("negative weight " + w);
      }
      weightSum = Math.addExact(weightSum, w);
    }
    if (total == 0 || weights.length == 0) {
      return parts;
    }
    if (weightSum == 0) {
      throw new IllegalArgumentException("cannot allocate " + total + " over zero weights");
    }
    long given = 0;
    long[] remainders = new long[weights.length];
    for (int i = 0; i < weights.length; i++) {
      // total * w may exceed a long only for absurd amounts; multiplyHigh-free since both are
      // bounded by MAX cents
      long exactNumerator = Math.multiplyExact(total, weights[i]);
      parts[i] = exactNumerator / weightSum;
      remainders[i] = exactNumerator % weightSum;
      given += parts[i];
    }
    long left = total - given;
    while (left > 0) {
      int best = -1;
      for (int i = 0; i < weights.length; i++) {
        if (remainders[i] >= 0 && (best < 0 || remainders[i] > remainders[best])) {
          best = i;
        }
      }
      parts[best]++;
      remainders[best] = -1;
      left--;
    }
    return parts;
  }

  /**
   * The cumulative shares of {@code amount} (0..sum of parts) among {@code parts}, nested so each
   * share only grows with {@code amount}: the first part takes amount minus floor(rest * amount /
   * whole), where rest is the sum of the later parts, and the later parts share that floor the same
   * way. At amount = whole every part gets exactly itself.
   */
  public static long[] sharesOf(long[] parts, long amount) {
    long whole = 0;
    for (long p : parts) {
      if (p < 0) {
        throw new IllegalArgumentException("negative part " + p);
      }
      whole = Math.addExact(whole, p);
    }
    if (amount < 0 || amount > whole) {
      throw new IllegalArgumentException("amount " + amount + " outside 0.." + whole);
    }
    long[] shares = new long[parts.length];
    long left = amount;
    long remainingWhole = whole;
    for (int i = 0; i < parts.length; i++) {
      long rest = remainingWhole - parts[i];
      long toRest = remainingWhole == 0 ? 0 : Math.multiplyExact(rest, left) / remainingWhole;
      shares[i] = left - toRest;
      left = toRest;
      remainingWhole = rest;
    }
    return shares;
  }

  /**
   * How much of {@code part} has been reversed once {@code refunded} of {@code total} is refunded.
   */
  public static long reversedSoFar(long part, long refunded, long total) {
    if (refunded < 0 || refunded > total || part < 0) {
      throw new IllegalArgumentException(
          "reversedSoFar(" + part + ", " + refunded + ", " + total + ")");
    }
    if (total == 0) {
      return 0;
    }
    return Math.multiplyExact(part, refunded) / total;
  }
}
