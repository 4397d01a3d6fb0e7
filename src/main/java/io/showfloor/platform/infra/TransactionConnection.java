package io.showfloor.platform.infra;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.spi.DatabaseMetadata;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection a transaction's work is given. Once the work's future has completed, the
 * transaction is ending: COMMIT or ROLLBACK goes out next, then the connection goes back to the
 * pool. A statement the work still issues after that (a {@code compose} step waiting on an earlier
 * statement when a sibling write failed and {@code Future.all} failed fast) would run after the
 * ROLLBACK in autocommit and stay committed, or land in the next borrower's transaction. Here it
 * fails instead, before it reaches PostgreSQL.
 */
final class TransactionConnection implements SqlConnection {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionConnection.class);

  private final SqlConnection conn;
  private volatile boolean ending;
  private volatile boolean committing;

  TransactionConnection(SqlConnection conn) {
    this.conn = conn;
  }

  /**
   * From now on every statement fails. Called before COMMIT or ROLLBACK is scheduled, so no
   * statement can follow it onto the connection.
   */
  void end(boolean commit) {
    committing = commit;
    ending = true;
  }

  private <T> Future<T> refused(String sql) {
    String statement = sql.length() > 120 ? sql.substring(0, 120) + "…" : sql;
    if (committing) {
      // the work answered before all of its statements were issued: a bug, and this one is lost
      LOG.warn("A statement issued after its transaction committed was not run: {}", statement);
    }
    return Future.failedFuture(
        new IllegalStateException(
            "statement issued after its transaction ended, not run: " + statement));
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return new EndingQuery<>(conn.query(sql), sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return new EndingPreparedQuery<>(conn.preparedQuery(sql), sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return new EndingPreparedQuery<>(conn.preparedQuery(sql, options), sql);
  }

  @Override
  public Future<PreparedStatement> prepare(String sql) {
    return ending
        ? refused(sql)
        : conn.prepare(sql).map(statement -> new EndingStatement(statement, sql));
  }

  @Override
  public Future<PreparedStatement> prepare(String sql, PrepareOptions options) {
    return ending
        ? refused(sql)
        : conn.prepare(sql, options).map(statement -> new EndingStatement(statement, sql));
  }

  /** The transaction owns BEGIN, COMMIT, ROLLBACK and the connection's return to the pool. */
  @Override
  public Future<Transaction> begin() {
    return Future.failedFuture(
        new IllegalStateException("a transaction's work cannot begin another transaction"));
  }

  @Override
  public Future<Void> close() {
    return Future.failedFuture(
        new IllegalStateException("a transaction's work cannot close its connection"));
  }

  @Override
  public @Nullable Transaction transaction() {
    return conn.transaction();
  }

  @Override
  public SqlConnection exceptionHandler(Handler<Throwable> handler) {
    conn.exceptionHandler(handler);
    return this;
  }

  @Override
  public SqlConnection closeHandler(Handler<Void> handler) {
    conn.closeHandler(handler);
    return this;
  }

  @Override
  public boolean isSSL() {
    return conn.isSSL();
  }

  @Override
  public DatabaseMetadata databaseMetadata() {
    return conn.databaseMetadata();
  }

  private final class EndingQuery<T> implements Query<T> {
    private final Query<T> query;
    private final String sql;

    EndingQuery(Query<T> query, String sql) {
      this.query = query;
      this.sql = sql;
    }

    @Override
    public Future<T> execute() {
      return ending ? refused(sql) : query.execute();
    }

    @Override
    public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new EndingQuery<>(query.collecting(collector), sql);
    }

    @Override
    public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new EndingQuery<>(query.mapping(mapper), sql);
    }
  }

  private final class EndingPreparedQuery<T> implements PreparedQuery<T> {
    private final PreparedQuery<T> query;
    private final String sql;

    EndingPreparedQuery(PreparedQuery<T> query, String sql) {
      this.query = query;
      this.sql = sql;
    }

    @Override
    public Future<T> execute() {
      return ending ? refused(sql) : query.execute();
    }

    @Override
    public Future<T> execute(Tuple args) {
      return ending ? refused(sql) : query.execute(args);
    }

    @Override
    public Future<T> executeBatch(List<Tuple> batch) {
      return ending ? refused(sql) : query.executeBatch(batch);
    }

    @Override
    public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new EndingPreparedQuery<>(query.collecting(collector), sql);
    }

    @Override
    public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new EndingPreparedQuery<>(query.mapping(mapper), sql);
    }
  }

  /**
   * A statement prepared inside the transaction: its executions are refused once it ends. Cursors
   * and streams read inside a transaction only and end with it on the server.
   */
  private final class EndingStatement implements PreparedStatement {
    private final PreparedStatement statement;
    private final String sql;

    EndingStatement(PreparedStatement statement, String sql) {
      this.statement = statement;
      this.sql = sql;
    }

    @Override
    public PreparedQuery<RowSet<Row>> query() {
      return new EndingPreparedQuery<>(statement.query(), sql);
    }

    @Override
    public Cursor cursor(Tuple args) {
      return statement.cursor(args);
    }

    @Override
    public RowStream<Row> createStream(int fetch, Tuple args) {
      return statement.createStream(fetch, args);
    }

    @Override
    public Future<Void> close() {
      return statement.close();
    }
  }
}
