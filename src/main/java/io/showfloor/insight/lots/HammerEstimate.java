package io.showfloor.insight.lots;

/**
 * An estimated final price range: the 10th, 50th and 90th percentiles of what similar lots sold for
 * relative to their starting price, applied to this lot's start (and never below the current bid
 * while it runs). {@code coverage} is how often such a range held the hammer price of the latest
 * quarter of those lots when built from the earlier three quarters.
 */
public record HammerEstimate(
    long lowCents,
    long medianCents,
    long highCents,
    String basis,
    int similarLots,
    int heldOut,
    int heldOutInside) {

  public double coverage() {
    return heldOut == 0 ? 0 : (double) heldOutInside / heldOut;
  }
}
