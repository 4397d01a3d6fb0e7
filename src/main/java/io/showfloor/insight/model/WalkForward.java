package io.showfloor.insight.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Walk-forward evaluation: train on everything before a window, predict the window, move on. Every
 * prediction scored is of a candle the model had never seen, as in real use.
 */
public final class WalkForward {
  public static final int MAX_FOLDS = 5;
  public static final int MIN_TRAIN = 100;
  private static final double EPS = 1e-6;

  private WalkForward() {}

  /**
   * The record of models trained like {@link DirectionModel#train} on {@code rows} (time order).
   */
  public static TrackRecord evaluate(List<FeatureRow> rows) {
    int n = rows.size();
    int firstTest = Math.max(MIN_TRAIN, n / 2);
    if (n - firstTest < 10) {
      return empty();
    }
    int step = Math.max(10, (n - firstTest + MAX_FOLDS - 1) / MAX_FOLDS);
    long correct = 0;
    long alwaysUp = 0;
    long lastMove = 0;
    long baseRate = 0;
    long total = 0;
    double logLoss = 0;
    double baseLogLoss = 0;
    double brier = 0;
    int folds = 0;
    int bins = 5;
    long[] binCount = new long[bins];
    double[] binPredicted = new double[bins];
    long[] binUp = new long[bins];
    for (int start = firstTest; start < n; start += step) {
      List<FeatureRow> train = rows.subList(0, start);
      List<FeatureRow> test = rows.subList(start, Math.min(n, start + step));
      DirectionModel model = DirectionModel.train(train);
      long ups = train.stream().filter(FeatureRow::up).count();
      double upRate = clamp((double) ups / train.size());
      boolean majorityUp = ups * 2 >= train.size();
      folds++;
      for (FeatureRow row : test) {
        double p = clamp(model.probabilityUp(row.features()));
        boolean y = row.up();
        total++;
        correct += (p >= 0.5) == y ? 1 : 0;
        alwaysUp += y ? 1 : 0;
        lastMove += row.lastUp() == y ? 1 : 0;
        baseRate += majorityUp == y ? 1 : 0;
        logLoss -= Math.log(y ? p : 1 - p);
        baseLogLoss -= Math.log(y ? upRate : 1 - upRate);
        brier += (p - (y ? 1 : 0)) * (p - (y ? 1 : 0));
        int bin = Math.min(bins - 1, (int) (p * bins));
        binCount[bin]++;
        binPredicted[bin] += p;
        binUp[bin] += y ? 1 : 0;
      }
    }
    List<TrackRecord.Bin> calibration = new ArrayList<>();
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      double mean = binCount[b] == 0 ? 0 : binPredicted[b] / binCount[b];
      double observed = binCount[b] == 0 ? 0 : (double) binUp[b] / binCount[b];
      calibration.add(
          new TrackRecord.Bin(
              (double) b / bins, (double) (b + 1) / bins, binCount[b], mean, observed));
      ece += (double) binCount[b] / total * Math.abs(mean - observed);
    }
    return new TrackRecord(
        (int) total,
        folds,
        TrackRecord.Score.of(correct, total),
        TrackRecord.orderedBaselines(
            TrackRecord.Score.of(alwaysUp, total),
            TrackRecord.Score.of(lastMove, total),
            TrackRecord.Score.of(baseRate, total)),
        logLoss / total,
        baseLogLoss / total,
        brier / total,
        ece,
        calibration);
  }

  private static TrackRecord empty() {
    TrackRecord.Score none = TrackRecord.Score.of(0, 0);
    return new TrackRecord(
        0, 0, none, TrackRecord.orderedBaselines(none, none, none), 0, 0, 0, 0, List.of());
  }

  private static double clamp(double p) {
    return Math.min(1 - EPS, Math.max(EPS, p));
  }
}
