package io.showfloor.commerce.checkout;

import io.showfloor.commerce.Notices;
import io.showfloor.commerce.order.Refunds;
import io.showfloor.commerce.payment.PaymentSubject;
import io.showfloor.notify.Notification;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** How provider events change checkouts (metadata {@code kind=checkout, checkoutId}). */
public final class CheckoutPayments implements PaymentSubject {
  private final Checkouts checkouts;
  private final Refunds refunds;
  private final Notices notices;

  public CheckoutPayments(Checkouts checkouts, Refunds refunds, Notices notices) {
    this.checkouts = checkouts;
    this.refunds = refunds;
    this.notices = notices;
  }

  @Override
  public String kind() {
    return "checkout";
  }

  @Override
  public Future<Long> findByPayment(SqlClient client, String paymentId) {
    return client
        .preparedQuery("SELECT id FROM checkouts WHERE provider_payment_id = $1")
        .execute(Tuple.of(paymentId))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("id") : null);
  }

  @Override
  public Future<Outcome> succeeded(SqlConnection conn, long id, String paymentId) {
    List<Runnable> after = new ArrayList<>();
    return checkouts.succeeded(conn, id, paymentId, after).map(text -> new Outcome(text, after));
  }

  @Override
  public Future<Outcome> failed(SqlConnection conn, long id, String paymentId, String failureCode) {
    return checkouts.failedLater(conn, id, failureCode).map(Outcome::of);
  }

  @Override
  public Future<Outcome> refunded(
      SqlConnection conn, long id, String paymentId, long totalRefundedCents) {
    List<Notification> stored = new ArrayList<>();
    return refunds
        .reconcile(conn, id, totalRefundedCents, stored)
        .map(
            text ->
                new Outcome(
                    "checkout " + id + ": " + text,
                    List.of(
                        () -> {
                          stored.forEach(notices::push);
                          notices.sendMail();
                        })));
  }

  @Override
  public Future<Outcome> disputed(SqlConnection conn, long id, String paymentId, long amountCents) {
    return conn.preparedQuery(
            """
            UPDATE orders SET dispute_status = 'open', updated_at = now() WHERE checkout_id = $1 AND status <> 'cancelled'
            RETURNING id, seller_id""")
        .execute(Tuple.of(id))
        .compose(
            rows -> {
              List<Notification> stored = new ArrayList<>();
              Future<Void> all = Future.succeededFuture();
              for (Row row : rows) {
                all =
                    all.compose(
                        v ->
                            notices
                                .add(
                                    conn,
                                    row.getLong("seller_id"),
                                    "order_disputed",
                                    new JsonObject()
                                        .put("orderId", row.getLong("id"))
                                        .put("disputedCents", amountCents))
                                .map(
                                    n -> {
                                      stored.add(n);
                                      return null;
                                    }));
              }
              return all.map(
                  v ->
                      new Outcome(
                          "checkout " + id + " disputed (" + rows.rowCount() + " order(s))",
                          List.of(() -> stored.forEach(notices::push))));
            });
  }
}
