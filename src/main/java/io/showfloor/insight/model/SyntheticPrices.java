package io.showfloor.insight.model;

import java.util.Random;

/**
 * Price paths whose signal is known, for tests, benchmarks and the demo world: a random walk (no
 * direction can be predicted) and a mean-reverting path (a move is usually undone by the next one,
 * which a model of the last return can learn).
 */
public final class SyntheticPrices {
  private SyntheticPrices() {}

  /** Closes in cents: each step up or down by 0.5–1.5 % with equal chance. */
  public static long[] randomWalk(long seed, int n, long startCents) {
    Random random = new Random(seed);
    long[] closes = new long[n];
    double price = startCents;
    for (int i = 0; i < n; i++) {
      double step = 0.005 + random.nextDouble() * 0.01;
      price *= random.nextBoolean() ? 1 + step : 1 - step;
      closes[i] = Math.max(1, Math.round(price));
    }
    return closes;
  }

  /**
   * Closes in cents where the next move goes against the last one with probability {@code reversal}
   * (e.g. 0.8): a planted pattern worth about that much accuracy.
   */
  public static long[] meanReverting(long seed, int n, long startCents, double reversal) {
    Random random = new Random(seed);
    long[] closes = new long[n];
    double price = startCents;
    boolean lastUp = random.nextBoolean();
    for (int i = 0; i < n; i++) {
      boolean up = random.nextDouble() < reversal ? !lastUp : lastUp;
      double step = 0.005 + random.nextDouble() * 0.01;
      price *= up ? 1 + step : 1 - step;
      closes[i] = Math.max(1, Math.round(price));
      lastUp = up;
    }
    return closes;
  }
}
