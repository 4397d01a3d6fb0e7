package io.showfloor.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The ledger posts balanced transactions inside the caller's database transaction")
class LedgerTest {
  private final Database db = TestNode.get().platform().db();
  private final Ledger ledger = new Ledger();

  @AfterEach
  void ledgerStillBalances() {
    LedgerCheck.assertBalanced();
  }

  private static String key() {
    return "test:" + UUID.randomUUID();
  }

  /** A sandbox deposit of {@code cents} into the user's cash, under {@code key}. */
  private static LedgerTransaction deposit(String key, long user, long cents) {
    return LedgerTransaction.builder("deposit", key)
        .debit(LedgerAccount.providerClearing("sandbox"), cents)
        .credit(LedgerAccount.userCash(user), cents)
        .build();
  }

  private Throwable failureOf(Future<?> future) {
    try {
      future.await();
    } catch (Throwable e) {
      return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  @DisplayName("an unbalanced transaction is refused before it reaches the database")
  void refusesUnbalanced() {
    var builder =
        LedgerTransaction.builder("test", key())
            .debit(LedgerAccount.providerClearing("sandbox"), 1000)
            .credit(LedgerAccount.platformFees(), 999);
    assertThrows(LedgerTransaction.UnbalancedTransaction.class, builder::build);
    assertThrows(
        LedgerTransaction.UnbalancedTransaction.class,
        () ->
            new LedgerTransaction(
                "test",
                key(),
                null,
                null,
                List.of(new LedgerEntry(LedgerAccount.platformFees(), 5))));
    assertThrows(
        IllegalArgumentException.class,
        () -> LedgerTransaction.builder("test", key()).debit(LedgerAccount.platformFees(), -5));
  }

  @Test
  @DisplayName("the database itself refuses entries that do not sum to zero, at commit")
  void databaseRefusesUnbalancedEntries() {
    long user = Users.create().id();
    db.tx(conn -> ledger.post(conn, deposit(key(), user, 100))).await();
    Throwable failure =
        failureOf(
            db.tx(
                conn ->
                    conn.preparedQuery(
                            "INSERT INTO ledger_transactions (idempotency_key, kind) VALUES ($1, 'test') RETURNING id")
                        .execute(Tuple.of(key()))
                        .compose(
                            rows ->
                                conn.preparedQuery(
                                        """
                INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
                SELECT $1, id, 100 FROM ledger_accounts WHERE code = $2 OR code = 'provider:sandbox:clearing'""")
                                    .execute(
                                        Tuple.of(
                                            rows.iterator().next().getLong("id"),
                                            "user:" + user + ":cash")))));
    assertTrue(failure.getMessage().contains("does not balance"), failure.getMessage());
    Throwable empty =
        failureOf(
            db.tx(
                conn ->
                    conn.preparedQuery(
                            "INSERT INTO ledger_transactions (idempotency_key, kind) VALUES ($1, 'test')")
                        .execute(Tuple.of(key()))));
    assertTrue(empty.getMessage().contains("fewer than two entries"), empty.getMessage());
  }

  @Test
  @DisplayName(
      "postings that must be new move guarded balances with their entries, and a repeat fails the whole call")
  void postAllNewRefusesARepeat() {
    long user = Users.create().id();
    LedgerTransaction funding = deposit(key(), user, 700);
    db.tx(conn -> ledger.postAllNew(conn, List.of(funding))).await();
    assertEquals(700, ledger.balance(db.pool(), LedgerAccount.userCash(user)).await());

    LedgerTransaction lock =
        LedgerTransaction.builder("market_escrow_lock", key())
            .debit(LedgerAccount.userCash(user), 300)
            .credit(LedgerAccount.userEscrow(user), 300)
            .build();
    Throwable repeat = failureOf(db.tx(conn -> ledger.postAllNew(conn, List.of(lock, funding))));
    assertTrue(repeat.getMessage().contains("already posted"), repeat.getMessage());
    // the caller's transaction rolled back: neither the lock nor a second credit of the deposit
    // stayed
    assertEquals(700, ledger.balance(db.pool(), LedgerAccount.userCash(user)).await());
    assertEquals(0, ledger.balance(db.pool(), LedgerAccount.userEscrow(user)).await());
  }

  @Test
  @DisplayName("posting the same idempotency key twice posts once")
  void idempotent() {
    long user = Users.create().id();
    String key = key();
    LedgerTransaction tx = deposit(key, user, 2500);
    Posting first = db.tx(conn -> ledger.post(conn, tx)).await();
    Posting second = db.tx(conn -> ledger.post(conn, tx)).await();
    assertFalse(first.duplicate());
    assertTrue(second.duplicate());
    assertEquals(first.transactionId(), second.transactionId());
    assertEquals(2500, ledger.balance(db.pool(), LedgerAccount.userCash(user)).await());
  }

  @Test
  @DisplayName(
      "a movement that would overdraw a user's cash fails with insufficient_funds and writes nothing")
  void noOverdraft() {
    long user = Users.create().id();
    db.tx(conn -> ledger.post(conn, deposit(key(), user, 1000))).await();
    String spendKey = key();
    Throwable failure =
        failureOf(
            db.tx(
                conn ->
                    ledger.post(
                        conn,
                        LedgerTransaction.builder("lock", spendKey)
                            .debit(LedgerAccount.userCash(user), 1001)
                            .credit(LedgerAccount.userEscrow(user), 1001)
                            .build())));
    assertEquals("insufficient_funds", ((Refused) failure).code());
    assertEquals(1000, ledger.balance(db.pool(), LedgerAccount.userCash(user)).await());
    assertEquals(0, ledger.balance(db.pool(), LedgerAccount.userEscrow(user)).await());
    assertEquals(
        null,
        db.one("SELECT id FROM ledger_transactions WHERE idempotency_key = $1", Tuple.of(spendKey))
            .await());
  }

  @Test
  @DisplayName("a posting rolls back with the caller's transaction")
  void rollsBackWithCaller() {
    long user = Users.create().id();
    String key = key();
    failureOf(
        db.tx(
            conn ->
                ledger
                    .post(conn, deposit(key, user, 700))
                    .compose(
                        p ->
                            Future.failedFuture(
                                new IllegalStateException("the business change failed")))));
    assertEquals(0, ledger.balance(db.pool(), LedgerAccount.userCash(user)).await());
    assertEquals(
        null,
        db.one("SELECT id FROM ledger_transactions WHERE idempotency_key = $1", Tuple.of(key))
            .await());
  }

  @Test
  @DisplayName(
      "amounts on the same account net into one entry and a batch posts many transactions at once")
  void batchAndNetting() {
    long a = Users.create().id();
    long b = Users.create().id();
    List<Posting> postings =
        db.tx(
                conn ->
                    ledger.postAll(
                        conn,
                        List.of(
                            LedgerTransaction.builder("deposit", key())
                                .debit(LedgerAccount.providerClearing("sandbox"), 300)
                                .debit(LedgerAccount.providerClearing("sandbox"), 200)
                                .credit(LedgerAccount.userCash(a), 500)
                                .build(),
                            deposit(key(), b, 900))))
            .await();
    assertEquals(2, postings.size());
    long entries =
        db.one(
                "SELECT COUNT(*) AS n FROM ledger_entries WHERE transaction_id = $1",
                Tuple.of(postings.get(0).transactionId()))
            .await()
            .getLong("n");
    assertEquals(2, entries);
    assertEquals(500, ledger.balance(db.pool(), LedgerAccount.userCash(a)).await());
    assertEquals(900, ledger.balance(db.pool(), LedgerAccount.userCash(b)).await());
  }

  @Test
  @DisplayName(
      "transfers between two wallets in opposite directions at once never deadlock nor overdraw")
  void concurrentTransfers() {
    long a = Users.create().id();
    long b = Users.create().id();
    db.tx(
            conn ->
                ledger.post(
                    conn,
                    LedgerTransaction.builder("deposit", key())
                        .debit(LedgerAccount.providerClearing("sandbox"), 2000)
                        .credit(LedgerAccount.userCash(a), 1000)
                        .credit(LedgerAccount.userCash(b), 1000)
                        .build()))
        .await();
    List<Future<Object>> transfers = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long from = i % 2 == 0 ? a : b;
      long to = i % 2 == 0 ? b : a;
      transfers.add(
          db.tx(
                  conn ->
                      ledger.post(
                          conn,
                          LedgerTransaction.builder("transfer", key())
                              .debit(LedgerAccount.userCash(from), 30)
                              .credit(LedgerAccount.userCash(to), 30)
                              .debit(LedgerAccount.userCash(to), 1)
                              .credit(LedgerAccount.userCash(from), 1)
                              .build()))
              .map(p -> (Object) p)
              .recover(e -> Future.succeededFuture(e)));
    }
    Future.join(transfers).await();
    long failures = transfers.stream().filter(f -> f.result() instanceof Throwable).count();
    assertEquals(
        0,
        failures,
        "no transfer should fail: "
            + transfers.stream()
                .filter(f -> f.result() instanceof Throwable)
                .findFirst()
                .map(f -> f.result().toString())
                .orElse(""));
    assertEquals(
        2000,
        ledger.balance(db.pool(), LedgerAccount.userCash(a)).await()
            + ledger.balance(db.pool(), LedgerAccount.userCash(b)).await());
  }
}
