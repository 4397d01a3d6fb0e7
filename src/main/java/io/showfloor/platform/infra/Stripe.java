package io.showfloor.platform.infra;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import org.jspecify.annotations.Nullable;

/**
 * What payments (commerce) and Billing (subscriptions) ask of stripe-java the same way: one client
 * setup (two network retries, 10 s to connect, 30 s to read, an optional API base for a local fake)
 * and keyed requests, so a retried call returns what the first one made. The SDK blocks: call it on
 * a worker.
 */
public final class Stripe {
  private Stripe() {}

  public static StripeClient client(@Nullable String secretKey, @Nullable String apiBase) {
    StripeClient.StripeClientBuilder builder =
        StripeClient.builder()
            .setApiKey(secretKey)
            .setMaxNetworkRetries(2)
            .setConnectTimeout(10_000)
            .setReadTimeout(30_000);
    if (apiBase != null && !apiBase.isBlank()) {
      builder.setApiBase(apiBase);
    }
    return builder.build();
  }

  public static RequestOptions idempotent(String key) {
    return RequestOptions.builder().setIdempotencyKey(key).build();
  }

  /** The Stripe customer of {@code userId} (its id in the metadata); the key makes it one. */
  public static String createCustomer(
      StripeClient stripe, long userId, String email, String idempotencyKey)
      throws StripeException {
    return stripe
        .v1()
        .customers()
        .create(
            CustomerCreateParams.builder()
                .setEmail(email)
                .putMetadata("userId", String.valueOf(userId))
                .build(),
            idempotent(idempotencyKey))
        .getId();
  }
}
