package io.showfloor.market.trading;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * How a book's single writer keeps up, as showfloor_market_batch_* in /metrics: commands per batch
 * (batches grow under load) and the time from taking a batch to its commit, which bounds a book's
 * throughput (one batch at a time).
 */
final class BatchMetrics {
  private final DistributionSummary commands;
  private final Timer duration;
  private final MeterRegistry registry;
  private final String symbol;
  private @Nullable Gauge queued;

  BatchMetrics(MeterRegistry registry, String symbol) {
    this.registry = registry;
    this.symbol = symbol;
    commands =
        DistributionSummary.builder("showfloor.market.batch.commands")
            .tag("symbol", symbol)
            .description("Commands per batch committed by the book's writer")
            .register(registry);
    duration =
        Timer.builder("showfloor.market.batch.duration")
            .tag("symbol", symbol)
            .description("From taking a batch to its commit (or failure)")
            .register(registry);
  }

  /**
   * showfloor_market_book_queue{symbol}: commands waiting for this node's writer, while it owns the
   * book.
   */
  void watchQueue(Collection<?> queue) {
    queued =
        Gauge.builder("showfloor.market.book.queue", queue, Collection::size)
            .tag("symbol", symbol)
            .description("Commands queued for the book's writer on the node that owns it")
            .register(registry);
  }

  /** The book left this node: its queue gauge goes (the new owner registers its own). */
  void stopWatching() {
    if (queued != null) {
      registry.remove(queued);
      queued = null;
    }
  }

  void record(int commandCount, long startedNanos) {
    commands.record(commandCount);
    duration.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }
}
