package io.showfloor.market;

import io.showfloor.platform.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The daily phases in the market's time zone: on a trading day, closed until {@code preOpen}, then
 * pre_open, opening_auction, continuous from {@code open}, closing_auction, and closed from {@code
 * close}. Other days are closed. Pure: the caller passes the time, so tests pass any time.
 */
public final class TradingSchedule {
  private final ZoneId zone;
  private final Set<DayOfWeek> days;
  private final LocalTime[] boundaries;
  private static final Phase[] PHASE_FROM = {
    Phase.PRE_OPEN, Phase.OPENING_AUCTION, Phase.CONTINUOUS, Phase.CLOSING_AUCTION, Phase.CLOSED
  };

  public TradingSchedule(
      ZoneId zone,
      Set<DayOfWeek> days,
      LocalTime preOpen,
      LocalTime openingAuction,
      LocalTime open,
      LocalTime closingAuction,
      LocalTime close) {
    this.zone = zone;
    this.days = EnumSet.copyOf(days);
    this.boundaries = new LocalTime[] {preOpen, openingAuction, open, closingAuction, close};
    for (int i = 1; i < boundaries.length; i++) {
      if (boundaries[i].isBefore(boundaries[i - 1])) {
        throw new ConfigException(
            "market.schedule times must not decrease: "
                + boundaries[i - 1]
                + " then "
                + boundaries[i]);
      }
    }
  }

  static TradingSchedule from(JsonObject config, ZoneId zone) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : config.getString("days", "MON,TUE,WED,THU,FRI").split(",")) {
      if (!day.isBlank()) {
        days.add(day(day.trim()));
      }
    }
    if (days.isEmpty()) {
      throw new ConfigException("market.schedule.days names no day");
    }
    return new TradingSchedule(
        zone,
        days,
        time(config, "preOpen", "09:00"),
        time(config, "openingAuction", "09:25"),
        time(config, "open", "09:30"),
        time(config, "closingAuction", "15:55"),
        time(config, "close", "16:00"));
  }

  public ZoneId zone() {
    return zone;
  }

  /** The phase the schedule prescribes at {@code now}. */
  public Phase phaseAt(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    if (!days.contains(local.getDayOfWeek())) {
      return Phase.CLOSED;
    }
    Phase phase = Phase.CLOSED;
    LocalDate date = local.toLocalDate();
    for (int i = 0; i < boundaries.length; i++) {
      if (!at(date, i).isAfter(now)) {
        phase = PHASE_FROM[i];
      }
    }
    return phase;
  }

  /**
   * The latest moment at or before {@code now} when the schedule moved to a new phase. An
   * instrument whose phase changed before it has missed that move (the node was down, or an admin
   * moved it earlier); one changed after it was set by hand since and is left alone.
   */
  public Instant lastBoundary(Instant now) {
    LocalDate date = now.atZone(zone).toLocalDate();
    for (int back = 0; back <= 8; back++) {
      LocalDate day = date.minusDays(back);
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      for (int i = boundaries.length - 1; i >= 0; i--) {
        Instant boundary = at(day, i);
        if (!boundary.isAfter(now)) {
          return boundary;
        }
      }
    }
    return Instant.EPOCH;
  }

  /** The trading day a moment belongs to, in the market's zone (day volume, daily leaderboards). */
  public LocalDate tradingDay(Instant now) {
    return now.atZone(zone).toLocalDate();
  }

  public boolean isTradingDay(LocalDate day) {
    return days.contains(day.getDayOfWeek());
  }

  /** The first moment of that day, in the market's zone. */
  public Instant startOfDay(LocalDate day) {
    return day.atStartOfDay(zone).toInstant();
  }

  private Instant at(LocalDate date, int boundary) {
    return ZonedDateTime.of(date, boundaries[boundary], zone).toInstant();
  }

  private static LocalTime time(JsonObject config, String key, String fallback) {
    String value = config.getString(key, fallback);
    try {
      return LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          "market.schedule." + key + " must be a time such as 09:30, got '" + value + "'");
    }
  }

  private static DayOfWeek day(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().startsWith(upper) && upper.length() >= 3) {
        return day;
      }
    }
    throw new ConfigException("market.schedule.days: unknown day '" + name + "'");
  }
}
