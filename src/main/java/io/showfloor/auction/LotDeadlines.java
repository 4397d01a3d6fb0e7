package io.showfloor.auction;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Makes lots close on time on whichever node is alive: a timer for each deadline this node has
 * seen, plus a sweep of the database for every open lot past its deadline, which also picks up lots
 * after a restart or when the node that watched them is gone.
 */
final class LotDeadlines {
  /** Close attempts fire a little after the deadline so the database clock has surely passed it. */
  private static final long GRACE_MS = 5;

  private final Vertx vertx;
  private final Database db;
  private final ConcurrentHashMap<Long, Long> timers = new ConcurrentHashMap<>();
  private @Nullable LotCloser closer;
  private long sweepTimer = -1;

  LotDeadlines(Vertx vertx, Database db) {
    this.vertx = vertx;
    this.db = db;
  }

  void start(LotCloser closer, long sweepMillis) {
    this.closer = closer;
    sweepTimer = vertx.setPeriodic(sweepMillis, id -> sweep());
    db.query(LotSql.OPEN_DEADLINES, Tuple.tuple())
        .onSuccess(
            rows -> {
              for (Row row : rows) {
                watch(row.getLong("id"), Lot.instantOrNull(row, "ends_at"));
              }
            });
  }

  void stop() {
    vertx.cancelTimer(sweepTimer);
    timers.values().forEach(vertx::cancelTimer);
  }

  /** Arms (or re-arms, after an extension) this node's timer for a lot's deadline. */
  void watch(long lotId, @Nullable Instant endsAt) {
    LotCloser closer = this.closer;
    if (endsAt == null || closer == null) {
      return;
    }
    long delay = Math.max(1, endsAt.toEpochMilli() - System.currentTimeMillis() + GRACE_MS);
    long timer =
        vertx.setTimer(
            delay,
            id -> {
              timers.remove(lotId, id);
              closer.closeIfDue(lotId);
            });
    Long previous = timers.put(lotId, timer);
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }

  private void sweep() {
    // the sweep timer is set in start, after the closer
    LotCloser closer = Objects.requireNonNull(this.closer, "closer");
    db.query(LotSql.DUE, Tuple.tuple())
        .onSuccess(
            rows -> {
              for (Row row : rows) {
                closer.closeIfDue(row.getLong("id"));
              }
            });
  }
}
