package io.showfloor.market.export;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The widths of exported candles, and how long a range each may cover (about 45,000 one-minute
 * candles, the same order of rows for the wider ones, so no export runs for minutes).
 */
public enum CandleInterval {
  ONE_MINUTE("1m", "1 minute", Duration.ofDays(31)),
  FIVE_MINUTES("5m", "5 minutes", Duration.ofDays(183)),
  ONE_HOUR("1h", "1 hour", Duration.ofDays(1096)),
  /** Daily candles start at midnight in the market's time zone, not UTC. */
  ONE_DAY("1d", "1 day", Duration.ofDays(7305));

  private final String apiName;
  private final String width;
  private final Duration longestRange;

  CandleInterval(String apiName, String width, Duration longestRange) {
    this.apiName = apiName;
    this.width = width;
    this.longestRange = longestRange;
  }

  public static Optional<CandleInterval> of(String apiName) {
    return Arrays.stream(values()).filter(i -> i.apiName.equals(apiName)).findFirst();
  }

  public String apiName() {
    return apiName;
  }

  /** The PostgreSQL interval of a fixed-width bucket (date_bin). */
  String width() {
    return width;
  }

  Duration longestRange() {
    return longestRange;
  }
}
