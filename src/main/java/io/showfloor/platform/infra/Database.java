package io.showfloor.platform.infra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The PostgreSQL pool and the one way to run a transaction. */
public final class Database {
  private final Pool pool;

  public Database(Vertx vertx, DatabaseUrl url, int poolSize) {
    this.pool =
        PgBuilder.pool()
            .with(
                new PoolOptions()
                    .setMaxSize(poolSize)
                    .setMaxWaitQueueSize(10_000)
                    .setShared(false)
                    .setName("postgresql"))
            .connectingTo(withSessionLimits(url.connectOptions()))
            .using(vertx)
            .build();
  }

  /**
   * A node cut off the network in the middle of a transaction leaves it open on the server, with
   * its row locks (a book's lease share-locked by its batch, a lot locked by a bid): nobody could
   * take the book over until TCP gave up, many minutes later. PostgreSQL ends such a session after
   * {@link #IDLE_IN_TRANSACTION_MILLIS} idle in a transaction (ours pipeline their statements and
   * never wait on anything else inside one), or after as long with data it cannot deliver.
   */
  static final int IDLE_IN_TRANSACTION_MILLIS = 10_000;

  private static PgConnectOptions withSessionLimits(PgConnectOptions options) {
    return options
        .addProperty(
            "idle_in_transaction_session_timeout", Integer.toString(IDLE_IN_TRANSACTION_MILLIS))
        .addProperty("tcp_user_timeout", Integer.toString(IDLE_IN_TRANSACTION_MILLIS));
  }

  public Pool pool() {
    return pool;
  }

  /**
   * Runs {@code work} in one transaction: commits when its future succeeds, rolls back otherwise.
   * The work's statements are those it issues before its future completes; any it issues later fail
   * without running (see {@link TransactionConnection}), so ending the work on {@code Future.all}
   * of writes that fails fast never leaves a late write committed.
   */
  public <T> Future<T> tx(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(
        conn -> {
          TransactionConnection view = new TransactionConnection(conn);
          // Vert.x's Transaction holds COMMIT/ROLLBACK until the statements already sent have
          // answered, but sends a statement issued after that in autocommit, after the ROLLBACK
          return applied(work, view).andThen(worked -> view.end(worked.succeeded()));
        });
  }

  private static <T> Future<T> applied(
      Function<SqlConnection, Future<T>> work, TransactionConnection view) {
    try {
      return work.apply(view);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * {@link #tx(Function)} for the hottest paths (a book's batch): BEGIN is not awaited on its own
   * but goes out pipelined with the work's first statements, which saves a round trip per
   * transaction. Commits when the work and BEGIN succeed; otherwise rolls back (an aborted
   * transaction must end before the connection goes back to the pool) and fails with the first
   * failure. As in {@link #tx(Function)}, statements the work issues once its future has completed
   * fail without running: without that, one issued after the ROLLBACK would commit on its own.
   */
  public <T> Future<T> pipelinedTx(Function<SqlConnection, Future<T>> work) {
    return pool.getConnection()
        .compose(
            conn -> {
              TransactionConnection view = new TransactionConnection(conn);
              Future<?> begin = conn.query("BEGIN").execute();
              Future<T> worked = applied(work, view);
              return Future.all(begin, worked)
                  // before COMMIT or ROLLBACK is scheduled, also when BEGIN failed first
                  .andThen(both -> view.end(both.succeeded()))
                  .compose(both -> conn.query("COMMIT").execute().map(committed -> worked.result()))
                  .recover(
                      failure ->
                          conn.query("ROLLBACK")
                              .execute()
                              .transform(rolledBack -> Future.<T>failedFuture(failure)))
                  .onComplete(ended -> conn.close());
            });
  }

  /**
   * Runs {@code work} in one transaction, then {@code afterCommit} with what was committed (publish
   * events, push notifications, nudge mail). A failure of {@code afterCommit} is logged and the
   * committed value is still the answer: nothing after a commit may turn it into an error.
   */
  public <T> Future<T> tx(
      Function<SqlConnection, Future<T>> work, Consumer<? super T> afterCommit) {
    return tx(work)
        .map(
            committed -> {
              PostCommit.run("a transaction", () -> afterCommit.accept(committed));
              return committed;
            });
  }

  public Future<RowSet<Row>> query(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args);
  }

  public Future<Row> one(String sql, Tuple args) {
    return query(sql, args).map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
  }

  /**
   * True when the failure is PostgreSQL's unique-violation (SQLSTATE 23505), optionally on one
   * constraint.
   */
  public static boolean isUniqueViolation(Throwable failure, @Nullable String constraint) {
    return failure instanceof PgException pg
        && "23505".equals(pg.getSqlState())
        && (constraint == null || constraint.equals(pg.getConstraint()));
  }

  public Future<Void> close() {
    return pool.close();
  }
}
