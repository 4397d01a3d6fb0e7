package io.showfloor.market;

import io.showfloor.market.trading.BookAnswer;
import io.showfloor.market.trading.BookCommand;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The holds reconciliation (docs/MARKET.md "Holds"): per trader, ledger cash less the holds of the
 * open orders equals what the book owners believe is available. Each approved book's owner compares
 * its memory with its committed open orders between two of its batches ({@code
 * BookCommand.Reconcile}); then PostgreSQL is asked for traders whose cash does not cover their
 * holds in a pool, and for any market escrow balance left (holds are no ledger balance any more).
 * An empty list means consistent.
 */
final class HoldsReconciliation {
  private static final String BOOKS =
      "SELECT symbol FROM market_instruments WHERE status = 'approved' ORDER BY symbol";
  private static final String UNCOVERED =
      """
      SELECT o.user_id, i.play_pool, SUM(o.locked_cents) AS held, COALESCE(MIN(a.balance_cents), 0) AS cash
      FROM market_orders o JOIN market_instruments i ON i.symbol = o.symbol
      LEFT JOIN ledger_accounts a ON a.code = CASE WHEN i.play_pool IS NULL THEN 'user:' || o.user_id || ':cash'
        ELSE 'play:' || i.play_pool || ':user:' || o.user_id || ':cash' END
      WHERE o.side = 'buy' AND o.status IN ('active', 'partial')
      GROUP BY o.user_id, i.play_pool
      HAVING COALESCE(MIN(a.balance_cents), 0) < SUM(o.locked_cents)""";
  private static final String ESCROW_LEFT =
      """
      SELECT owner_id, code, balance_cents FROM ledger_accounts
      WHERE kind IN ('user_escrow', 'play_escrow') AND balance_cents <> 0""";

  private final Database db;
  private final BookClient books;

  HoldsReconciliation(Database db, BookClient books) {
    this.db = db;
    this.books = books;
  }

  /** {@code {consistent, differences}}: one entry per disagreement, none when consistent. */
  Future<JsonObject> check() {
    return db.query(BOOKS, Tuple.tuple())
        .compose(
            symbols -> {
              List<Future<BookAnswer>> answers = new ArrayList<>();
              for (Row row : symbols) {
                answers.add(books.send(row.getString("symbol"), new BookCommand.Reconcile()));
              }
              // after the owners: a trader's cash and holds read once every book has answered
              return Future.all(answers)
                  .compose(
                      done ->
                          Future.all(
                                  db.query(UNCOVERED, Tuple.tuple()),
                                  db.query(ESCROW_LEFT, Tuple.tuple()))
                              .map(
                                  ledger -> {
                                    JsonArray differences = new JsonArray();
                                    for (Future<BookAnswer> answer : answers) {
                                      differences.addAll(
                                          answer.result().body().getJsonArray("differences"));
                                    }
                                    for (Row row :
                                        ledger.<io.vertx.sqlclient.RowSet<Row>>resultAt(0)) {
                                      differences.add(
                                          new JsonObject()
                                              .put("kind", "cash_short")
                                              .put("userId", row.getLong("user_id"))
                                              .put("pool", row.getLong("play_pool"))
                                              .put(
                                                  "derived",
                                                  row.getLong("cash") - row.getLong("held"))
                                              .put(
                                                  "believed",
                                                  row.getLong("cash") - row.getLong("held")));
                                    }
                                    for (Row row :
                                        ledger.<io.vertx.sqlclient.RowSet<Row>>resultAt(1)) {
                                      differences.add(
                                          new JsonObject()
                                              .put("kind", "escrow_balance")
                                              .put("userId", row.getLong("owner_id"))
                                              .put("account", row.getString("code"))
                                              .put("derived", 0L)
                                              .put("believed", row.getLong("balance_cents")));
                                    }
                                    return new JsonObject()
                                        .put("consistent", differences.isEmpty())
                                        .put("differences", differences);
                                  }));
            });
  }
}
