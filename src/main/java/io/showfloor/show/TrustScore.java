package io.showfloor.show;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A host's trust score, 0–100: a weighted mean of inputs each scaled to 0..1 (1 = best). Inputs
 * with no data are left out and the remaining weights are rescaled, so a missing data source
 * neither helps nor hurts; the explanation lists every input, its weight and what it contributed.
 * No I/O.
 */
final class TrustScore {
  /**
   * One input: {@code value} in 0..1 (null when there is no data), its weight and a sentence on how
   * it is measured.
   */
  record Input(String name, @Nullable Double value, int weight, String measure, String detail) {
    boolean available() {
      return value != null;
    }
  }

  /** The weights, in points out of 100 when every input has data. */
  static final int COMPLETED_ORDERS = 20;

  static final int ON_TIME_SHIPPING = 20;
  static final int RATINGS = 20;
  static final int REFUNDS = 10;
  static final int UPHELD_REPORTS = 15;
  static final int SHOW_RELIABILITY = 10;
  static final int SHOW_HISTORY = 5;

  private final List<Input> inputs = new ArrayList<>();

  TrustScore add(Input input) {
    if (input.value() != null && (input.value() < 0 || input.value() > 1)) {
      throw new IllegalArgumentException(
          input.name() + " must be scaled to 0..1, got " + input.value());
    }
    inputs.add(input);
    return this;
  }

  List<Input> inputs() {
    return inputs;
  }

  /** The score, or null when no input has data yet. */
  @Nullable Integer score() {
    int weights = inputs.stream().filter(Input::available).mapToInt(Input::weight).sum();
    if (weights == 0) {
      return null;
    }
    double sum = 0;
    for (Input i : inputs) {
      Double value = i.value();
      if (value != null) {
        sum += i.weight() * value;
      }
    }
    return (int) Math.round(100 * sum / weights);
  }

  /** Points an input added to the score after the weights of missing inputs were shared out. */
  double contribution(Input input) {
    int weights = inputs.stream().filter(Input::available).mapToInt(Input::weight).sum();
    Double value = input.value();
    return value == null || weights == 0
        ? 0
        : Math.round(1000.0 * input.weight() * value / weights) / 10.0;
  }

  /** Saturating scale: 0 at zero, 1 at {@code full} and above. */
  static double saturating(long count, long full) {
    return Math.min(1.0, (double) Math.max(0, count) / full);
  }
}
