package io.showfloor.ledger;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;

/**
 * Every account's balance derived from its entries, with the debit and credit columns of a trial
 * balance. The two totals are equal whenever every transaction balances.
 */
public final class TrialBalance {
  private static final String BALANCES =
      """
      SELECT a.code, a.kind, a.normal_side, COALESCE(s.signed, 0) AS signed
      FROM ledger_accounts a
      LEFT JOIN (SELECT account_id, SUM(amount_cents) AS signed FROM ledger_entries GROUP BY account_id) s
        ON s.account_id = a.id
      ORDER BY a.code""";

  private TrialBalance() {}

  public static Future<JsonObject> read(SqlClient client) {
    return client
        .query(BALANCES)
        .execute()
        .map(
            rows -> {
              JsonArray accounts = new JsonArray();
              long debits = 0;
              long credits = 0;
              for (Row row : rows) {
                long signed = row.getLong("signed");
                boolean debitNormal = "debit".equals(row.getString("normal_side"));
                long debitColumn = Math.max(signed, 0);
                long creditColumn = Math.max(-signed, 0);
                debits += debitColumn;
                credits += creditColumn;
                accounts.add(
                    new JsonObject()
                        .put("account", row.getString("code"))
                        .put("kind", row.getString("kind"))
                        .put("normalSide", row.getString("normal_side"))
                        .put("balanceCents", debitNormal ? signed : -signed)
                        .put("debitCents", debitColumn)
                        .put("creditCents", creditColumn));
              }
              return new JsonObject()
                  .put("accounts", accounts)
                  .put("totalDebitsCents", debits)
                  .put("totalCreditsCents", credits)
                  .put("balanced", debits == credits)
                  .put("asOf", Instant.now().toString());
            });
  }
}
