package io.showfloor.market.trading;

import io.showfloor.market.Instrument;
import io.showfloor.market.Leaderboard;
import io.showfloor.market.MarketSettings;
import io.showfloor.market.Phase;
import io.showfloor.market.cash.CashMovement;
import io.showfloor.market.cash.MarketCash;
import io.showfloor.market.engine.Side;
import io.showfloor.market.trading.BookCommand.OrderRequest;
import io.showfloor.market.trading.BookCommand.PhaseChange;
import io.showfloor.market.trading.BookCommand.Rebuild;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one instrument's book (see docs/ARCHITECTURE.md "Concurrency across the
 * cluster"). Commands arrive on {@code market.cmd.<symbol>} and queue; the owner takes everything
 * queued (up to {@code market.batchMaxCommands}) as one batch, applies it to the in-memory book,
 * commits orders, fills, holdings and cash in ONE database transaction, and only then replies and
 * publishes. Under load, batches grow by themselves: commands that arrive during a commit wait for
 * the next one.
 *
 * <p>When a commit fails, nothing in memory can be trusted: the book is rebuilt from PostgreSQL and
 * the batch's commands run again one at a time, so one command's failure (a cash race with another
 * instrument) answers only that command. Every transaction first checks this owner's lease epoch,
 * so an owner that lost its lease can never write again.
 */
public final class BookOwner extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(BookOwner.class);

  /**
   * Set ({@code true}) on an answer given without running the command: this owner is handing the
   * book over (or no longer has it), so the sender may send it again and reach the new owner.
   */
  public static final String NOT_EXECUTED = "notExecuted";

  private final Database db;
  private final MarketSettings settings;
  private final MarketCash cash;

  /** The cash this book moves: real wallets, or its tournament's play money (set by load). */
  private MarketCash bookCash;

  private final Leaderboard leaderboard;
  private final Clock clock;
  private final String symbol;
  private final long epoch;
  private final BiConsumer<String, Long> onLeaseLost;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final BookRepository repository = new BookRepository();
  private final MarketEvents events;
  private final FillNotices fillNotices;
  private final BatchMetrics metrics;

  // set by load() in start(), before any consumer is registered
  @SuppressWarnings("NullAway.Init")
  private BookState state;

  private boolean busy;
  private boolean stopped;
  private boolean schedulePending;

  @SuppressWarnings("NullAway.Init")
  private Instrument committed;

  @SuppressWarnings("NullAway.Init")
  private JsonObject bookView;

  @SuppressWarnings("NullAway.Init")
  private JsonObject tickerView;

  private @Nullable MessageConsumer<JsonObject> commands;
  private @Nullable MessageConsumer<JsonObject> reads;
  private long scheduleTimer = -1;

  /** {@code message} is null for a command the owner gives itself (a scheduled phase change). */
  private record Pending(
      BookCommand command, @Nullable Message<JsonObject> message, boolean alone) {}

  /** Thrown inside a batch when the lease epoch is no longer ours. */
  private static final class LeaseLost extends RuntimeException {
    LeaseLost(String symbol) {
      super("lease on " + symbol + " lost", null, false, false);
    }
  }

  public BookOwner(
      OwnerServices services, String symbol, long epoch, BiConsumer<String, Long> onLeaseLost) {
    this.db = services.db();
    this.settings = services.settings();
    this.cash = services.cash();
    this.bookCash = cash;
    this.leaderboard = services.leaderboard();
    this.fillNotices = services.fillNotices();
    this.clock = services.clock();
    this.symbol = symbol;
    this.epoch = epoch;
    this.onLeaseLost = onLeaseLost;
    this.events = new MarketEvents(services.events(), symbol);
    this.metrics = new BatchMetrics(services.metrics(), symbol);
  }

  public static String commandAddress(String symbol) {
    return "market.cmd." + symbol;
  }

  public static String readAddress(String symbol) {
    return "market.read." + symbol;
  }

  @Override
  public Future<?> start() {
    return load()
        .compose(
            v -> {
              commands = vertx.eventBus().consumer(commandAddress(symbol), this::onCommand);
              reads = vertx.eventBus().consumer(readAddress(symbol), this::onRead);
              scheduleTimer =
                  vertx.setPeriodic(
                      1000,
                      id -> {
                        followSchedule();
                        expireDueOrders();
                      });
              metrics.watchQueue(queue);
              LOG.info(
                  "Owning the {} book (epoch {}, {} open orders)",
                  symbol,
                  epoch,
                  state.open.size());
              return Future.all(commands.completion(), reads.completion());
            });
  }

  @Override
  public Future<?> stop() {
    retireNow();
    List<Future<?>> unregistered = new ArrayList<>();
    if (commands != null) {
      unregistered.add(commands.unregister());
    }
    if (reads != null) {
      unregistered.add(reads.unregister());
    }
    return Future.join(unregistered);
  }

  /**
   * Hands the book over: from now on every command and read is answered "not executed" (so senders
   * try again and reach the new owner), and the consumers stay registered for {@code graceMillis}.
   * Why not unregister at once: other nodes learn of the unregistration a moment later, and a
   * message that reaches a node without a handler is dropped silently, leaving its sender to wait
   * for the full timeout without knowing whether the command ran.
   */
  public Future<Void> retire(long graceMillis) {
    Promise<Void> retired = Promise.promise();
    context.runOnContext(
        v -> {
          retireNow();
          vertx.setTimer(graceMillis, id -> retired.complete());
        });
    return retired.future();
  }

  private void retireNow() {
    stopped = true;
    metrics.stopWatching();
    vertx.cancelTimer(scheduleTimer);
    answerQueuedNotExecuted();
  }

  /**
   * Queued commands never ran (a failed batch rolled back before its commands were queued again).
   */
  private void answerQueuedNotExecuted() {
    for (Pending pending : queue) {
      reply(pending, notExecuted());
    }
    queue.clear();
  }

  private Future<Void> load() {
    Instant now = clock.instant();
    return repository
        .load(
            db.pool(), symbol, settings.schedule().startOfDay(settings.schedule().tradingDay(now)))
        .map(
            loaded -> {
              loaded.day = settings.schedule().tradingDay(now);
              state = loaded;
              Long pool = loaded.instrument.playPool();
              bookCash = pool == null ? cash : cash.playMoney(pool);
              refreshViews(now);
              return null;
            });
  }

  // ---- the queue ----------------------------------------------------------------------------

  private void onCommand(Message<JsonObject> message) {
    if (stopped) {
      message.reply(notExecuted());
      return;
    }
    if (queue.size() >= settings.queueLimit()) {
      message.reply(
          BookAnswer.refusedJson(
              Refused.unavailable(
                  "market_busy",
                  "The " + symbol + " book has too many commands waiting; try again shortly")));
      return;
    }
    BookCommand command;
    try {
      command = BookCommand.fromJson(message.body());
    } catch (RuntimeException e) {
      message.reply(
          BookAnswer.refusedJson(
              Refused.invalid("validation_failed", "Malformed market command: " + e.getMessage())));
      return;
    }
    queue.add(new Pending(command, message, false));
    drain();
  }

  private void drain() {
    if (stopped) {
      answerQueuedNotExecuted();
      return;
    }
    if (busy || queue.isEmpty()) {
      return;
    }
    busy = true;
    long started = System.nanoTime();
    List<Pending> batch = takeBatch();
    Future<Void> run =
        batch.get(0).command() instanceof Rebuild
            ? rebuild(batch.get(0))
            : batch.get(0).command() instanceof BookCommand.Reconcile
                ? reconcile(batch.get(0))
                : runBatch(batch);
    run.onComplete(
        done -> {
          metrics.record(batch.size(), started);
          busy = false;
          drain();
        });
  }

  /**
   * Everything queued up to the batch limit; a command retried alone or a rebuild goes on its own.
   */
  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>();
    Pending first = queue.poll();
    batch.add(first);
    if (first.alone() || runsAlone(first.command())) {
      return batch;
    }
    while (batch.size() < settings.batchMaxCommands() && !queue.isEmpty()) {
      Pending next = queue.peek();
      if (next.alone() || runsAlone(next.command())) {
        break;
      }
      batch.add(queue.poll());
    }
    return batch;
  }

  // ---- one batch ----------------------------------------------------------------------------

  private record Applied(Batch batch, List<Outcome> outcomes) {}

  private Future<Void> runBatch(List<Pending> pendings) {
    Instant now = clock.instant();
    state.rollDay(settings.schedule().tradingDay(now));
    Set<Long> buyers = new HashSet<>();
    List<Long> clientUsers = new ArrayList<>();
    List<String> clientIds = new ArrayList<>();
    int newOrders = 0;
    for (Pending pending : pendings) {
      if (pending.command() instanceof OrderRequest order) {
        newOrders++;
        if (order.side() == Side.BUY) {
          buyers.add(order.userId());
        }
        if (order.clientOrderId() != null) {
          clientUsers.add(order.userId());
          clientIds.add(order.clientOrderId());
        }
      } else if (pending.command() instanceof BookCommand.AmendRequest amend) {
        // an amend of a buy may need more cash (a higher price or a larger quantity)
        buyers.add(amend.userId());
      }
    }
    boolean[] applied = {false};
    int orderIds = newOrders;
    // a connection per batch from the pool (owners are many, connections few); BEGIN, the lease
    // check, the reads and any id draws go out pipelined in one round trip, and the batch's
    // statements pipeline on it
    Future<Applied> committed =
        db.pipelinedTx(
            conn -> {
              Future<Boolean> lease = repository.holdsLease(conn, symbol, epoch);
              Future<Map<Long, Long>> elsewhere = bookCash.spendableElsewhere(conn, symbol, buyers);
              Future<Map<String, Batch.ExistingOrder>> existing =
                  repository.existingClientOrders(conn, clientUsers, clientIds);
              Future<Void> ids =
                  Future.all(
                          repository.reserveOrderIds(conn, orderIds),
                          repository.reserveTradeIds(conn, 4 * pendings.size()))
                      .mapEmpty();
              return Future.all(lease, elsewhere, existing, ids)
                  .compose(
                      read -> {
                        if (!lease.result()) {
                          throw new LeaseLost(symbol);
                        }
                        applied[0] = true;
                        Batch batch =
                            new Batch(
                                state,
                                now,
                                settings.marketBuySlippageBps(),
                                spendable(elsewhere.result()),
                                existing.result(),
                                repository::nextOrderId);
                        List<Outcome> outcomes = new ArrayList<>(pendings.size());
                        for (Pending pending : pendings) {
                          outcomes.add(batch.apply(pending.command()));
                        }
                        if (!batch.changedAnything()) {
                          return Future.succeededFuture(new Applied(batch, outcomes));
                        }
                        return repository
                            .numberTrades(conn, batch.trades)
                            .compose(numbered -> write(conn, batch, buyers, now))
                            .map(written -> new Applied(batch, outcomes));
                      });
            });
    return committed.transform(
        result -> {
          if (result.succeeded()) {
            afterCommit(pendings, result.result(), now);
            return Future.succeededFuture();
          }
          return afterFailure(pendings, result.cause(), applied[0]);
        });
  }

  /**
   * What the ordering buyers may spend: cash less their holds in other books (read in this
   * transaction) less their holds in this one (from memory; this owner is its only writer).
   */
  private Map<Long, Long> spendable(Map<Long, Long> elsewhere) {
    Map<Long, Long> spendable = new HashMap<>(elsewhere);
    spendable.replaceAll((user, cents) -> cents - state.held(user));
    return spendable;
  }

  /**
   * Writes a batch. Holds are no ledger movement, so the batch's new holds are made safe by a lock
   * instead: the cash rows of every trader whose cash the batch reads or moves are locked in one
   * statement, in id order (as the ledger locks them, so books on different nodes never deadlock; a
   * second lock round after matching could), then the orders are written, then a check that each
   * ordering buyer's cash still covers every hold of every book (another book or a withdrawal may
   * have spent it since the read at the start), then the fills are posted. All pipelined; a failed
   * check rolls the batch back and its commands run again one by one.
   */
  private Future<Void> write(SqlConnection conn, Batch batch, Set<Long> buyers, Instant now) {
    Set<Long> traders = new HashSet<>(buyers);
    Map<Long, Long> moved = new HashMap<>();
    List<CashMovement> fills = new ArrayList<>(batch.trades.size());
    for (TradeRow trade : batch.trades) {
      traders.add(trade.buyerId);
      traders.add(trade.sellerId);
      moved.merge(trade.buyerId, -(trade.valueCents() + trade.buyerFeeCents), Long::sum);
      moved.merge(trade.sellerId, trade.valueCents() - trade.sellerFeeCents, Long::sum);
      fills.add(
          new CashMovement.Settlement(
              trade.id,
              trade.symbol,
              trade.buyerId,
              trade.sellerId,
              trade.valueCents(),
              trade.buyerFeeCents,
              trade.sellerFeeCents));
    }
    Map<Long, Long> buyerDeltas = new HashMap<>();
    buyers.forEach(user -> buyerDeltas.put(user, moved.getOrDefault(user, 0L)));
    // without ordering buyers no hold grows: the ledger's own lock of the fills' accounts is enough
    Future<Void> locked =
        buyers.isEmpty() ? Future.succeededFuture() : bookCash.lock(conn, traders);
    Future<Void> rows = repository.write(conn, symbol, batch, state, now);
    Future<Void> covered = bookCash.checkCovered(conn, buyerDeltas);
    Future<Void> posted = bookCash.post(conn, fills);
    return Future.all(locked, rows, covered, posted).mapEmpty();
  }

  private void afterCommit(List<Pending> pendings, Applied applied, Instant now) {
    for (int i = 0; i < pendings.size(); i++) {
      Pending pending = pendings.get(i);
      if (pending.command() instanceof PhaseChange) {
        schedulePending = false;
      }
      reply(pending, applied.outcomes().get(i).toReply());
    }
    Batch batch = applied.batch();
    if (!batch.changedAnything()) {
      return;
    }
    events.ordersAndFills(batch.trades, batch.newOrders.values(), batch.changedOrders.values());
    Map<Long, Long> realized = new HashMap<>();
    for (TradeRow trade : batch.trades) {
      realized.merge(trade.sellerId, trade.sellerRealizedPnlCents, Long::sum);
    }
    if (state.instrument.playPool() == null) {
      // a tournament's play money has its own board
      leaderboard.add(state.day, realized);
    }
    fillNotices.filled(batch.trades);
    JsonObject previousBook = bookView;
    JsonObject previousTicker = tickerView;
    Phase previousPhase = committed.phase();
    refreshViews(now);
    if (!sameIgnoringTime(previousBook, bookView)) {
      events.bookUpdate(bookView);
    }
    if (!sameIgnoringTime(previousTicker, tickerView)) {
      events.ticker(tickerView);
    }
    if (previousPhase != committed.phase()) {
      events.phase(committed.toJson());
    }
    events.flush();
  }

  private Future<Void> afterFailure(
      List<Pending> pendings, Throwable failure, boolean stateTouched) {
    if (failure instanceof LeaseLost) {
      LOG.warn("Lost the lease on {} (epoch {}); handing the book over", symbol, epoch);
      // the lease check comes before any write, so none of these ran: their senders try the new
      // owner
      pendings.forEach(p -> reply(p, notExecuted()));
      stopped = true;
      onLeaseLost.accept(symbol, epoch);
      return Future.succeededFuture();
    }
    Future<Void> reloaded = stateTouched ? load() : Future.succeededFuture();
    return reloaded.transform(
        reload -> {
          if (reload.failed()) {
            LOG.error("Cannot rebuild the {} book; giving it up", symbol, reload.cause());
            pendings.forEach(p -> reply(p, BookAnswer.refusedJson(unavailable())));
            stopped = true;
            onLeaseLost.accept(symbol, epoch);
            return Future.succeededFuture();
          }
          if (pendings.size() > 1) {
            LOG.info(
                "A batch of {} commands on {} failed ({}); retrying them one by one",
                pendings.size(),
                symbol,
                failure.toString());
            for (int i = pendings.size() - 1; i >= 0; i--) {
              Pending p = pendings.get(i);
              queue.addFirst(new Pending(p.command(), p.message(), true));
            }
            return Future.succeededFuture();
          }
          Pending only = pendings.get(0);
          if (only.command() instanceof PhaseChange) {
            schedulePending = false;
          }
          if (failure instanceof Refused refused) {
            reply(only, BookAnswer.refusedJson(refused));
          } else {
            LOG.error("Command {} on {} failed", only.command(), symbol, failure);
            reply(only, BookAnswer.refusedJson(unavailable()));
          }
          return Future.succeededFuture();
        });
  }

  private static boolean runsAlone(BookCommand command) {
    return command instanceof Rebuild || command instanceof BookCommand.Reconcile;
  }

  /** Between batches, so the memory compared is the committed state. */
  private Future<Void> reconcile(Pending pending) {
    return HoldsCheck.differences(db.pool(), state)
        .transform(
            result -> {
              if (result.failed()) {
                LOG.warn("Reconciling the {} book failed", symbol, result.cause());
                reply(pending, BookAnswer.refusedJson(unavailable()));
              } else {
                reply(
                    pending,
                    new BookAnswer(
                            BookAnswer.Result.DONE,
                            new JsonObject()
                                .put("symbol", symbol)
                                .put("differences", result.result()))
                        .toJson());
              }
              return Future.succeededFuture();
            });
  }

  private Future<Void> rebuild(Pending pending) {
    return load()
        .transform(
            result -> {
              if (result.failed()) {
                LOG.error("Rebuilding the {} book failed", symbol, result.cause());
                reply(pending, BookAnswer.refusedJson(unavailable()));
                stopped = true;
                onLeaseLost.accept(symbol, epoch);
              } else {
                reply(
                    pending,
                    new BookAnswer(
                            BookAnswer.Result.DONE,
                            new JsonObject()
                                .put("book", bookView)
                                .put("openOrders", state.open.size()))
                        .toJson());
              }
              return Future.succeededFuture();
            });
  }

  // ---- reads, schedule, views ---------------------------------------------------------------

  /** Reads answer from the last committed view, never from a batch still in flight. */
  private void onRead(Message<JsonObject> message) {
    if (stopped || bookView == null) {
      message.reply(notExecuted());
      return;
    }
    message.reply(
        new JsonObject()
            .put("instrument", committed.toJson())
            .put("book", bookView)
            .put("ticker", tickerView));
  }

  private void followSchedule() {
    Instrument instrument = committed;
    if (stopped
        || schedulePending
        || instrument == null
        || !instrument.approved()
        || !instrument.followsSchedule()
        || instrument.phase() == Phase.HALTED) {
      return;
    }
    Instant now = clock.instant();
    Phase expected = settings.schedule().phaseAt(now);
    if (expected != instrument.phase()
        && instrument.phaseChangedAt().isBefore(settings.schedule().lastBoundary(now))) {
      schedulePending = true;
      queue.add(new Pending(new PhaseChange(expected, "schedule"), null, false));
      drain();
    }
  }

  /**
   * Once a second: when a GTD order's time has come, the owner queues the command that expires it,
   * so the expiry is a batch like any other (escrow released in the same transaction). A second one
   * queued before the first ran finds nothing to do.
   */
  private void expireDueOrders() {
    if (stopped || committed == null) {
      return;
    }
    Instant now = clock.instant();
    for (OrderRow row : state.open.values()) {
      Instant expiresAt = row.expiresAt;
      if (expiresAt != null && !expiresAt.isAfter(now)) {
        queue.add(new Pending(new BookCommand.ExpireDue(), null, false));
        drain();
        return;
      }
    }
  }

  private void refreshViews(Instant now) {
    committed = state.instrument;
    bookView = state.bookJson(now);
    tickerView = state.tickerJson(now);
  }

  /** Compares two views field by field, without copying them (this runs after every batch). */
  private static boolean sameIgnoringTime(JsonObject before, JsonObject after) {
    if (before == null || before.size() != after.size()) {
      return false;
    }
    for (String field : after.fieldNames()) {
      if (!"serverTime".equals(field)
          && !Objects.equals(before.getValue(field), after.getValue(field))) {
        return false;
      }
    }
    return true;
  }

  private void reply(Pending pending, JsonObject reply) {
    if (pending.message() != null) {
      pending.message().reply(reply);
    }
  }

  private JsonObject notExecuted() {
    return BookAnswer.refusedJson(unavailable()).put(NOT_EXECUTED, true);
  }

  private Refused unavailable() {
    return Refused.unavailable(
        "market_unavailable",
        "The " + symbol + " book is changing hands; try again in a few seconds");
  }
}
