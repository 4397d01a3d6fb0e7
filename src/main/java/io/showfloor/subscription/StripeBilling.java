package io.showfloor.subscription;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.param.checkout.SessionCreateParams;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Stripe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;

/**
 * Stripe Billing through stripe-java: the customer a subscription is billed to, Checkout in
 * subscription mode, the customer portal. The SDK blocks, so every call runs on a worker.
 */
final class StripeBilling {
  private final Vertx vertx;
  private final StripeClient stripe;
  private final SubscriptionSettings settings;

  StripeBilling(Vertx vertx, SubscriptionSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.stripe = Stripe.client(settings.stripeSecretKey(), settings.stripeApiBase());
  }

  /** The user's Stripe customer; the key makes a retried creation return the same one. */
  Future<String> customer(long userId, String email) {
    return call(
        () -> Stripe.createCustomer(stripe, userId, email, "subscription-customer-" + userId));
  }

  /** A Checkout Session in subscription mode for Pro: its page's address. */
  Future<JsonObject> checkout(long userId, String customerId) {
    return call(
        () -> {
          SessionCreateParams.LineItem.Builder item =
              SessionCreateParams.LineItem.builder().setQuantity(1L);
          String price = settings.stripePriceId();
          if (price != null) {
            item.setPrice(price);
          } else {
            item.setPriceData(
                SessionCreateParams.LineItem.PriceData.builder()
                    .setCurrency(settings.currency())
                    .setUnitAmount(settings.pro().priceCents())
                    .setProductData(
                        SessionCreateParams.LineItem.PriceData.ProductData.builder()
                            .setName("Showfloor Pro")
                            .build())
                    .setRecurring(
                        SessionCreateParams.LineItem.PriceData.Recurring.builder()
                            .setInterval(
                                SessionCreateParams.LineItem.PriceData.Recurring.Interval.DAY)
                            .setIntervalCount((long) settings.periodDays())
                            .build())
                    .build());
          }
          var session =
              stripe
                  .v1()
                  .checkout()
                  .sessions()
                  .create(
                      SessionCreateParams.builder()
                          .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                          .setCustomer(customerId)
                          .setClientReferenceId(String.valueOf(userId))
                          .addLineItem(item.build())
                          .setSubscriptionData(
                              SessionCreateParams.SubscriptionData.builder()
                                  .putMetadata("userId", String.valueOf(userId))
                                  .build())
                          .setSuccessUrl(settings.publicUrl() + "/pro?checkout=done")
                          .setCancelUrl(settings.publicUrl() + "/pro?checkout=cancelled")
                          .build());
          return new JsonObject().put("sessionId", session.getId()).put("url", session.getUrl());
        });
  }

  /** A customer-portal session: the page where the subscriber manages or cancels Pro. */
  Future<JsonObject> portal(String customerId) {
    return call(
        () -> {
          var session =
              stripe
                  .v1()
                  .billingPortal()
                  .sessions()
                  .create(
                      com.stripe.param.billingportal.SessionCreateParams.builder()
                          .setCustomer(customerId)
                          .setReturnUrl(settings.publicUrl() + "/pro")
                          .build());
          return new JsonObject().put("url", session.getUrl());
        });
  }

  private <T> Future<T> call(Callable<T> call) {
    return vertx.executeBlocking(
        () -> {
          try {
            return call.call();
          } catch (StripeException e) {
            throw new Refused(
                Refused.Kind.UPSTREAM_FAILED,
                "payment_provider_unavailable",
                "Stripe did not answer: " + e.getMessage());
          }
        },
        false);
  }
}
