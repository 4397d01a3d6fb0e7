package io.showfloor.market.cash;

import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.platform.Refused;
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
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Market cash on the double-entry ledger (docs/LEDGER.md): cash is the user's wallet account {@code
 * user:<id>:cash} (a play pool's {@code play:<pool>:user:<id>:cash}), fees go to {@code
 * platform:fees}. Holds are the open buy orders' {@code locked_cents}, read from the orders; a fill
 * is one balanced ledger transaction whose idempotency key names the trade, posted in the book
 * owner's batch transaction. Also the {@link MarketHolds} other domains read.
 */
public final class LedgerMarketCash implements MarketCash, MarketHolds {
  private final Ledger ledger;
  private final LongFunction<LedgerAccount> cashOf;
  private final LedgerAccount fees;

  /** The play pool whose money this is; null for real wallets. */
  private final @Nullable Long pool;

  public LedgerMarketCash(Ledger ledger) {
    this(ledger, LedgerAccount::userCash, LedgerAccount.platformFees(), null);
  }

  private LedgerMarketCash(
      Ledger ledger, LongFunction<LedgerAccount> cashOf, LedgerAccount fees, @Nullable Long pool) {
    this.ledger = ledger;
    this.cashOf = cashOf;
    this.fees = fees;
    this.pool = pool;
  }

  @Override
  public MarketCash playMoney(long pool) {
    return new LedgerMarketCash(
        ledger, user -> LedgerAccount.playCash(pool, user), LedgerAccount.playFees(pool), pool);
  }

  private String[] codes(Set<Long> userIds) {
    return userIds.stream().map(id -> cashOf.apply(id).code()).toArray(String[]::new);
  }

  @Override
  public Future<Map<Long, Long>> spendableElsewhere(
      SqlConnection conn, String symbol, Set<Long> userIds) {
    Map<Long, Long> spendable = new HashMap<>();
    if (userIds.isEmpty()) {
      return Future.succeededFuture(spendable);
    }
    return conn.preparedQuery(MarketCashSql.SPENDABLE_ELSEWHERE)
        .execute(Tuple.tuple().addArrayOfString(codes(userIds)).addLong(pool).addString(symbol))
        .map(
            rows -> {
              userIds.forEach(id -> spendable.put(id, 0L));
              for (Row row : rows) {
                spendable.put(row.getLong("owner_id"), row.getLong("spendable"));
              }
              return spendable;
            });
  }

  @Override
  public Future<Void> lock(SqlConnection conn, Set<Long> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(MarketCashSql.LOCK_CASH)
        .execute(Tuple.tuple().addArrayOfString(codes(userIds)))
        .mapEmpty();
  }

  @Override
  public Future<Void> checkCovered(SqlConnection conn, Map<Long, Long> cashDeltas) {
    if (cashDeltas.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = cashDeltas.size();
    Long[] users = new Long[n];
    String[] codes = new String[n];
    Long[] deltas = new Long[n];
    int i = 0;
    for (Map.Entry<Long, Long> e : cashDeltas.entrySet()) {
      users[i] = e.getKey();
      codes[i] = cashOf.apply(e.getKey()).code();
      deltas[i] = e.getValue();
      i++;
    }
    return conn.preparedQuery(MarketCashSql.UNCOVERED)
        .execute(
            Tuple.tuple()
                .addArrayOfLong(users)
                .addArrayOfString(codes)
                .addArrayOfLong(deltas)
                .addLong(pool))
        .compose(
            rows ->
                rows.size() == 0
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        Refused.unprocessable(
                            "insufficient_funds",
                            "Not enough spendable cash: another book or the wallet spent it first")));
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
    // keys name trades, which are never reused: a duplicate means the book is wrong
    return ledger.postAllNew(conn, transactions);
  }

  @Override
  public Future<CashBalance> balance(SqlClient client, long userId) {
    return client
        .preparedQuery(MarketCashSql.BALANCE)
        .execute(Tuple.of(cashOf.apply(userId).code(), userId, pool))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              long held = row.getLong("held");
              return new CashBalance(row.getLong("cash") - held, held);
            });
  }

  @Override
  public Future<Long> heldCents(SqlClient client, long userId) {
    return WALLET_HOLDS.heldCents(client, userId);
  }

  private static final MarketHolds WALLET_HOLDS = new WalletHolds();

  /** The wallet's holds alone, for a domain that needs nothing else of market cash. */
  public static final class WalletHolds implements MarketHolds {
    @Override
    public Future<Long> heldCents(SqlClient client, long userId) {
      return client
          .preparedQuery(MarketCashSql.HELD)
          .execute(Tuple.of(userId))
          .map(rows -> rows.iterator().next().getLong("held"));
    }
  }

  LedgerTransaction transaction(CashMovement movement) {
    CashMovement.Settlement fill = (CashMovement.Settlement) movement;
    return LedgerTransaction.builder("market_fill", fill.key())
        .reference("market_trade:" + fill.tradeId())
        .memo(fill.symbol())
        .debit(cashOf.apply(fill.buyerId()), fill.valueCents() + fill.buyerFeeCents())
        .credit(cashOf.apply(fill.sellerId()), fill.valueCents() - fill.sellerFeeCents())
        .credit(fees, fill.buyerFeeCents() + fill.sellerFeeCents())
        .build();
  }
}
