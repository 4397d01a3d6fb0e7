package io.showfloor.market.cash;

import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Market cash on the double-entry ledger (docs/LEDGER.md): spendable cash is the user's wallet
 * account {@code user:<id>:cash}, escrow is {@code user:<id>:escrow} (what the wallet shows as
 * held), fees go to {@code platform:fees}. Each movement is one balanced ledger transaction whose
 * idempotency key names the order or trade, posted in the book owner's batch transaction.
 */
public final class LedgerMarketCash implements MarketCash {
  // the guarded accounts' cached balance is the ledger's authority for them (docs/LEDGER.md);
  // one statement for a whole batch of buyers instead of one Ledger.balance call each
  private static final String SPENDABLE =
      "SELECT owner_id, balance_cents FROM ledger_accounts WHERE code = ANY($1::text[])";

  private final Ledger ledger;
  private final Accounts accounts;

  /** Which ledger accounts hold cash, escrow and fees: the real wallet's or a play pool's. */
  private record Accounts(
      java.util.function.LongFunction<LedgerAccount> cash,
      java.util.function.LongFunction<LedgerAccount> escrow,
      LedgerAccount fees) {}

  public LedgerMarketCash(Ledger ledger) {
    this(
        ledger,
        new Accounts(
            LedgerAccount::userCash, LedgerAccount::userEscrow, LedgerAccount.platformFees()));
  }

  private LedgerMarketCash(Ledger ledger, Accounts accounts) {
    this.ledger = ledger;
    this.accounts = accounts;
  }

  @Override
  public MarketCash playMoney(long pool) {
    return new LedgerMarketCash(
        ledger,
        new Accounts(
            user -> LedgerAccount.playCash(pool, user),
            user -> LedgerAccount.playEscrow(pool, user),
            LedgerAccount.playFees(pool)));
  }

  @Override
  public Future<Map<Long, Long>> spendable(SqlConnection conn, Set<Long> userIds) {
    Map<Long, Long> balances = new HashMap<>();
    if (userIds.isEmpty()) {
      return Future.succeededFuture(balances);
    }
    String[] codes =
        userIds.stream().map(id -> accounts.cash().apply(id).code()).toArray(String[]::new);
    return conn.preparedQuery(SPENDABLE)
        .execute(Tuple.tuple().addArrayOfString(codes))
        .map(
            rows -> {
              userIds.forEach(id -> balances.put(id, 0L));
              for (Row row : rows) {
                balances.put(row.getLong("owner_id"), row.getLong("balance_cents"));
              }
              return balances;
            });
  }

  @Override
  public Future<Void> post(SqlConnection conn, List<CashMovement> movements) {
    if (movements.isEmpty()) {
      return Future.succeededFuture();
    }
    List<LedgerTransaction> transactions = new ArrayList<>(movements.size());
    for (CashMovement movement : movements) {
      transactions.add(transaction(movement));
    }
    // keys name orders and trades, which are never reused: a duplicate means the book is wrong
    return ledger.postAllNew(conn, transactions);
  }

  @Override
  public Future<CashBalance> balance(SqlClient client, long userId) {
    Future<Long> cash = ledger.balance(client, accounts.cash().apply(userId));
    Future<Long> escrow = ledger.balance(client, accounts.escrow().apply(userId));
    return Future.all(cash, escrow).map(done -> new CashBalance(cash.result(), escrow.result()));
  }

  LedgerTransaction transaction(CashMovement movement) {
    if (movement instanceof CashMovement.EscrowLock lock) {
      return LedgerTransaction.builder("market_escrow_lock", lock.key())
          .reference("market_order:" + lock.orderId())
          .debit(accounts.cash().apply(lock.userId()), lock.cents())
          .credit(accounts.escrow().apply(lock.userId()), lock.cents())
          .build();
    }
    if (movement instanceof CashMovement.EscrowRelease release) {
      return LedgerTransaction.builder("market_escrow_release", release.key())
          .reference("market_order:" + release.orderId())
          .debit(accounts.escrow().apply(release.userId()), release.cents())
          .credit(accounts.cash().apply(release.userId()), release.cents())
          .build();
    }
    CashMovement.Settlement fill = (CashMovement.Settlement) movement;
    return LedgerTransaction.builder("market_fill", fill.key())
        .reference("market_trade:" + fill.tradeId())
        .memo(fill.symbol())
        .debit(accounts.escrow().apply(fill.buyerId()), fill.valueCents() + fill.buyerFeeCents())
        .credit(accounts.cash().apply(fill.sellerId()), fill.valueCents() - fill.sellerFeeCents())
        .credit(accounts.fees(), fill.buyerFeeCents() + fill.sellerFeeCents())
        .build();
  }
}
