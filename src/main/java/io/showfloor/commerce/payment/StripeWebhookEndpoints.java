package io.showfloor.commerce.payment;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import org.jspecify.annotations.Nullable;

/**
 * POST /api/webhooks/stripe: verifies the signature over the raw body, then applies the event once.
 * Answers 200 for every verified event (also duplicates and types we do not use) so Stripe stops
 * retrying; 400 for a bad signature; 404 when no webhook secret is configured.
 */
public record StripeWebhookEndpoints(@Nullable StripeWebhooks webhooks, PaymentEvents events)
    implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "stripeWebhook",
        req -> {
          if (webhooks == null) {
            return Future.failedFuture(
                ApiError.notFound(
                    "webhooks_not_configured",
                    "Stripe webhooks are off: set STRIPE_WEBHOOK_SECRET"));
          }
          // the signature covers the exact bytes Stripe sent, so verify the raw text, not
          // re-encoded JSON
          StripeWebhooks.WebhookEvent event =
              webhooks.verify(req.bodyText(), req.header("Stripe-Signature"));
          return events.apply(event).map(applied -> Reply.ok(applied.toJson()));
        });
  }
}
