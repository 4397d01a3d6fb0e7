package io.showfloor.market.cash;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the market keeps traders' cash: each user's spendable cash and the part locked in escrow
 * for open buy orders. Every movement is posted in the caller's database transaction, so cash moves
 * if and only if the orders and fills that cause it commit.
 */
public interface MarketCash {

  /**
   * Spendable (unlocked) cash per user, in the caller's transaction; users without cash map to 0.
   */
  Future<Map<Long, Long>> spendable(SqlConnection conn, Set<Long> userIds);

  /**
   * Posts the movements in the caller's transaction. Fails with 422 {@code insufficient_funds} when
   * one would overdraw an account (a concurrent spend elsewhere); the caller rolls back.
   */
  Future<Void> post(SqlConnection conn, List<CashMovement> movements);

  /** A user's spendable cash and market escrow. */
  Future<CashBalance> balance(SqlClient client, long userId);

  record CashBalance(long cashCents, long lockedCents) {}

  /**
   * The same movements over play pool {@code pool} (a tournament's play money): separate accounts
   * that never meet real cash. The book of a play-money instrument uses this one.
   */
  MarketCash playMoney(long pool);
}
