package io.showfloor.commerce.wallet;

import io.showfloor.commerce.payment.PaymentSubject;
import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.market.cash.MarketHolds;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** How provider events change wallet deposits (metadata {@code kind=deposit, depositId}). */
public final class DepositPayments implements PaymentSubject {
  private final Wallets wallets;
  private final Ledger ledger;
  private final MarketHolds marketHolds;

  public DepositPayments(Wallets wallets, Ledger ledger, MarketHolds marketHolds) {
    this.wallets = wallets;
    this.ledger = ledger;
    this.marketHolds = marketHolds;
  }

  @Override
  public String kind() {
    return "deposit";
  }

  @Override
  public Future<Long> findByPayment(SqlClient client, String paymentId) {
    return client
        .preparedQuery("SELECT id FROM wallet_deposits WHERE provider_payment_id = $1")
        .execute(Tuple.of(paymentId))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("id") : null);
  }

  @Override
  public Future<Outcome> succeeded(SqlConnection conn, long id, String paymentId) {
    return wallets
        .complete(conn, id, paymentId)
        .map(
            userId ->
                userId == null
                    ? Outcome.of("deposit " + id + " already credited")
                    : Outcome.of("deposit " + id + " credited", () -> wallets.announce(userId)));
  }

  @Override
  public Future<Outcome> failed(SqlConnection conn, long id, String paymentId, String failureCode) {
    return wallets
        .fail(conn, id, failureCode)
        .map(
            changed ->
                Outcome.of(
                    changed
                        ? "deposit " + id + " failed (" + failureCode + ")"
                        : "deposit " + id + " already settled"));
  }

  @Override
  public Future<Outcome> refunded(
      SqlConnection conn, long id, String paymentId, long totalRefundedCents) {
    return conn.preparedQuery(
            """
            SELECT user_id, amount_cents, refunded_cents, provider, status FROM wallet_deposits WHERE id = $1 FOR UPDATE""")
        .execute(Tuple.of(id))
        .compose(
            rows -> {
              Row row = rows.iterator().next();
              long total = Math.min(totalRefundedCents, row.getLong("amount_cents"));
              long newly = total - row.getLong("refunded_cents");
              if (newly <= 0 || !"succeeded".equals(row.getString("status"))) {
                return Future.succeededFuture(
                    Outcome.of("deposit " + id + " refund already applied"));
              }
              long userId = row.getLong("user_id");
              LedgerAccount cash = LedgerAccount.userCash(userId);
              // check first: a failed guarded update would abort the whole webhook transaction.
              // What open market buys hold is not the refund's to take (their orders would stand
              // uncovered): read under the cash row's lock, as a book commits holds only under it
              return ledger
                  .lockBalance(conn, cash)
                  .compose(locked -> marketHolds.heldCents(conn, userId).map(held -> locked - held))
                  .compose(
                      balance -> {
                        if (balance < newly) {
                          return Future.succeededFuture(
                              Outcome.of(
                                  "needs review: deposit "
                                      + id
                                      + " refunded "
                                      + newly
                                      + " cents but the wallet has only "
                                      + balance
                                      + " free of market holds"));
                        }
                        return ledger
                            .post(
                                conn,
                                LedgerTransaction.builder(
                                        "deposit_refund", "deposit:" + id + ":refunded:" + total)
                                    .reference("deposit:" + id)
                                    .debit(cash, newly)
                                    .credit(
                                        LedgerAccount.providerClearing(row.getString("provider")),
                                        newly)
                                    .build())
                            .compose(
                                p ->
                                    conn.preparedQuery(
                                            "UPDATE wallet_deposits SET refunded_cents = $2 WHERE id = $1")
                                        .execute(Tuple.of(id, total)))
                            .map(
                                v ->
                                    Outcome.of(
                                        "deposit " + id + " refunded " + newly + " cents",
                                        () -> wallets.announce(userId)));
                      });
            });
  }

  @Override
  public Future<Outcome> disputed(SqlConnection conn, long id, String paymentId, long amountCents) {
    return Future.succeededFuture(
        Outcome.of("deposit " + id + " disputed for " + amountCents + " cents"));
  }
}
