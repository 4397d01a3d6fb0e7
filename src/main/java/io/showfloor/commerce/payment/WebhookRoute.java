package io.showfloor.commerce.payment;

import io.showfloor.commerce.payment.PaymentSubject.Outcome;
import io.showfloor.commerce.payment.StripeWebhooks.WebhookEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Set;

/**
 * Another domain's Stripe event types, delivered on the one Stripe webhook endpoint: applied in the
 * transaction that records the event id, so each event takes effect exactly once.
 */
public interface WebhookRoute {
  Set<String> types();

  Future<Outcome> apply(SqlConnection conn, WebhookEvent event);
}
