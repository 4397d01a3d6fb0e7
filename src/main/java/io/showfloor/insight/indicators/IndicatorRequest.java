package io.showfloor.insight.indicators;

import io.showfloor.platform.Refused;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which indicators a caller asked for: {@code names=sma,ema:10,rsi:7} — a name, optionally with its
 * period after a colon. At most {@link #MAX_NAMES} distinct names, periods 2..{@link #MAX_PERIOD}.
 */
public record IndicatorRequest(List<Spec> specs) {
  public static final int MAX_NAMES = 11;
  public static final int MAX_PERIOD = 200;

  /** One indicator and its period (the indicator's usual period when none was asked). */
  public record Spec(IndicatorKind kind, int period) {
    public String label() {
      return kind.code() + (period == kind.defaultPeriod() ? "" : ":" + period);
    }
  }

  public static IndicatorRequest parse(String names) {
    Set<String> seen = new LinkedHashSet<>();
    for (String part : names.split(",", -1)) {
      String name = part.trim();
      if (name.isEmpty()) {
        throw Refused.invalid(
            "unknown_indicator", "names must be indicator names separated by commas");
      }
      seen.add(name);
    }
    if (seen.size() > MAX_NAMES) {
      throw Refused.invalid("too_many_indicators", "ask for at most " + MAX_NAMES + " indicators");
    }
    List<Spec> specs = new ArrayList<>();
    for (String name : seen) {
      int colon = name.indexOf(':');
      IndicatorKind kind = IndicatorKind.parse(colon < 0 ? name : name.substring(0, colon));
      int period = kind.defaultPeriod();
      if (colon >= 0) {
        try {
          period = Integer.parseInt(name.substring(colon + 1));
        } catch (NumberFormatException e) {
          period = -1;
        }
        if (period < 2 || period > MAX_PERIOD || kind.defaultPeriod() == 0) {
          throw Refused.invalid(
              "bad_indicator_period",
              kind.defaultPeriod() == 0
                  ? kind.code() + " takes no period"
                  : "the period of " + kind.code() + " must be 2.." + MAX_PERIOD);
        }
      }
      specs.add(new Spec(kind, period));
    }
    return new IndicatorRequest(List.copyOf(specs));
  }
}
