package io.showfloor.commerce.payment;

import io.showfloor.commerce.payment.PaymentSubject.Outcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/**
 * What a card dispute does to the books, inside the webhook's transaction ({@code
 * commerce.dispute.Disputes}). Both calls must be safe to repeat and to arrive in either order: a
 * {@code closed} before its {@code opened} opens the dispute first.
 */
public interface DisputeEvents {
  /** {@code charge.dispute.created}: {@code dispute} is the event's Stripe dispute object. */
  Future<Outcome> opened(
      SqlConnection conn, String subjectKind, long subjectId, JsonObject dispute);

  /** {@code charge.dispute.closed}: its {@code status} says won or lost. */
  Future<Outcome> closed(
      SqlConnection conn, String subjectKind, long subjectId, JsonObject dispute);
}
