package io.showfloor.commerce.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * Something paid through the provider — a wallet deposit, a checkout — as the webhook sees it. Each
 * method runs inside the webhook's database transaction and must be safe to call again with the
 * same facts (a conditional update or a keyed ledger posting), because providers deliver events
 * more than once and out of order.
 */
public interface PaymentSubject {
  /** The value of {@code metadata.kind} on its payments, e.g. {@code deposit}. */
  String kind();

  /** Its id for a provider payment id, or null when the payment is not one of ours. */
  Future<Long> findByPayment(SqlClient client, String paymentId);

  Future<Outcome> succeeded(SqlConnection conn, long id, String paymentId);

  Future<Outcome> failed(SqlConnection conn, long id, String paymentId, String failureCode);

  /** The provider now reports {@code totalRefundedCents} refunded on the payment, in all. */
  Future<Outcome> refunded(SqlConnection conn, long id, String paymentId, long totalRefundedCents);

  Future<Outcome> disputed(SqlConnection conn, long id, String paymentId, long amountCents);

  /**
   * What applying an event did (kept with the event for support) and what to announce after commit.
   */
  record Outcome(String description, List<Runnable> afterCommit) {
    public static Outcome of(String description) {
      return new Outcome(description, List.of());
    }

    public static Outcome of(String description, Runnable afterCommit) {
      return new Outcome(description, List.of(afterCommit));
    }
  }
}
