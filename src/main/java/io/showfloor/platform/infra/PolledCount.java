package io.showfloor.platform.infra;

import io.micrometer.core.instrument.Gauge;
import io.showfloor.platform.Platform;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A gauge whose value is a count PostgreSQL answers, read again every {@code
 * metrics.countRefreshMillis} (5 s), never on a scrape: open lots, live shows, mail waiting in the
 * outbox. The count is the whole cluster's, so every node reports the same number (graph it with
 * max, not sum).
 */
public final class PolledCount {
  private final AtomicLong value = new AtomicLong();
  private final Database db;
  private final String countSql;
  private boolean reading;

  private PolledCount(Database db, String countSql) {
    this.db = db;
    this.countSql = countSql;
  }

  /**
   * Registers {@code name} (a dotted Micrometer name) counting with {@code countSql}, which answers
   * one row, one column.
   */
  public static void register(Platform platform, String name, String description, String countSql) {
    PolledCount count = new PolledCount(platform.db(), countSql);
    Gauge.builder(name, count.value, AtomicLong::get)
        .description(description)
        .strongReference(true)
        .register(platform.metrics());
    long every = Math.max(100, platform.settings().longValue("metrics.countRefreshMillis", 5_000));
    platform
        .vertx()
        .runOnContext(
            v -> {
              count.read();
              platform.vertx().setPeriodic(every, id -> count.read());
            });
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
