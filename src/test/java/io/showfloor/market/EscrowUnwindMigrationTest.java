package io.showfloor.market;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.platform.infra.Database;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("V058_8: market escrow balances of an old database go back to cash")
class EscrowUnwindMigrationTest {
  private final Database db = TestNode.get().platform().db();
  private final Ledger ledger = new Ledger();

  @Test
  @DisplayName(
      "each escrow balance (real and play money) moves to its owner's cash in one balanced transaction; totals and the trial balance stay")
  void unwindsEscrow() throws Exception {
    long user = Users.create().id();
    long pool = 900_000 + (System.nanoTime() % 10_000);
    String run = UUID.randomUUID().toString();
    // what the market posted before V058_8: a deposit, then a resting buy's escrow lock; the same
    // over a tournament's play money
    List<LedgerTransaction> old =
        List.of(
            LedgerTransaction.builder("deposit", "test:" + run + ":deposit")
                .debit(LedgerAccount.providerClearing("sandbox"), 10_000)
                .credit(LedgerAccount.userCash(user), 10_000)
                .build(),
            LedgerTransaction.builder("market_escrow_lock", "test:" + run + ":lock")
                .debit(LedgerAccount.userCash(user), 3_500)
                .credit(LedgerAccount.userEscrow(user), 3_500)
                .build(),
            LedgerTransaction.builder("play_cash_issued", "test:" + run + ":play")
                .debit(LedgerAccount.playIssued(pool), 50_000)
                .credit(LedgerAccount.playCash(pool, user), 50_000)
                .build(),
            LedgerTransaction.builder("market_escrow_lock", "test:" + run + ":play-lock")
                .debit(LedgerAccount.playCash(pool, user), 12_000)
                .credit(LedgerAccount.playEscrow(pool, user), 12_000)
                .build());
    db.tx(conn -> ledger.postAllNew(conn, old)).await();
    assertEquals(6_500, LedgerCheck.balance("user:" + user + ":cash"));
    assertEquals(3_500, LedgerCheck.balance("user:" + user + ":escrow"));

    String migration = Files.readString(Path.of("sql/V058_8__market_holds_not_escrow.sql"));
    db.tx(conn -> conn.query(migration).execute()).await();

    assertEquals(10_000, LedgerCheck.balance("user:" + user + ":cash"));
    assertEquals(0, LedgerCheck.balance("user:" + user + ":escrow"));
    assertEquals(50_000, LedgerCheck.balance("play:" + pool + ":user:" + user + ":cash"));
    assertEquals(0, LedgerCheck.balance("play:" + pool + ":user:" + user + ":escrow"));
    long unwound =
        db.one(
                """
                SELECT COUNT(*) AS n FROM ledger_transactions t
                JOIN ledger_entries e ON e.transaction_id = t.id JOIN ledger_accounts a ON a.id = e.account_id
                WHERE t.kind = 'market_escrow_unwound' AND a.owner_id = $1 AND a.code LIKE '%:escrow'""",
                Tuple.of(user))
            .await()
            .getLong("n");
    assertEquals(2, unwound, "one transaction per escrow account");
    // the cached balances match their entries and everything sums to zero
    LedgerCheck.assertBalanced();
  }
}
