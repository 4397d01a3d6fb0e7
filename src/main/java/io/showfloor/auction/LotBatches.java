package io.showfloor.auction;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Group commit per lot on this node: while one transaction for a lot is in flight, the bids that
 * arrive for it wait here and then go together in the next one, decided in arrival order. A hot
 * lot then pays one lock and one commit per batch instead of per bid, and no more than one of this
 * node's connections waits on its row lock. A failed batch is retried bid by bid, so one bad bid
 * (say, a duplicate idempotency key) fails only itself.
 */
final class LotBatches {
  /** A bid waiting for its lot's next transaction. */
  record Pending(Caller caller, long amountCents, long maxCents, @Nullable String key) {}

  private record Entry(Pending bid, Promise<BidService.Attempt> promise) {}

  private static final int MAX_BATCH = 100;
  private final Database db;
  private final BidService bids;
  private final Map<Long, ArrayDeque<Entry>> waiting = new HashMap<>();

  LotBatches(Database db, BidService bids) {
    this.db = db;
    this.bids = bids;
  }

  Future<BidService.Attempt> submit(long lotId, Pending bid) {
    Promise<BidService.Attempt> promise = Promise.promise();
    boolean idle;
    synchronized (waiting) {
      ArrayDeque<Entry> queue = waiting.get(lotId);
      idle = queue == null;
      if (queue == null) {
        queue = new ArrayDeque<>();
        waiting.put(lotId, queue);
      }
      queue.add(new Entry(bid, promise));
    }
    if (idle) {
      drain(lotId);
    }
    return promise.future();
  }

  private void drain(long lotId) {
    List<Entry> batch = new ArrayList<>();
    synchronized (waiting) {
      // drain runs only while the lot's queue is registered: submit adds it first, only drain removes it (and stops)
      ArrayDeque<Entry> queue = Objects.requireNonNull(waiting.get(lotId), "queue");
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

  private Future<Void> run(long lotId, List<Entry> batch) {
    List<Pending> pending = batch.stream().map(Entry::bid).toList();
    return db.tx(conn -> bids.applyAll(conn, lotId, pending)).transform(ar -> {
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
      for (Entry entry : batch) {
        oneByOne = oneByOne.compose(v -> run(lotId, List.of(entry)));
      }
      return oneByOne;
    });
  }
}
