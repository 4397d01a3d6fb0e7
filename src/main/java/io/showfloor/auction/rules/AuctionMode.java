package io.showfloor.auction.rules;

import java.util.Locale;

/** Whether late bids extend the deadline ({@code standard}) or never do ({@code sudden_death}). */
public enum AuctionMode {
  STANDARD,
  SUDDEN_DEATH;

  /** The lower-case name used in JSON and SQL: {@code "standard"} or {@code "sudden_death"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AuctionMode fromWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
