package io.showfloor.commerce.payment;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * GET /api/payments/config: what the browser needs to take a card — the provider's name and, with
 * Stripe, the publishable key for Stripe.js. The key is only handed out with the Stripe provider,
 * so a page never loads Stripe.js against a node whose server side is the sandbox.
 */
public final class PaymentConfigEndpoints implements ApiRoutes {
  private final JsonObject config;

  public PaymentConfigEndpoints(String provider, @Nullable String publishableKey) {
    boolean stripe = StripePayments.NAME.equals(provider);
    this.config =
        new JsonObject()
            .put("provider", stripe ? StripePayments.NAME : SandboxPayments.NAME)
            .put("publishableKey", stripe ? publishableKey : null);
  }

  @Override
  public void mount(Api api) {
    api.on("getPaymentConfig", req -> Future.succeededFuture(Reply.ok(config.copy())));
  }
}
