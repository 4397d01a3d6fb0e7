package io.showfloor.market;

import io.showfloor.market.trading.BookAnswer;
import io.showfloor.market.trading.BookCommand;
import io.showfloor.market.trading.BookOwner;
import io.showfloor.market.trading.BookOwnership;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;

/**
 * How any node reaches the owner of a book: commands on {@code market.cmd.<symbol>}, reads of the
 * committed book and ticker on {@code market.read.<symbol>}.
 *
 * <p>While a book changes hands a command may find no owner, or the old one, which answers "not
 * executed". Both mean the command did not run, so it is sent again (with a short backoff) until
 * the new owner answers or {@code market.handOver.waitMillis} has passed. A command is never sent
 * again after an answer that may hide an execution (a timeout): that would risk running it twice.
 * When nobody answers in time, it says why: no such instrument (not found), not approved
 * (conflict), or no node holds the book right now (unavailable, with when to come back).
 */
public final class BookClient {
  private static final long COMMAND_TIMEOUT_MS = 15_000;
  private static final long READ_TIMEOUT_MS = 5_000;
  private static final long FIRST_BACKOFF_MS = 10;
  private static final long MAX_BACKOFF_MS = 200;
  // a real timeout fires at the send timeout; a TIMEOUT much earlier is Vert.x discarding the
  // message at a consumer that was just unregistered, so the handler never saw it
  private static final long DISCARD_MARGIN_MS = 1_000;
  private static final String STATUS =
      """
      SELECT i.status, CEIL(EXTRACT(EPOCH FROM l.expires_at - now()))::int AS lease_seconds
      FROM market_instruments i LEFT JOIN market_leases l ON l.symbol = i.symbol WHERE i.symbol = $1""";

  private static final long LEASE_WATCH_AFTER_MS = 500;
  private static final long LEASE_WATCH_EVERY_MS = 250;
  // taken after the command was sent: compared on the database's clock alone
  private static final String LEASE_TAKEN_SINCE =
      "SELECT taken_at > now() - make_interval(secs => $2::float8) AS moved "
          + "FROM market_leases WHERE symbol = $1";

  /**
   * The book's lease moved to a new epoch while a command waited: its old owner can no longer run
   * it.
   */
  private static final class LeaseMoved extends RuntimeException {
    LeaseMoved() {
      super("lease moved", null, false, false);
    }
  }

  private final Vertx vertx;
  private final Database db;
  private final MarketSettings settings;

  public BookClient(Vertx vertx, Database db, MarketSettings settings) {
    this.vertx = vertx;
    this.db = db;
    this.settings = settings;
  }

  /** Sends a command: the owner's answer, or a failed future with the owner's {@link Refused}. */
  public Future<BookAnswer> send(String symbol, BookCommand command) {
    return new Attempts(
            symbol, BookOwner.commandAddress(symbol), command.toJson(), COMMAND_TIMEOUT_MS, false)
        .next(FIRST_BACKOFF_MS)
        .map(
            answer -> {
              try {
                return BookAnswer.fromJson(answer);
              } catch (Refused refused) {
                throw retryable(refused);
              }
            });
  }

  /** The owner's last committed view: {@code {instrument, book, ticker}}. */
  public Future<JsonObject> read(String symbol) {
    return new Attempts(
            symbol, BookOwner.readAddress(symbol), new JsonObject(), READ_TIMEOUT_MS, true)
        .next(FIRST_BACKOFF_MS)
        .map(
            body -> {
              Refused refused = BookAnswer.refusalIn(body);
              if (refused != null) {
                throw retryable(refused);
              }
              return body;
            });
  }

  private static Refused retryable(Refused refused) {
    // every "unavailable" from a book (busy, or failed and rebuilding) is worth a retry a moment
    // later
    return refused.kind() == Refused.Kind.UNAVAILABLE && refused.retryAfterSeconds() == null
        ? refused.retryAfter(1)
        : refused;
  }

  /** One message's deliveries, until an owner answers or the hand-over wait is over. */
  private final class Attempts {
    private final String symbol;
    private final String address;
    private final JsonObject body;
    private final long timeoutMs;
    private final boolean idempotent;
    private final long deadline;
    private boolean statusChecked;

    Attempts(String symbol, String address, JsonObject body, long timeoutMs, boolean idempotent) {
      this.symbol = symbol;
      this.address = address;
      this.body = body;
      this.timeoutMs = timeoutMs;
      this.idempotent = idempotent;
      this.deadline =
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.handOverWaitMillis());
    }

    Future<JsonObject> next(long backoffMs) {
      long sent = System.nanoTime();
      Future<Message<JsonObject>> delivered =
          vertx.eventBus().request(address, body, new DeliveryOptions().setSendTimeout(timeoutMs));
      boolean safeToRepeat = !idempotent && body.getString("clientOrderId") != null;
      return (safeToRepeat ? orLeaseMoved(delivered) : delivered)
          .transform(
              result -> {
                if (result.failed() && result.cause() instanceof LeaseMoved) {
                  return later(backoffMs);
                }
                if (result.succeeded()) {
                  JsonObject answer = result.result().body();
                  return answer.getBoolean(BookOwner.NOT_EXECUTED, false)
                      ? later(backoffMs)
                      : Future.succeededFuture(answer);
                }
                Throwable failure = result.cause();
                if (failure instanceof ReplyException reply
                    && reply.failureType() == ReplyFailure.NO_HANDLERS) {
                  return noOwner().compose(v -> later(backoffMs));
                }
                if (notDelivered(failure, sent)
                    || idempotent && failure instanceof ReplyException) {
                  return later(backoffMs);
                }
                if (failure instanceof ReplyException) {
                  return Future.failedFuture(
                      Refused.unavailable(
                              "market_unavailable",
                              "The "
                                  + symbol
                                  + " book did not answer in time; the command may or may not have run. Check your "
                                  + "orders, or send it again with the same clientOrderId, which cannot place it twice")
                          .retryAfter(1));
                }
                return Future.failedFuture(failure);
              });
    }

    /**
     * The owner's answer, or {@link LeaseMoved} when the book's lease was taken (a new epoch) after
     * the command was sent. Why: an owner that died (or froze) with the command never answers, and
     * the sender would wait out the 15 s timeout. Once the lease has moved, the owner it went to is
     * fenced: what it committed is in PostgreSQL and nothing more of it ever will be, so a command
     * carrying a clientOrderId is sent again and the new owner, rebuilt from PostgreSQL, answers a
     * repeat with the order already placed. The lease is looked at only while a command is
     * unanswered after 500 ms.
     */
    private Future<Message<JsonObject>> orLeaseMoved(Future<Message<JsonObject>> reply) {
      long sent = System.nanoTime();
      Promise<Message<JsonObject>> first = Promise.promise();
      reply.onComplete(first::tryComplete, first::tryFail);
      long watch =
          vertx.setPeriodic(
              LEASE_WATCH_AFTER_MS,
              LEASE_WATCH_EVERY_MS,
              id -> {
                if (first.future().isComplete()) {
                  vertx.cancelTimer(id);
                  return;
                }
                double waited = (System.nanoTime() - sent) / 1e9;
                db.one(LEASE_TAKEN_SINCE, Tuple.of(symbol, waited))
                    .onSuccess(
                        row -> {
                          if (row != null && row.getBoolean("moved")) {
                            first.tryFail(new LeaseMoved());
                          }
                        });
              });
      return first.future().onComplete(done -> vertx.cancelTimer(watch));
    }

    private boolean notDelivered(Throwable failure, long sentNanos) {
      return failure instanceof ReplyException reply
          && reply.failureType() == ReplyFailure.TIMEOUT
          && System.nanoTime() - sentNanos
              < TimeUnit.MILLISECONDS.toNanos(timeoutMs - DISCARD_MARGIN_MS);
    }

    /**
     * Nobody listens: an unknown or unapproved instrument is answered at once; for an approved one
     * this node runs an ownership round (it takes the book if its lease has run out) and waits.
     */
    private Future<Void> noOwner() {
      if (statusChecked) {
        return Future.succeededFuture();
      }
      statusChecked = true;
      return db.one(STATUS, Tuple.of(symbol))
          .compose(
              row -> {
                if (row == null) {
                  return Future.failedFuture(
                      Refused.notFound("instrument_not_found", "No instrument " + symbol));
                }
                if (!"approved".equals(row.getString("status"))) {
                  return Future.failedFuture(
                      Refused.conflict(
                          "instrument_not_approved", symbol + " is not approved for trading"));
                }
                vertx.eventBus().request(BookOwnership.TAKE_ADDRESS, symbol);
                return Future.succeededFuture();
              });
    }

    private Future<JsonObject> later(long backoffMs) {
      if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs) > deadline) {
        return unavailable();
      }
      return vertx.timer(backoffMs).compose(v -> next(Math.min(MAX_BACKOFF_MS, backoffMs * 2)));
    }

    /**
     * No owner within the wait: come back when the current lease runs out, or after the next
     * ownership round.
     */
    private Future<JsonObject> unavailable() {
      return db.one(STATUS, Tuple.of(symbol))
          .transform(
              looked -> {
                Row row = looked.succeeded() ? looked.result() : null;
                Integer leaseSeconds = row == null ? null : row.getInteger("lease_seconds");
                long nextRound = Math.max(1, (settings.leaseRenewMillis() + 999) / 1000);
                long retryAfter =
                    leaseSeconds != null && leaseSeconds > 0
                        ? Math.min(leaseSeconds, settings.leaseTtlSeconds())
                        : nextRound;
                return Future.failedFuture(
                    Refused.unavailable(
                            "market_unavailable",
                            "No node holds the "
                                + symbol
                                + " book right now; try again in "
                                + retryAfter
                                + " s")
                        .retryAfter(retryAfter));
              });
    }
  }
}
