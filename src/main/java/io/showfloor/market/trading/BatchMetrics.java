package io.showfloor.market.trading;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * How a book's single writer keeps up, as showfloor_market_batch_* in /metrics: commands per batch
 * (batches grow under load) and the time from taking a batch to its commit, which bounds a book's
 * throughput (one batch at a time).
 */
final class BatchMetrics {
  private final DistributionSummary commands;
  private final Timer duration;

  BatchMetrics(MeterRegistry registry, String symbol) {
    commands = DistributionSummary.builder("showfloor.market.batch.commands").tag("symbol", symbol)
        .description("Commands per batch committed by the book's writer").register(registry);
    duration = Timer.builder("showfloor.market.batch.duration").tag("symbol", symbol)
        .description("From taking a batch to its commit (or failure)").register(registry);
  }

  void record(int commandCount, long startedNanos) {
    commands.record(commandCount);
    duration.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }
}
