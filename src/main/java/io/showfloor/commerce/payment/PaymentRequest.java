package io.showfloor.commerce.payment;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A charge to make. {@code paymentMethodId} may be null (the browser confirms later); {@code
 * offSession} charges a saved card without the customer present (a won lot). {@code metadata}
 * travels with the payment and comes back in webhooks (what the payment is for).
 */
public record PaymentRequest(
    long amountCents,
    String currency,
    @Nullable String paymentMethodId,
    @Nullable String customerId,
    boolean offSession,
    String idempotencyKey,
    String description,
    Map<String, String> metadata) {
  public PaymentRequest {
    if (amountCents <= 0) {
      throw new IllegalArgumentException("A payment is for a positive amount");
    }
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("Every payment call carries an idempotency key");
    }
    metadata = Map.copyOf(metadata);
  }
}
