package io.showfloor.insight.indicators;

import io.showfloor.platform.Refused;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The indicators served, each with its usual period (0: none, e.g. OBV) and whether it is drawn on
 * the price axis (an overlay) or in its own pane (an oscillator).
 */
public enum IndicatorKind {
  SMA("sma", 20, true),
  EMA("ema", 20, true),
  RSI("rsi", 14, false),
  MACD("macd", 0, false),
  BOLLINGER("bollinger", 20, true),
  ATR("atr", 14, false),
  OBV("obv", 0, false),
  STOCHASTIC("stochastic", 14, false),
  ROC("roc", 10, false),
  VWAP("vwap", 20, true),
  VOLATILITY("volatility", 20, false);

  private final String code;
  private final int defaultPeriod;
  private final boolean overlay;

  IndicatorKind(String code, int defaultPeriod, boolean overlay) {
    this.code = code;
    this.defaultPeriod = defaultPeriod;
    this.overlay = overlay;
  }

  public String code() {
    return code;
  }

  public int defaultPeriod() {
    return defaultPeriod;
  }

  public boolean overlay() {
    return overlay;
  }

  public static IndicatorKind parse(String code) {
    for (IndicatorKind kind : values()) {
      if (kind.code.equals(code)) {
        return kind;
      }
    }
    throw Refused.invalid(
        "unknown_indicator",
        "unknown indicator; known: "
            + Arrays.stream(values()).map(IndicatorKind::code).collect(Collectors.joining(", ")));
  }
}
