package io.showfloor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.platform.infra.Database;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The money invariant, checked after every scenario that moves money: all entries sum to zero,
 * every transaction balances and has at least two entries, every guarded account's cached balance
 * equals the sum of its entries and is not negative, and the admin trial balance agrees.
 */
public final class LedgerCheck {
  private static Users.@Nullable TestUser admin;
  private static long adminMadeAt;
  private static final long ADMIN_TOKEN_REUSE_NANOS =
      java.util.concurrent.TimeUnit.MINUTES.toNanos(10);

  private LedgerCheck() {}

  public static void assertBalanced() {
    assertBalanced(TestNode.get().platform().db(), admin());
  }

  /**
   * The same checks on another node's database, with an admin of that node (a node in its own
   * process, see NodeProcess).
   */
  public static void assertBalanced(Database db, Users.TestUser admin) {
    long total =
        db.one("SELECT COALESCE(SUM(amount_cents), 0) AS total FROM ledger_entries", Tuple.tuple())
            .await()
            .getLong("total");
    assertEquals(0, total, "the sum of every ledger entry must be zero");

    List<String> broken = new ArrayList<>();
    for (Row row :
        db.query(
                """
        SELECT t.id, t.idempotency_key, COALESCE(SUM(e.amount_cents), 0) AS sum, COUNT(e.id) AS entries
        FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
        GROUP BY t.id HAVING COALESCE(SUM(e.amount_cents), 0) <> 0 OR COUNT(e.id) < 2""",
                Tuple.tuple())
            .await()) {
      broken.add(
          row.getString("idempotency_key")
              + " sums to "
              + row.getLong("sum")
              + " over "
              + row.getLong("entries")
              + " entries");
    }
    assertTrue(broken.isEmpty(), "unbalanced ledger transactions: " + broken);

    List<String> drift = new ArrayList<>();
    for (Row row :
        db.query(
                """
        SELECT a.code, a.balance_cents,
               CASE WHEN a.normal_side = 'debit' THEN 1 ELSE -1 END * COALESCE(SUM(e.amount_cents), 0) AS derived
        FROM ledger_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
        WHERE a.guarded GROUP BY a.id
        HAVING a.balance_cents <> CASE WHEN a.normal_side = 'debit' THEN 1 ELSE -1 END * COALESCE(SUM(e.amount_cents), 0)
            OR a.balance_cents < 0""",
                Tuple.tuple())
            .await()) {
      drift.add(
          row.getString("code")
              + " caches "
              + row.getLong("balance_cents")
              + " but its entries say "
              + row.getLong("derived"));
    }
    assertTrue(drift.isEmpty(), "guarded balances disagree with their entries: " + drift);

    JsonObject trial = admin.api().get("/api/admin/ledger/trial-balance").expect(200).json();
    assertEquals(
        trial.getLong("totalDebitsCents"),
        trial.getLong("totalCreditsCents"),
        "trial balance: " + trial.encode());
  }

  /**
   * An account's balance in its normal direction, straight from its entries (0 when it has none).
   */
  public static long balance(String accountCode) {
    Row row =
        TestNode.get()
            .platform()
            .db()
            .one(
                """
        SELECT CASE WHEN a.normal_side = 'debit' THEN 1 ELSE -1 END * COALESCE(SUM(e.amount_cents), 0) AS balance
        FROM ledger_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id WHERE a.code = $1 GROUP BY a.id""",
                Tuple.of(accountCode))
            .await();
    return row == null ? 0 : row.getLong("balance");
  }

  /**
   * One admin for the checks, made again before its access token (jwt.accessTtlSeconds, 15 min)
   * runs out: the suite runs longer than that.
   */
  public static synchronized Users.TestUser admin() {
    if (admin == null || System.nanoTime() - adminMadeAt > ADMIN_TOKEN_REUSE_NANOS) {
      admin = Users.create("admin");
      adminMadeAt = System.nanoTime();
    }
    return admin;
  }
}
