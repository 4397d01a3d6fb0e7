package io.showfloor.insight.model;

import io.showfloor.insight.Candle;
import io.showfloor.insight.indicators.IndicatorKind;
import io.showfloor.insight.indicators.IndicatorRequest.Spec;
import io.showfloor.insight.indicators.Indicators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Indicator features, all scale-free (returns, ratios, oscillators centred on 0) so one pooled
 * model can read instruments of any price. Only what is known at a candle's close goes in.
 */
public final class Features {
  public static final List<String> NAMES =
      List.of(
          "return1",
          "roc3",
          "roc10",
          "rsi14",
          "macdHistogram",
          "bollingerPercentB",
          "atr14",
          "stochasticK14",
          "volatility20",
          "smaGap20",
          "emaGap10",
          "vwapGap20",
          "obvSlope5");

  /** Candles before the first row: the longest look-back (MACD's slow EMA plus its signal). */
  public static final int WARM_UP = 34;

  private Features() {}

  /** Rows for every candle with a full look-back and a next candle (its label). */
  public static List<FeatureRow> labelled(List<Candle> candles, Duration width, int horizon) {
    List<FeatureRow> rows = new ArrayList<>();
    Matrix m = matrix(candles, width);
    for (int t = WARM_UP; t + horizon < candles.size(); t++) {
      double[] f = m.at(t);
      if (f != null) {
        boolean lastUp = m.close[t] > m.close[t - 1];
        boolean up = m.close[t + horizon] > m.close[t];
        rows.add(new FeatureRow(candles.get(t).start(), f, lastUp, up));
      }
    }
    return rows;
  }

  /** The features at the last candle (to predict the next), or null without enough history. */
  public static double @org.jspecify.annotations.Nullable [] latest(
      List<Candle> candles, Duration width) {
    if (candles.size() <= WARM_UP) {
      return null;
    }
    return matrix(candles, width).at(candles.size() - 1);
  }

  /** Whether the last candle closed above the one before it. */
  public static boolean lastMoveUp(List<Candle> candles) {
    int n = candles.size();
    return n >= 2 && candles.get(n - 1).closeCents() > candles.get(n - 2).closeCents();
  }

  private static Matrix matrix(List<Candle> candles, Duration width) {
    Indicators ind = new Indicators(candles, width);
    return new Matrix(
        ind.closes(),
        ind.volumes(),
        line(ind, IndicatorKind.ROC, 3, "roc"),
        line(ind, IndicatorKind.ROC, 10, "roc"),
        line(ind, IndicatorKind.RSI, 14, "rsi"),
        line(ind, IndicatorKind.MACD, 0, "histogram"),
        line(ind, IndicatorKind.BOLLINGER, 20, "upper"),
        line(ind, IndicatorKind.BOLLINGER, 20, "lower"),
        line(ind, IndicatorKind.ATR, 14, "atr"),
        line(ind, IndicatorKind.STOCHASTIC, 14, "k"),
        line(ind, IndicatorKind.VOLATILITY, 20, "volatility"),
        line(ind, IndicatorKind.SMA, 20, "sma"),
        line(ind, IndicatorKind.EMA, 10, "ema"),
        line(ind, IndicatorKind.VWAP, 20, "vwap"),
        line(ind, IndicatorKind.OBV, 0, "obv"));
  }

  private static double[] line(Indicators ind, IndicatorKind kind, int period, String name) {
    return java.util.Objects.requireNonNull(ind.compute(new Spec(kind, period)).get(name), name);
  }

  private record Matrix(
      double[] close,
      double[] volume,
      double[] roc3,
      double[] roc10,
      double[] rsi,
      double[] macdHistogram,
      double[] upperBand,
      double[] lowerBand,
      double[] atr,
      double[] stochasticK,
      double[] volatility,
      double[] sma,
      double[] ema,
      double[] vwap,
      double[] obv) {

    double @org.jspecify.annotations.Nullable [] at(int t) {
      if (t < 5) {
        return null;
      }
      double c = close[t];
      double upper = upperBand[t];
      double lower = lowerBand[t];
      double band = upper - lower;
      double recentVolume = 0;
      for (int i = t - 4; i <= t; i++) {
        recentVolume += volume[i];
      }
      double[] f = {
        c / close[t - 1] - 1,
        roc3[t] / 100,
        roc10[t] / 100,
        (rsi[t] - 50) / 50,
        macdHistogram[t] / c,
        band > 0 ? (c - lower) / band - 0.5 : 0,
        atr[t] / c,
        stochasticK[t] / 100 - 0.5,
        volatility[t],
        c / sma[t] - 1,
        c / ema[t] - 1,
        c / vwap[t] - 1,
        recentVolume > 0 ? (obv[t] - obv[t - 5]) / recentVolume : 0
      };
      for (double v : f) {
        if (!Double.isFinite(v)) {
          return null;
        }
      }
      return f;
    }
  }
}
