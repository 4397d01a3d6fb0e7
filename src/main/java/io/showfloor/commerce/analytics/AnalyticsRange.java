package io.showfloor.commerce.analytics;

import io.showfloor.platform.Refused;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The time window of an analytics query, {@code [from, to)}, cut into UTC buckets of a day or an
 * ISO week (Monday to Monday). The first and last bucket may be cut short by {@code from}/{@code
 * to}; a bucket is named by its full start either way, so charts line up with the calendar.
 */
public record AnalyticsRange(Instant from, Instant to, Bucket bucket) {
  public static final Duration MAX_SPAN = Duration.ofDays(366);
  static final Duration DEFAULT_SPAN = Duration.ofDays(30);

  public enum Bucket {
    DAY,
    WEEK;

    /** Postgres' date_trunc field for this bucket. */
    String sqlField() {
      return name().toLowerCase();
    }

    Instant startOf(Instant at) {
      LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
      if (this == WEEK) {
        day = day.minusDays(day.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
      }
      return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant next(Instant start) {
      return start.plus(this == WEEK ? 7 : 1, ChronoUnit.DAYS);
    }
  }

  /**
   * Reads the query parameters: {@code from}/{@code to} as dates (midnight UTC) or ISO-8601
   * instants, {@code bucket}.
   */
  public static AnalyticsRange parse(String from, String to, String bucket, Instant now) {
    Instant end = to == null ? now : instant("to", to);
    Instant start = from == null ? end.minus(DEFAULT_SPAN) : instant("from", from);
    if (!end.isAfter(start)) {
      throw Refused.invalid("invalid_range", "to must be after from");
    }
    if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
      throw Refused.invalid("invalid_range", "The range may span at most 366 days");
    }
    return new AnalyticsRange(
        start, end, bucket == null ? Bucket.DAY : Bucket.valueOf(bucket.toUpperCase()));
  }

  private static Instant instant(String name, String text) {
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw Refused.invalid(
          "invalid_date", name + " must be a date (2026-11-20) or an ISO-8601 time with an offset");
    }
  }

  /** Every bucket's start, in order; the chart's x axis. */
  public List<Instant> bucketStarts() {
    List<Instant> starts = new ArrayList<>();
    for (Instant b = bucket.startOf(from); b.isBefore(to); b = bucket.next(b)) {
      starts.add(b);
    }
    return starts;
  }

  /** A bucket's end, the next bucket's start. */
  public Instant endOf(Instant bucketStart) {
    return bucket.next(bucketStart);
  }

  OffsetDateTime fromUtc() {
    return from.atOffset(ZoneOffset.UTC);
  }

  OffsetDateTime toUtc() {
    return to.atOffset(ZoneOffset.UTC);
  }
}
