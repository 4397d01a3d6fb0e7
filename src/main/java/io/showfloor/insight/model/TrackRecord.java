package io.showfloor.insight.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model did on windows it had not seen (walk-forward), next to three baselines. {@code edge}
 * is the honesty rule: the lower end of the model's 95 % interval must be above the best baseline's
 * accuracy, and its log loss below the base rate's; otherwise the model claims nothing.
 */
public record TrackRecord(
    int samples,
    int folds,
    Score model,
    Map<String, Score> baselines,
    double logLoss,
    double baseRateLogLoss,
    double brier,
    double calibrationError,
    List<Bin> calibration) {

  /** Accuracy with its 95 % Wilson interval. */
  public record Score(long correct, long total, double accuracy, double low, double high) {
    static Score of(long correct, long total) {
      Wilson w = Wilson.of(correct, total);
      return new Score(
          correct, total, total == 0 ? 0 : (double) correct / total, w.low(), w.high());
    }
  }

  /** Predictions whose probability of up fell in [from, to): how often up really followed. */
  public record Bin(double from, double to, long count, double meanPredicted, double observedUp) {}

  public String bestBaseline() {
    String best = "";
    double top = -1;
    for (var e : baselines.entrySet()) {
      if (e.getValue().accuracy() > top) {
        top = e.getValue().accuracy();
        best = e.getKey();
      }
    }
    return best;
  }

  public double bestBaselineAccuracy() {
    Score best = baselines.get(bestBaseline());
    return best == null ? 0 : best.accuracy();
  }

  public boolean edge() {
    return samples > 0 && model.low() > bestBaselineAccuracy() && logLoss < baseRateLogLoss;
  }

  static Map<String, Score> orderedBaselines(Score alwaysUp, Score lastMove, Score baseRate) {
    Map<String, Score> m = new LinkedHashMap<>();
    m.put("alwaysUp", alwaysUp);
    m.put("lastMoveRepeated", lastMove);
    m.put("baseRate", baseRate);
    return m;
  }
}
