package io.showfloor.commerce.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Analytics ranges and averages, without I/O")
class AnalyticsRangeTest {

  @Test
  @DisplayName("day buckets start at UTC midnight, whatever the offset the range was given in")
  void dayBuckets() {
    AnalyticsRange range =
        AnalyticsRange.parse(
            "2026-11-20T23:30:00-02:00", "2026-11-22T00:00:01Z", "day", Instant.EPOCH);
    assertEquals(
        List.of(Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z")),
        range.bucketStarts());
  }

  @Test
  @DisplayName("without from and to the range is the 30 days before now")
  void defaults() {
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    AnalyticsRange range = AnalyticsRange.parse(null, null, null, now);
    assertEquals(Instant.parse("2026-10-22T10:00:00Z"), range.from());
    assertEquals(31, range.bucketStarts().size());
  }

  @Test
  @DisplayName("an average order value is rounded half up to the cent")
  void averages() {
    assertEquals(3, BucketSeries.average(5, 2));
    assertEquals(1, BucketSeries.average(4, 3));
    assertEquals(2, BucketSeries.average(5, 3));
    assertEquals(0, BucketSeries.average(0, 0));
  }
}
