package io.showfloor.market.cash;

/**
 * The statements of market cash: cash balances (the ledger's guarded accounts keep them cached) and
 * the holds of open buy orders, summed per trader over the books of one pool (real money: pool
 * NULL). The holds are read through {@code market_orders_open_buys_by_user} (V058_9).
 */
final class MarketCashSql {
  private MarketCashSql() {}

  /** The open buys of {@code user} in the books of pool {@code pool}; used inside the others. */
  private static final String HELD_BY =
      """
      COALESCE((SELECT SUM(o.locked_cents) FROM market_orders o JOIN market_instruments i ON i.symbol = o.symbol
        WHERE o.user_id = %s AND o.side = 'buy' AND o.status IN ('active', 'partial')
          AND i.play_pool IS NOT DISTINCT FROM %s%s), 0)""";

  /** $1 user: what their open real-money buys hold. */
  static final String HELD = "SELECT " + HELD_BY.formatted("$1", "NULL::bigint", "") + " AS held";

  /**
   * $1 cash account codes, $2 pool, $3 the asking book's symbol: each user's cash less what their
   * buys in the pool's other books hold (the asking book knows its own).
   */
  static final String SPENDABLE_ELSEWHERE =
      "SELECT a.owner_id, a.balance_cents - "
          + HELD_BY.formatted("a.owner_id", "$2::bigint", " AND o.symbol <> $3")
          + " AS spendable FROM ledger_accounts a WHERE a.code = ANY($1::text[])";

  /** $1 cash account codes: locked in id order, as the ledger locks guarded accounts. */
  static final String LOCK_CASH =
      "SELECT id FROM ledger_accounts WHERE code = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE";

  /**
   * $1 users, $2 their cash codes, $3 what this transaction is about to move on each, $4 pool: the
   * users whose cash would not cover the holds of their open buys (this transaction's included).
   */
  static final String UNCOVERED =
      "SELECT d.user_id FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS d(user_id, code, delta) "
          + "LEFT JOIN ledger_accounts a ON a.code = d.code WHERE COALESCE(a.balance_cents, 0) + d.delta < "
          + HELD_BY.formatted("d.user_id", "$4::bigint", "");

  /** $1 cash code, $2 user, $3 pool: cash and what the user's buys in the pool hold. */
  static final String BALANCE =
      "SELECT COALESCE((SELECT balance_cents FROM ledger_accounts WHERE code = $1), 0) AS cash, "
          + HELD_BY.formatted("$2", "$3::bigint", "")
          + " AS held";
}
