package io.showfloor.auction;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Group commit per lot on this node: while one transaction for a lot is in flight, the bids that
 * arrive for it wait here and then go together in the next one, decided in arrival order. A hot lot
 * then pays one lock and one commit per batch instead of per bid, and no more than one of this
 * node's connections waits on its row lock. A failed batch is retried bid by bid, so one bad bid
 * (say, a duplicate idempotency key) fails only itself.
 *
 * @param <B> what waits (a bid)
 * @param <R> what each one did, answered in the same order
 */
final class LotBatches<B, R> {
  /**
   * The work of one transaction: every waiting item of one lot, on the transaction's connection.
   */
  @FunctionalInterface
  interface Work<B, R> {
    Future<List<R>> apply(SqlConnection conn, long lotId, List<B> batch);
  }

  private record Entry<B, R>(B bid, Promise<R> promise) {}

  private static final int MAX_BATCH = 100;
  private final Database db;
  private final Work<B, R> work;
  private final Map<Long, ArrayDeque<Entry<B, R>>> waiting = new HashMap<>();

  LotBatches(Database db, Work<B, R> work) {
    this.db = db;
    this.work = work;
  }

  Future<R> submit(long lotId, B bid) {
    Promise<R> promise = Promise.promise();
    boolean idle;
    synchronized (waiting) {
      ArrayDeque<Entry<B, R>> queue = waiting.get(lotId);
      idle = queue == null;
      if (queue == null) {
        queue = new ArrayDeque<>();
        waiting.put(lotId, queue);
      }
      queue.add(new Entry<>(bid, promise));
    }
    if (idle) {
      drain(lotId);
    }
    return promise.future();
  }

  private void drain(long lotId) {
    List<Entry<B, R>> batch = new ArrayList<>();
    synchronized (waiting) {
      // drain runs only while the lot's queue is registered: submit adds it first, only drain
      // removes it (and stops)
      ArrayDeque<Entry<B, R>> queue = Objects.requireNonNull(waiting.get(lotId), "queue");
      while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(queue.poll());
      }
      if (batch.isEmpty()) {
        waiting.remove(lotId);
        return;
      }
    }
    run(lotId, batch).onComplete(done -> drain(lotId));
  }

  private Future<Void> run(long lotId, List<Entry<B, R>> batch) {
    List<B> pending = batch.stream().map(Entry::bid).toList();
    return db.tx(conn -> work.apply(conn, lotId, pending))
        .transform(
            ar -> {
              if (ar.succeeded()) {
                for (int i = 0; i < batch.size(); i++) {
                  batch.get(i).promise().complete(ar.result().get(i));
                }
                return Future.succeededFuture();
              }
              if (batch.size() == 1) {
                batch.get(0).promise().fail(ar.cause());
                return Future.succeededFuture();
              }
              Future<Void> oneByOne = Future.succeededFuture();
              for (Entry<B, R> entry : batch) {
                oneByOne = oneByOne.compose(v -> run(lotId, List.of(entry)));
              }
              return oneByOne;
            });
  }
}
