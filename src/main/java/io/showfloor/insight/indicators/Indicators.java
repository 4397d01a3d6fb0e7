package io.showfloor.insight.indicators;

import io.showfloor.insight.Candle;
import io.showfloor.insight.indicators.IndicatorRequest.Spec;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceRatioIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * Technical indicators over candles, computed by ta4j (prices in cents, as the candles). A value
 * the indicator cannot know yet (fewer bars than it needs: ta4j's "unstable" bars) is NaN, never a
 * made-up number.
 */
public final class Indicators {
  private final BarSeries series;
  private final ClosePriceIndicator close;

  public Indicators(List<Candle> candles, Duration width) {
    series = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
    for (Candle c : candles) {
      series.addBar(
          width,
          c.start().plus(width).atZone(ZoneOffset.UTC),
          c.openCents(),
          c.highCents(),
          c.lowCents(),
          c.closeCents(),
          c.volume());
    }
    close = new ClosePriceIndicator(series);
  }

  public int size() {
    return series.getBarCount();
  }

  /** One indicator's lines (e.g. bollinger: upper, middle, lower), one value per candle. */
  public Map<String, double[]> compute(Spec spec) {
    int n = spec.period();
    Map<String, double[]> lines = new LinkedHashMap<>();
    switch (spec.kind()) {
      case SMA -> lines.put("sma", values(new SMAIndicator(close, n), n - 1));
      case EMA -> lines.put("ema", values(new EMAIndicator(close, n), n - 1));
      case RSI -> lines.put("rsi", values(new RSIIndicator(close, n), n));
      case MACD -> {
        var macd = new MACDIndicator(close, 12, 26);
        var signal = new EMAIndicator(macd, 9);
        double[] m = values(macd, 25);
        double[] s = values(signal, 25 + 8);
        double[] h = new double[m.length];
        for (int i = 0; i < h.length; i++) {
          h[i] = m[i] - s[i];
        }
        lines.put("macd", m);
        lines.put("signal", s);
        lines.put("histogram", h);
      }
      case BOLLINGER -> {
        var middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, n));
        var deviation = new StandardDeviationIndicator(close, n);
        Num two = series.numOf(2);
        lines.put("upper", values(new BollingerBandsUpperIndicator(middle, deviation, two), n - 1));
        lines.put("middle", values(middle, n - 1));
        lines.put("lower", values(new BollingerBandsLowerIndicator(middle, deviation, two), n - 1));
      }
      case ATR -> lines.put("atr", values(new ATRIndicator(series, n), n));
      case OBV -> lines.put("obv", values(new OnBalanceVolumeIndicator(series), 0));
      case STOCHASTIC -> {
        var k = new StochasticOscillatorKIndicator(series, n);
        lines.put("k", values(k, n - 1));
        lines.put("d", values(new StochasticOscillatorDIndicator(k), n + 1));
      }
      case ROC -> lines.put("roc", values(new ROCIndicator(close, n), n));
      case VWAP -> lines.put("vwap", values(new VWAPIndicator(series, n), n - 1));
      case VOLATILITY ->
          // the standard deviation of one-interval returns (close over previous close, minus 1)
          lines.put("volatility", values(new StandardDeviationIndicator(returns(), n), n));
    }
    return lines;
  }

  public double[] closes() {
    return values(close, 0);
  }

  public double[] volumes() {
    double[] v = new double[size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = series.getBar(i).getVolume().doubleValue();
    }
    return v;
  }

  private Indicator<Num> returns() {
    return new ClosePriceRatioIndicator(series);
  }

  private double[] values(Indicator<Num> indicator, int unstable) {
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = i < unstable ? Double.NaN : indicator.getValue(i).doubleValue();
    }
    return out;
  }

  /** Every line of every requested indicator, in the order asked. */
  public List<Map.Entry<Spec, Map<String, double[]>>> computeAll(IndicatorRequest request) {
    List<Map.Entry<Spec, Map<String, double[]>>> all = new ArrayList<>();
    for (Spec spec : request.specs()) {
      all.add(Map.entry(spec, compute(spec)));
    }
    return all;
  }
}
