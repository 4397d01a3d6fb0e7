package io.showfloor.market.cash;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the market keeps traders' cash. An open buy order holds part of its owner's cash (its
 * {@code locked_cents}): a reservation derived from the open orders, never a ledger movement. Only
 * fills move money, posted in the caller's database transaction, so cash moves if and only if the
 * fills that cause it commit. A trader's cash is shared by every book of a pool (and, for real
 * money, by wallet withdrawals and checkout), so a book commits new holds only under the lock of
 * the traders' cash rows ({@link #lock}) and after {@link #checkCovered} (docs/MARKET.md "Holds").
 */
public interface MarketCash {

  /**
   * Each user's cash less what their open buys in the pool's books other than {@code symbol} hold,
   * read in the caller's transaction; users without cash map to 0 less nothing. The asking book
   * takes its own holds off from memory.
   */
  Future<Map<Long, Long>> spendableElsewhere(SqlConnection conn, String symbol, Set<Long> userIds);

  /** Locks the users' cash rows (in id order) for the rest of the caller's transaction. */
  Future<Void> lock(SqlConnection conn, Set<Long> userIds);

  /**
   * Fails with 422 {@code insufficient_funds} when a user's cash, moved by {@code cashDeltas} (what
   * the caller is about to post), would not cover the holds of their open buys in every book of the
   * pool, the caller's own writes included. Call it under {@link #lock}, after writing the orders
   * and before posting.
   */
  Future<Void> checkCovered(SqlConnection conn, Map<Long, Long> cashDeltas);

  /**
   * Posts the fills in the caller's transaction. Fails with 422 {@code insufficient_funds} when one
   * would overdraw an account; the caller rolls back.
   */
  Future<Void> post(SqlConnection conn, List<CashMovement> movements);

  /** A user's cash not held by open orders, and what their open buys hold. */
  Future<CashBalance> balance(SqlClient client, long userId);

  record CashBalance(long cashCents, long lockedCents) {}

  /**
   * The same over play pool {@code pool} (a tournament's play money): separate accounts that never
   * meet real cash. The book of a play-money instrument uses this one.
   */
  MarketCash playMoney(long pool);
}
