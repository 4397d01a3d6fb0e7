package io.showfloor.bench;

import java.util.Arrays;

/** Collects latencies (nanoseconds) from one event loop and prints percentiles. */
final class LatencyRecorder {
  private long[] samples = new long[1 << 16];
  private int count;

  void record(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, samples.length * 2);
    }
    samples[count++] = nanos;
  }

  int count() { return count; }

  String summary() {
    return summaryOf(Arrays.copyOf(samples, count));
  }

  /** Percentiles of latencies (nanoseconds) collected elsewhere, e.g. from several threads. */
  static String summaryOf(long[] nanos) {
    if (nanos.length == 0) {
      return "no samples";
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)",
        ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6, sorted.length);
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }
}
