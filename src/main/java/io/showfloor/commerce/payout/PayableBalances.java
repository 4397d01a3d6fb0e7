package io.showfloor.commerce.payout;

import io.showfloor.ledger.LedgerAccount;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Reads a payee's payables from the ledger with the hold rule applied: money from an order is
 * pending until {@code holdDays} after the order was delivered (by the database clock; delivery is
 * confirmed by the buyer or automatically, never by the seller), and for as long as the order is
 * disputed (a closed dispute, won or lost, no longer holds it). An order that never ships stays
 * pending. Refunds reduce it at once.
 */
final class PayableBalances {
  // per payable account: the balance from every entry, and the part posted for orders still on hold
  // (an order's payment less its refunds; order transactions carry reference order:<id>)
  private static final String PAYABLES =
      """
      SELECT a.code,
             -COALESCE(SUM(e.amount_cents), 0) AS balance,
             -COALESCE(SUM(e.amount_cents) FILTER (WHERE o.id IS NOT NULL AND (o.dispute_status NOT IN ('won', 'lost')
                 OR o.delivered_at IS NULL OR o.delivered_at > now() - make_interval(days => $2))), 0)
               AS pending
      FROM ledger_accounts a
      JOIN ledger_entries e ON e.account_id = a.id
      JOIN ledger_transactions t ON t.id = e.transaction_id
      LEFT JOIN orders o ON o.id = CASE WHEN t.reference ~ '^order:[0-9]+$' THEN split_part(t.reference, ':', 2)::bigint END
      WHERE a.code = ANY($1::text[])
      GROUP BY a.code""";
  private static final String LOCK =
      "SELECT id FROM ledger_accounts WHERE code = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE";

  private final int holdDays;

  PayableBalances(int holdDays) {
    this.holdDays = holdDays;
  }

  int holdDays() {
    return holdDays;
  }

  Future<Payables> read(SqlClient client, long userId) {
    String seller = LedgerAccount.sellerPayable(userId).code();
    String creator = LedgerAccount.creatorPayable(userId).code();
    return client
        .preparedQuery(PAYABLES)
        .execute(
            Tuple.tuple().addArrayOfString(new String[] {seller, creator}).addInteger(holdDays))
        .map(
            rows -> {
              Payables.Part sellerPart = new Payables.Part(0, 0);
              Payables.Part creatorPart = new Payables.Part(0, 0);
              for (Row row : rows) {
                Payables.Part part =
                    new Payables.Part(row.getLong("balance"), row.getLong("pending"));
                if (seller.equals(row.getString("code"))) {
                  sellerPart = part;
                } else {
                  creatorPart = part;
                }
              }
              return new Payables(sellerPart, creatorPart);
            });
  }

  /**
   * Locks the payee's payable accounts for the rest of the transaction, so two payout requests of
   * one payee run one after the other and the second sees what the first took. NO KEY UPDATE leaves
   * order payments (which only take KEY SHARE for their entries) free to credit the payables
   * meanwhile.
   */
  Future<Void> lock(io.vertx.sqlclient.SqlConnection conn, long userId) {
    String[] codes = {
      LedgerAccount.sellerPayable(userId).code(), LedgerAccount.creatorPayable(userId).code()
    };
    return conn.preparedQuery(LOCK).execute(Tuple.tuple().addArrayOfString(codes)).mapEmpty();
  }
}
