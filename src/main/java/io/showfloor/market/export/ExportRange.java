package io.showfloor.market.export;

import io.showfloor.platform.Refused;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The half-open time range [from, to) an export covers. Checked before a byte is sent: once rows
 * are streaming the status is already 200, so a refusal has to come first.
 */
public record ExportRange(Instant from, Instant to) {
  /** Without {@code to} an export ends now; without {@code from} it covers one day. */
  static ExportRange of(
      @Nullable Instant from, @Nullable Instant to, Instant now, Duration longest) {
    Instant end = to == null ? now : to;
    Instant start = from == null ? end.minus(Duration.ofDays(1)) : from;
    if (!start.isBefore(end)) {
      throw Refused.invalid(
          "export_range_reversed", "from (" + start + ") must be before to (" + end + ")");
    }
    if (Duration.between(start, end).compareTo(longest) > 0) {
      throw Refused.invalid(
          "export_range_too_long",
          "This export covers at most "
              + longest.toDays()
              + " days at a time; ask for several shorter ranges");
    }
    return new ExportRange(start, end);
  }
}
