package io.showfloor.auction;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit across lots on this node. Bids wait here while {@code lanes} transactions are in
 * flight; the next transaction takes what waits for every lot not already in one, so bids spread
 * over a thousand lots share commits (and WAL flushes) instead of paying one each, and a hot lot
 * pays one lock and one commit per batch.
 *
 * <p>A lot is in at most one of this node's transactions at a time, so its bids are still decided
 * in arrival order, each on the state the previous one left. A transaction takes its lots' row
 * locks in id order, so two nodes' batches never wait on each other in a cycle.
 *
 * <p>A refusal is an answer decided inside the work, never a failure, so one bidder's refusal never
 * rolls back another's bid. A failure (a lost race on an idempotency key, a deadlock with another
 * kind of transaction) rolls back the whole transaction; its bids are then tried again in
 * transactions of their own, one lot and then one bid at a time, so a bad bid fails only itself. No
 * savepoints: each would be a subtransaction, and over 64 of them in one transaction slow every
 * other session's snapshots.
 *
 * @param <B> what waits (a bid)
 * @param <R> what each one did, answered in the same order
 */
final class LotBatches<B, R> {
  /**
   * The work of one transaction: every lot's waiting items (lots in id order, each lot's items in
   * arrival order), on the transaction's connection; answers in the same shape. Set-based, so a
   * transaction of a hundred bids costs a few statements, not a few per bid.
   */
  @FunctionalInterface
  interface Work<B, R> {
    Future<List<List<R>>> apply(SqlConnection conn, List<Long> lotIds, List<List<B>> bids);
  }

  private record Entry<B, R>(B bid, Promise<R> promise) {}

  private record Group<B, R>(long lotId, List<Entry<B, R>> entries) {
    List<B> bids() {
      return entries.stream().map(Entry::bid).toList();
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(LotBatches.class);

  /** Bids in one transaction: enough to share a commit widely, few enough to keep locks short. */
  static final int MAX_BATCH = 100;

  private final Database db;
  private final Work<B, R> work;
  private final int lanes;
  // guarded by this: the lots with waiting bids (in the order they first waited), the lots in a
  // transaction, and how many transactions are in flight
  private final Map<Long, ArrayDeque<Entry<B, R>>> waiting = new LinkedHashMap<>();
  private final Set<Long> inFlight = new HashSet<>();
  private int running;

  /**
   * @param lanes transactions of bids this node keeps in flight at once
   */
  LotBatches(Database db, int lanes, Work<B, R> work) {
    this.db = db;
    this.lanes = lanes;
    this.work = work;
  }

  Future<R> submit(long lotId, B bid) {
    Promise<R> promise = Promise.promise();
    synchronized (this) {
      waiting.computeIfAbsent(lotId, id -> new ArrayDeque<>()).add(new Entry<>(bid, promise));
    }
    startWhatCan();
    return promise.future();
  }

  private void startWhatCan() {
    while (true) {
      List<Group<B, R>> batch;
      synchronized (this) {
        if (running >= lanes) {
          return;
        }
        batch = takeReady();
        if (batch.isEmpty()) {
          return;
        }
        running++;
      }
      run(batch).onComplete(done -> finished(batch));
    }
  }

  private void finished(List<Group<B, R>> batch) {
    synchronized (this) {
      running--;
      batch.forEach(group -> inFlight.remove(group.lotId()));
    }
    startWhatCan();
  }

  /** The waiting bids of lots not in flight, up to {@link #MAX_BATCH}, by lot id. */
  private List<Group<B, R>> takeReady() {
    List<Group<B, R>> groups = new ArrayList<>();
    int taken = 0;
    Iterator<Map.Entry<Long, ArrayDeque<Entry<B, R>>>> lots = waiting.entrySet().iterator();
    while (lots.hasNext() && taken < MAX_BATCH) {
      Map.Entry<Long, ArrayDeque<Entry<B, R>>> lot = lots.next();
      if (inFlight.contains(lot.getKey())) {
        continue;
      }
      ArrayDeque<Entry<B, R>> queue = lot.getValue();
      List<Entry<B, R>> entries = new ArrayList<>();
      while (!queue.isEmpty() && taken < MAX_BATCH) {
        entries.add(queue.poll());
        taken++;
      }
      if (queue.isEmpty()) {
        lots.remove();
      }
      inFlight.add(lot.getKey());
      groups.add(new Group<>(lot.getKey(), entries));
    }
    groups.sort(Comparator.comparingLong(Group::lotId));
    return groups;
  }

  private Future<Void> run(List<Group<B, R>> groups) {
    List<Long> lotIds = groups.stream().map(Group::lotId).toList();
    List<List<B>> bids = groups.stream().map(Group::bids).toList();
    // BEGIN goes out with the lock statement: one round trip fewer per transaction
    return db.pipelinedTx(conn -> work.apply(conn, lotIds, bids))
        .transform(
            ar -> {
              if (ar.succeeded()) {
                List<List<R>> decided = ar.result();
                for (int g = 0; g < groups.size(); g++) {
                  List<Entry<B, R>> entries = groups.get(g).entries();
                  for (int i = 0; i < entries.size(); i++) {
                    entries.get(i).promise().complete(decided.get(g).get(i));
                  }
                }
                return Future.succeededFuture();
              }
              if (groups.size() == 1 && groups.get(0).entries().size() == 1) {
                groups.get(0).entries().get(0).promise().fail(ar.cause());
                return Future.succeededFuture();
              }
              LOG.info(
                  "A transaction of {} bids on {} lots failed ({}); trying them again apart",
                  groups.stream().mapToInt(group -> group.entries().size()).sum(),
                  groups.size(),
                  ar.cause().toString());
              return again(groups);
            });
  }

  /** After a failed transaction: each lot on its own, and within a failing lot each bid alone. */
  private Future<Void> again(List<Group<B, R>> groups) {
    Future<Void> oneByOne = Future.succeededFuture();
    for (Group<B, R> group : groups) {
      List<Group<B, R>> alone =
          groups.size() > 1
              ? List.of(group)
              : group.entries().stream()
                  .map(entry -> new Group<>(group.lotId(), List.of(entry)))
                  .toList();
      for (Group<B, R> part : alone) {
        oneByOne = oneByOne.compose(v -> run(List.of(part)));
      }
    }
    return oneByOne;
  }
}
