package io.showfloor.ledger;

import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts balanced transactions inside the caller's database transaction, so a money movement commits
 * or rolls back together with the business change that causes it (an order becoming paid, a market
 * fill, a refund). Stateless and safe to share across domains and event loops.
 *
 * <p>Posting is idempotent by {@link LedgerTransaction#idempotencyKey()}: a key already in the
 * ledger is reported as a duplicate and nothing is written. Guarded accounts (a user's cash and
 * escrow) may never go below zero; a movement that would overdraw one fails with 422 {@code
 * insufficient_funds}, and the caller's transaction should roll back.
 */
public final class Ledger {
  // one round trip: the transactions (skipping keys already posted) and their entries
  private static final String INSERT_POSTINGS =
      """
      WITH t AS (
        INSERT INTO ledger_transactions (idempotency_key, kind, reference, memo)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING id, idempotency_key),
      e AS (
        INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
        SELECT t.id, x.account_id, x.amount FROM unnest($5::text[], $6::bigint[], $7::bigint[]) AS x(key, account_id, amount)
        JOIN t ON t.idempotency_key = x.key
        RETURNING transaction_id)
      SELECT id, idempotency_key FROM t""";
  private static final String EXISTING_TRANSACTIONS =
      "SELECT id, idempotency_key FROM ledger_transactions WHERE idempotency_key = ANY($1::text[])";
  private static final String FIND_ACCOUNTS =
      "SELECT id, code FROM ledger_accounts WHERE code = ANY($1::text[])";
  private static final String CREATE_ACCOUNTS =
      """
      INSERT INTO ledger_accounts (code, kind, owner_id, normal_side, guarded)
      SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::boolean[])
      ON CONFLICT (code) DO NOTHING RETURNING code""";
  // locks guarded rows in id order before changing them, so two movements over the same accounts
  // (a market fill between two wallets) never deadlock; NO KEY UPDATE leaves the KEY SHARE locks
  // that entries' foreign keys take compatible
  private static final String LOCK_GUARDED =
      "SELECT id FROM ledger_accounts WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE";
  // "a.id = ANY($1)" lets the accounts be found through the primary key. With the join alone the
  // planner scanned the whole table and hashed it (its estimate for unnest is 10 rows, and a small,
  // heavily updated table looks cheap to scan): measured as a large share of a market batch's CPU
  private static final String UPDATE_GUARDED =
      """
      UPDATE ledger_accounts a SET balance_cents = a.balance_cents + d.delta
      FROM unnest($1::bigint[], $2::bigint[]) AS d(id, delta) WHERE a.id = ANY($1::bigint[]) AND a.id = d.id""";
  private static final String OVERDRAFT_CONSTRAINT = "ledger_accounts_no_overdraft";

  /**
   * Account ids known to be committed in this node's database. Accounts are never deleted or
   * renamed, so a committed id stays right; ids created by a transaction still open are kept out
   * ({@link #creating}) until it commits, so a rollback cannot leave a wrong id here. Per Ledger,
   * not per process: a process may run nodes on different databases (the tests do), where the same
   * account code has other ids, and a shared map posted one node's entries to another's accounts.
   */
  private final Map<String, Long> committed = new ConcurrentHashMap<>();

  private final Set<String> creating = ConcurrentHashMap.newKeySet();

  /** Posts one transaction in {@code conn}'s transaction. */
  public Future<Posting> post(SqlConnection conn, LedgerTransaction tx) {
    return postAll(conn, List.of(tx)).map(postings -> postings.get(0));
  }

  /**
   * Posts several transactions in {@code conn}'s transaction: one statement for the transactions
   * and entries, plus one for guarded balances when a wallet is touched, plus one to create
   * accounts never seen before. Results come back in the same order.
   */
  public Future<List<Posting>> postAll(SqlConnection conn, List<LedgerTransaction> txs) {
    if (txs.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Set<String> keys = new HashSet<>();
    Map<String, LedgerAccount> accounts = new LinkedHashMap<>();
    for (LedgerTransaction tx : txs) {
      if (!keys.add(tx.idempotencyKey())) {
        return Future.failedFuture(
            new IllegalArgumentException(
                "Idempotency key " + tx.idempotencyKey() + " twice in one batch"));
      }
      tx.entries().forEach(e -> accounts.putIfAbsent(e.account().code(), e.account()));
    }
    return accountIds(conn, accounts)
        .compose(
            accountIds ->
                insert(conn, txs, accountIds)
                    .compose(
                        fresh -> {
                          // guarded balances move only for transactions actually written (not
                          // duplicates)
                          TreeMap<Long, Long> guardedDeltas =
                              guardedDeltas(
                                  txs.stream()
                                      .filter(tx -> fresh.containsKey(tx.idempotencyKey()))
                                      .toList(),
                                  accountIds);
                          Future<Map<String, Long>> duplicates =
                              fresh.size() == txs.size()
                                  ? Future.succeededFuture(Map.of())
                                  : existingIds(
                                      conn,
                                      txs.stream()
                                          .map(LedgerTransaction::idempotencyKey)
                                          .filter(k -> !fresh.containsKey(k))
                                          .toArray(String[]::new));
                          return updateGuarded(conn, guardedDeltas)
                              .compose(v -> duplicates)
                              .map(
                                  dup -> {
                                    List<Posting> postings = new ArrayList<>(txs.size());
                                    for (LedgerTransaction tx : txs) {
                                      Long id = fresh.get(tx.idempotencyKey());
                                      postings.add(
                                          id != null
                                              ? new Posting(tx.idempotencyKey(), id, false)
                                              : new Posting(
                                                  tx.idempotencyKey(),
                                                  dup.getOrDefault(tx.idempotencyKey(), 0L),
                                                  true));
                                    }
                                    return postings;
                                  });
                        }));
  }

  /**
   * Posts transactions whose keys name things that happen once (a market order's escrow, a trade's
   * settlement): the entries and the guarded balances go out together instead of one after the
   * other (one round trip instead of three), as no posting can be a duplicate. If one is, the call
   * fails and the caller's transaction must roll back: its balances were moved for a posting that
   * was not written.
   */
  public Future<Void> postAllNew(SqlConnection conn, List<LedgerTransaction> txs) {
    if (txs.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<String, LedgerAccount> accounts = new LinkedHashMap<>();
    txs.forEach(
        tx -> tx.entries().forEach(e -> accounts.putIfAbsent(e.account().code(), e.account())));
    return accountIds(conn, accounts)
        .compose(
            accountIds -> {
              Future<Map<String, Long>> inserted = insert(conn, txs, accountIds);
              Future<Void> balances = updateGuarded(conn, guardedDeltas(txs, accountIds));
              return Future.all(inserted, balances)
                  .compose(
                      done ->
                          inserted.result().size() == txs.size()
                              ? Future.<Void>succeededFuture()
                              : Future.failedFuture(
                                  new IllegalStateException(
                                      (txs.size() - inserted.result().size())
                                          + " of "
                                          + txs.size()
                                          + " ledger postings were already posted")));
            });
  }

  /**
   * How much the transactions move each guarded account (by id, in id order), in its normal
   * direction.
   */
  private static TreeMap<Long, Long> guardedDeltas(
      List<LedgerTransaction> txs, Map<String, Long> accountIds) {
    TreeMap<Long, Long> deltas = new TreeMap<>();
    for (LedgerTransaction tx : txs) {
      for (LedgerEntry entry : tx.entries()) {
        if (entry.account().kind().guarded()) {
          deltas.merge(
              accountIds.get(entry.account().code()),
              entry.account().kind().inNormalDirection(entry.amountCents()),
              Math::addExact);
        }
      }
    }
    return deltas;
  }

  private Future<Map<String, Long>> insert(
      SqlConnection conn, List<LedgerTransaction> txs, Map<String, Long> accountIds) {
    int n = txs.size();
    String[] keyArray = new String[n];
    String[] kinds = new String[n];
    String[] references = new String[n];
    String[] memos = new String[n];
    List<String> entryKeys = new ArrayList<>();
    List<Long> entryAccounts = new ArrayList<>();
    List<Long> amounts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LedgerTransaction tx = txs.get(i);
      keyArray[i] = tx.idempotencyKey();
      kinds[i] = tx.kind();
      references[i] = tx.reference();
      memos[i] = tx.memo();
      for (LedgerEntry entry : tx.entries()) {
        entryKeys.add(tx.idempotencyKey());
        entryAccounts.add(accountIds.get(entry.account().code()));
        amounts.add(entry.amountCents());
      }
    }
    Tuple args =
        Tuple.tuple()
            .addArrayOfString(keyArray)
            .addArrayOfString(kinds)
            .addArrayOfString(references)
            .addArrayOfString(memos)
            .addArrayOfString(entryKeys.toArray(String[]::new))
            .addArrayOfLong(entryAccounts.toArray(Long[]::new))
            .addArrayOfLong(amounts.toArray(Long[]::new));
    return conn.preparedQuery(INSERT_POSTINGS)
        .execute(args)
        .map(
            rows -> {
              Map<String, Long> fresh = new HashMap<>();
              rows.forEach(row -> fresh.put(row.getString("idempotency_key"), row.getLong("id")));
              return fresh;
            });
  }

  private Future<Map<String, Long>> existingIds(SqlConnection conn, String[] keys) {
    return conn.preparedQuery(EXISTING_TRANSACTIONS)
        .execute(Tuple.tuple().addArrayOfString(keys))
        .map(
            rows -> {
              Map<String, Long> ids = new HashMap<>();
              rows.forEach(row -> ids.put(row.getString("idempotency_key"), row.getLong("id")));
              return ids;
            });
  }

  private Future<Void> updateGuarded(SqlConnection conn, TreeMap<Long, Long> deltas) {
    deltas.values().removeIf(d -> d == 0);
    if (deltas.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] ids = deltas.keySet().toArray(Long[]::new);
    Long[] values = deltas.values().toArray(Long[]::new);
    Future<?> locked =
        ids.length == 1
            ? Future.succeededFuture()
            : conn.preparedQuery(LOCK_GUARDED).execute(Tuple.tuple().addArrayOfLong(ids));
    return locked
        .compose(
            v ->
                conn.preparedQuery(UPDATE_GUARDED)
                    .execute(Tuple.tuple().addArrayOfLong(ids).addArrayOfLong(values)))
        .<Void>mapEmpty()
        .recover(
            failure ->
                Future.failedFuture(
                    isOverdraft(failure)
                        ? Refused.unprocessable(
                            "insufficient_funds", "Not enough funds for this movement")
                        : failure));
  }

  /** True when a failure is a guarded account refusing to go below zero. */
  public static boolean isOverdraft(Throwable failure) {
    return failure instanceof PgException pg
        && "23514".equals(pg.getSqlState())
        && OVERDRAFT_CONSTRAINT.equals(pg.getConstraint());
  }

  /** Finds the accounts' ids, creating the missing ones (in the caller's transaction). */
  private Future<Map<String, Long>> accountIds(
      SqlConnection conn, Map<String, LedgerAccount> accounts) {
    Map<String, Long> ids = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    accounts
        .keySet()
        .forEach(
            code -> {
              Long id = committed.get(code);
              if (id != null) {
                ids.put(code, id);
              } else {
                unknown.add(code);
              }
            });
    if (unknown.isEmpty()) {
      return Future.succeededFuture(ids);
    }
    String[] codes = unknown.toArray(String[]::new);
    return findAccounts(conn, codes)
        .compose(
            found -> {
              found.forEach(
                  (code, id) -> {
                    // a row we can see and no open transaction of ours is creating is committed:
                    // safe to remember
                    if (!creating.contains(code)) {
                      committed.put(code, id);
                    }
                  });
              ids.putAll(found);
              if (found.size() == codes.length) {
                return Future.succeededFuture(ids);
              }
              List<LedgerAccount> missing =
                  unknown.stream().filter(c -> !found.containsKey(c)).map(accounts::get).toList();
              Tuple args =
                  Tuple.tuple()
                      .addArrayOfString(
                          missing.stream().map(LedgerAccount::code).toArray(String[]::new))
                      .addArrayOfString(
                          missing.stream().map(a -> a.kind().dbName()).toArray(String[]::new))
                      .addArrayOfLong(
                          missing.stream().map(LedgerAccount::ownerId).toArray(Long[]::new))
                      .addArrayOfString(
                          missing.stream()
                              .map(a -> a.kind().normalSide().name().toLowerCase())
                              .toArray(String[]::new))
                      .addArrayOfBoolean(
                          missing.stream().map(a -> a.kind().guarded()).toArray(Boolean[]::new));
              // a concurrent creator makes ON CONFLICT wait for its commit, so the second read sees
              // every account
              return conn.preparedQuery(CREATE_ACCOUNTS)
                  .execute(args)
                  .compose(
                      created -> {
                        List<String> mine = new ArrayList<>();
                        created.forEach(row -> mine.add(row.getString("code")));
                        creating.addAll(mine);
                        var tx = conn.transaction();
                        if (tx == null) {
                          creating.removeAll(mine);
                        } else {
                          tx.completion().onComplete(done -> creating.removeAll(mine));
                        }
                        return findAccounts(
                            conn, missing.stream().map(LedgerAccount::code).toArray(String[]::new));
                      })
                  .map(
                      more -> {
                        ids.putAll(more);
                        return ids;
                      });
            });
  }

  private Future<Map<String, Long>> findAccounts(SqlClient client, String[] codes) {
    return client
        .preparedQuery(FIND_ACCOUNTS)
        .execute(Tuple.tuple().addArrayOfString(codes))
        .map(
            rows -> {
              Map<String, Long> ids = new HashMap<>();
              for (Row row : rows) {
                ids.put(row.getString("code"), row.getLong("id"));
              }
              return ids;
            });
  }

  /**
   * An account's balance in its normal direction (a user's cash as a positive number); 0 for an
   * account no transaction has touched yet. Guarded accounts answer from their cached balance,
   * which {@code LedgerCheck} proves equal to the sum of their entries; others sum their entries.
   */
  public Future<Long> balance(SqlClient client, LedgerAccount account) {
    return client
        .preparedQuery(
            """
            SELECT a.normal_side, a.guarded, a.balance_cents,
                   CASE WHEN a.guarded THEN 0
                        ELSE COALESCE((SELECT SUM(e.amount_cents) FROM ledger_entries e WHERE e.account_id = a.id), 0)
                   END AS signed
            FROM ledger_accounts a WHERE a.code = $1""")
        .execute(Tuple.of(account.code()))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return 0L;
              }
              Row row = rows.iterator().next();
              if (row.getBoolean("guarded")) {
                return row.getLong("balance_cents");
              }
              long signed = row.getLong("signed");
              return "debit".equals(row.getString("normal_side")) ? signed : -signed;
            });
  }

  /**
   * The cached balance of a guarded account, locked for the rest of the caller's transaction: read
   * it before deciding on a movement that must not race another (e.g. a withdrawal).
   */
  public Future<Long> lockBalance(SqlConnection conn, LedgerAccount account) {
    if (!account.kind().guarded()) {
      return Future.failedFuture(
          new IllegalArgumentException(account.code() + " keeps no cached balance"));
    }
    return conn.preparedQuery(
            "SELECT balance_cents FROM ledger_accounts WHERE code = $1 FOR UPDATE")
        .execute(Tuple.of(account.code()))
        .map(
            rows ->
                rows.iterator().hasNext() ? rows.iterator().next().getLong("balance_cents") : 0L);
  }

  /** The newest entries of an account, for statements (a wallet's history). */
  public Future<List<StatementLine>> statement(SqlClient client, LedgerAccount account, int limit) {
    return client
        .preparedQuery(
            """
            SELECT e.id, e.amount_cents, a.normal_side, t.kind, t.reference, t.memo, e.created_at
            FROM ledger_entries e
            JOIN ledger_accounts a ON a.id = e.account_id
            JOIN ledger_transactions t ON t.id = e.transaction_id
            WHERE a.code = $1 ORDER BY e.id DESC LIMIT $2""")
        .execute(Tuple.of(account.code(), limit))
        .map(
            rows -> {
              List<StatementLine> lines = new ArrayList<>();
              for (Row row : rows) {
                long signed = row.getLong("amount_cents");
                long normal = "debit".equals(row.getString("normal_side")) ? signed : -signed;
                lines.add(
                    new StatementLine(
                        row.getLong("id"),
                        normal,
                        row.getString("kind"),
                        row.getString("reference"),
                        row.getString("memo"),
                        row.getOffsetDateTime("created_at").toInstant()));
              }
              return lines;
            });
  }

  /** One line of an account statement; {@code amountCents} is positive when the account grew. */
  public record StatementLine(
      long entryId,
      long amountCents,
      String kind,
      String reference,
      String memo,
      java.time.Instant at) {}
}
