package io.showfloor.platform.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A transaction's work may still have statements to send when it fails: a chain of {@code compose}
 * steps issues each statement only after the one before answers. Those must never run after the
 * ROLLBACK, in autocommit, where they would stay committed.
 */
@DisplayName("A failed transaction leaves nothing committed, not even statements issued late")
class TransactionEndTest {
  private static final String SCRATCH = "tx_end_scratch";
  private static final AtomicInteger MARKS = new AtomicInteger();
  private static Database db;

  @BeforeAll
  static void scratchTable() {
    db = TestNode.get().platform().db();
    db.query("CREATE TABLE IF NOT EXISTS " + SCRATCH + " (mark int PRIMARY KEY)", Tuple.tuple())
        .await();
  }

  @AfterAll
  static void dropScratch() {
    db.query("DROP TABLE IF EXISTS " + SCRATCH, Tuple.tuple()).await();
  }

  /**
   * Work as a checkout does it: one write refuses (decided in Java from its answer, so PostgreSQL
   * does not abort the transaction) while another chain, sent alongside, writes once its first
   * statement has answered. {@code Future.all} fails as soon as the refusal is known.
   */
  private static Function<SqlConnection, Future<Object>> refusingWhileAChainWrites(
      int mark, Promise<Void> chainAnswered) {
    return conn -> {
      Future<Object> refused =
          conn.preparedQuery("SELECT 1")
              .execute()
              .compose(rows -> Future.failedFuture(new IllegalStateException("out_of_stock")));
      Future<?> chained =
          conn.preparedQuery("SELECT 2")
              .execute()
              .compose(
                  rows ->
                      conn.preparedQuery("INSERT INTO " + SCRATCH + " (mark) VALUES ($1)")
                          .execute(Tuple.of(mark)));
      chained.onComplete(answered -> chainAnswered.complete());
      return Future.all(refused, chained).map(both -> (Object) "committed");
    };
  }

  private static long marked(int mark) {
    return db.one("SELECT count(*) AS n FROM " + SCRATCH + " WHERE mark = $1", Tuple.of(mark))
        .await()
        .getLong("n");
  }

  private static void assertRefusedAndNothingWritten(
      Function<Function<SqlConnection, Future<Object>>, Future<Object>> transaction) {
    for (int attempt = 0; attempt < 5; attempt++) {
      int mark = MARKS.incrementAndGet();
      Promise<Void> chainAnswered = Promise.promise();
      Future<Object> outcome = transaction.apply(refusingWhileAChainWrites(mark, chainAnswered));
      Throwable failed = assertThrows(Throwable.class, outcome::await);
      assertEquals("out_of_stock", failed.getMessage(), "fails with the refusal");
      chainAnswered.future().await(); // the late INSERT has been refused or has run
      assertEquals(
          0, marked(mark), "the chain's late write is not committed (attempt " + attempt + ")");
    }
  }

  @Test
  @DisplayName("pipelinedTx: a write issued after the refusal is not committed")
  void pipelinedTxRefusesLateStatements() {
    assertRefusedAndNothingWritten(work -> db.pipelinedTx(work));
  }

  @Test
  @DisplayName("tx: a write issued after the refusal is not committed")
  void txRefusesLateStatements() {
    assertRefusedAndNothingWritten(work -> db.tx(work));
  }

  @Test
  @DisplayName("a statement issued after the work answered fails, also when the work succeeded")
  void lateStatementAfterSuccessFails() {
    int mark = MARKS.incrementAndGet();
    Promise<Object> late = Promise.promise();
    Function<SqlConnection, Future<Object>> work =
        conn ->
            conn.preparedQuery("SELECT 1")
                .execute()
                .andThen(
                    answered ->
                        // not part of the work's future: it goes out once the work has answered
                        conn.preparedQuery("SELECT 2")
                            .execute()
                            .compose(
                                rows ->
                                    conn.preparedQuery(
                                            "INSERT INTO " + SCRATCH + " (mark) VALUES ($1)")
                                        .execute(Tuple.of(mark)))
                            .onComplete(
                                written ->
                                    late.complete(
                                        written.succeeded() ? "written" : written.cause())))
                .map(rows -> (Object) "committed");
    assertEquals("committed", db.pipelinedTx(work).await());
    Object outcome = late.future().await();
    assertTrue(
        outcome instanceof IllegalStateException e
            && e.getMessage().startsWith("statement issued after its transaction ended"),
        "the late statement is refused: " + outcome);
    assertEquals(0, marked(mark));
  }

  @Test
  @DisplayName("a successful transaction still commits every statement of its work, pipelined")
  void successCommits() {
    int pipelined = MARKS.incrementAndGet();
    int plain = MARKS.incrementAndGet();
    for (int mark : new int[] {pipelined, plain}) {
      Function<SqlConnection, Future<Object>> work =
          conn ->
              conn.preparedQuery("SELECT 1")
                  .execute()
                  .compose(
                      rows ->
                          conn.preparedQuery("INSERT INTO " + SCRATCH + " (mark) VALUES ($1)")
                              .execute(Tuple.of(mark)))
                  .map(rows -> (Object) "committed");
      assertEquals("committed", (mark == pipelined ? db.pipelinedTx(work) : db.tx(work)).await());
      assertEquals(1, marked(mark));
    }
  }
}
