package io.showfloor.commerce.analytics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics per bucket, every bucket of the range present from the start with zeros, so a chart draws
 * a continuous line. Filled from rows grouped by {@code date_trunc(<bucket>, ts AT TIME ZONE
 * 'UTC')}.
 */
final class BucketSeries {
  private final AnalyticsRange range;
  private final List<String> metrics;
  private final Map<Instant, Map<String, Long>> buckets = new LinkedHashMap<>();

  BucketSeries(AnalyticsRange range, List<String> metrics) {
    this.range = range;
    this.metrics = metrics;
    for (Instant start : range.bucketStarts()) {
      Map<String, Long> values = new LinkedHashMap<>();
      metrics.forEach(m -> values.put(m, 0L));
      buckets.put(start, values);
    }
  }

  /**
   * Adds each row's {@code column} to {@code metric} of the bucket in the row's {@code bucket}
   * column.
   */
  BucketSeries add(RowSet<Row> rows, String column, String metric) {
    for (Row row : rows) {
      LocalDateTime bucket = row.getLocalDateTime("bucket");
      Map<String, Long> values = buckets.get(bucket.toInstant(ZoneOffset.UTC));
      Long value = row.getLong(column);
      if (values != null && value != null) {
        values.merge(metric, value, Long::sum);
      }
    }
    return this;
  }

  /** Sets one bucket's metric (for values computed per bucket, not grouped). */
  void set(Instant bucket, String metric, long value) {
    Map<String, Long> values = buckets.get(bucket);
    if (values != null) {
      values.put(metric, value);
    }
  }

  long total(String metric) {
    return buckets.values().stream().mapToLong(v -> v.get(metric)).sum();
  }

  /** A bucket outside the range, or a metric not asked for, has nothing in it: 0. */
  long value(Instant bucket, String metric) {
    Map<String, Long> values = buckets.get(bucket);
    Long value = values == null ? null : values.get(metric);
    return value == null ? 0 : value;
  }

  Iterable<Instant> starts() {
    return buckets.keySet();
  }

  JsonArray toJson() {
    JsonArray array = new JsonArray();
    buckets.forEach(
        (start, values) -> {
          JsonObject json =
              new JsonObject()
                  .put("start", start.toString())
                  .put("end", range.endOf(start).toString());
          metrics.forEach(m -> json.put(m, values.get(m)));
          array.add(json);
        });
    return array;
  }

  /** Integer cents of {@code sum / count}, rounded half up; 0 for no count. */
  static long average(long sum, long count) {
    return count == 0 ? 0 : Math.floorDiv(2 * sum + count, 2 * count);
  }
}
