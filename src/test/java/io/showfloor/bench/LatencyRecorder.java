package io.showfloor.bench;

import org.HdrHistogram.Histogram;

/**
 * Collects latencies (nanoseconds) from one event loop and prints percentiles. HdrHistogram keeps
 * three significant digits from a microsecond to a minute in fixed memory, however long a run is.
 */
final class LatencyRecorder {
  private static final long MAX_NANOS = 60_000_000_000L;
  private final Histogram histogram = newHistogram();

  void record(long nanos) {
    histogram.recordValue(Math.min(Math.max(nanos, 1), MAX_NANOS));
  }

  int count() {
    return (int) histogram.getTotalCount();
  }

  String summary() {
    return summaryOf(histogram);
  }

  /** Percentiles of latencies (nanoseconds) collected elsewhere, e.g. from several threads. */
  static String summaryOf(long[] nanos) {
    Histogram merged = newHistogram();
    for (long n : nanos) {
      merged.recordValue(Math.min(Math.max(n, 1), MAX_NANOS));
    }
    return summaryOf(merged);
  }

  private static String summaryOf(Histogram h) {
    if (h.getTotalCount() == 0) {
      return "no samples";
    }
    return String.format(
        "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)",
        ms(h, 50), ms(h, 90), ms(h, 99), h.getMaxValue() / 1e6, h.getTotalCount());
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1e6;
  }

  private static Histogram newHistogram() {
    return new Histogram(1_000, MAX_NANOS, 3);
  }
}
