package io.showfloor.commerce.payment;

import java.util.Map;

/**
 * Send {@code amountCents} of the platform's provider balance to a payee: with Stripe a Connect
 * transfer to {@code destination} ({@code acct_...}); the sandbox needs no destination. The key
 * makes a retry after a timeout transfer once.
 */
public record TransferRequest(
    long amountCents,
    String currency,
    String destination,
    String idempotencyKey,
    String description,
    Map<String, String> metadata) {
  public TransferRequest {
    if (amountCents <= 0) {
      throw new IllegalArgumentException("A transfer is for a positive amount");
    }
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("Every transfer call carries an idempotency key");
    }
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
