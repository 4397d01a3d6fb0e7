package io.showfloor.platform.infra;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges whose values are counts PostgreSQL answers, read again every {@code
 * metrics.countRefreshMillis} (5 s), never on a scrape: open lots, live shows, mail waiting in the
 * outbox. A count is the whole cluster's, so every node reports the same number (graph it with max,
 * not sum).
 */
public final class PolledCounts {
  private final Vertx vertx;
  private final Database db;
  private final MeterRegistry registry;
  private final long refreshMillis;

  public PolledCounts(Vertx vertx, Database db, MeterRegistry registry, long refreshMillis) {
    this.vertx = vertx;
    this.db = db;
    this.registry = registry;
    this.refreshMillis = refreshMillis;
  }

  /**
   * Registers {@code name} (a dotted Micrometer name) counting with {@code countSql}, which answers
   * one row, one column.
   */
  public void register(String name, String description, String countSql) {
    Count count = new Count(db, countSql);
    Gauge.builder(name, count.value, AtomicLong::get)
        .description(description)
        .strongReference(true)
        .register(registry);
    vertx.runOnContext(
        v -> {
          count.read();
          vertx.setPeriodic(refreshMillis, id -> count.read());
        });
  }

  private static final class Count {
    private final AtomicLong value = new AtomicLong();
    private final Database db;
    private final String countSql;
    private boolean reading;

    private Count(Database db, String countSql) {
      this.db = db;
      this.countSql = countSql;
    }

    private void read() {
      if (reading) {
        return;
      }
      reading = true;
      // a failed read (database away, node stopping) keeps the last value; readiness reports the
      // database
      db.query(countSql, Tuple.tuple())
          .onSuccess(rows -> value.set(rows.iterator().next().getLong(0)))
          .onComplete(done -> reading = false);
    }
  }
}
