package io.showfloor.insight;

import io.showfloor.platform.Refused;
import java.time.Duration;

/** The candle widths the market serves (the same four as GET …/candles). */
public enum Interval {
  ONE_MINUTE("1m", "1 minute", Duration.ofMinutes(1)),
  FIVE_MINUTES("5m", "5 minutes", Duration.ofMinutes(5)),
  ONE_HOUR("1h", "1 hour", Duration.ofHours(1)),
  ONE_DAY("1d", "1 day", Duration.ofDays(1));

  private final String code;
  private final String sqlWidth;
  private final Duration width;

  Interval(String code, String sqlWidth, Duration width) {
    this.code = code;
    this.sqlWidth = sqlWidth;
    this.width = width;
  }

  public String code() {
    return code;
  }

  /** The width as a PostgreSQL interval literal for date_bin. */
  String sqlWidth() {
    return sqlWidth;
  }

  public Duration width() {
    return width;
  }

  public static Interval parse(String code) {
    for (Interval interval : values()) {
      if (interval.code.equals(code)) {
        return interval;
      }
    }
    throw Refused.invalid("unknown_interval", "interval must be one of 1m, 5m, 1h, 1d");
  }
}
