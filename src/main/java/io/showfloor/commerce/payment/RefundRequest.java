package io.showfloor.commerce.payment;

/** Refund {@code amountCents} of payment {@code paymentId}; the key makes a retry refund once. */
public record RefundRequest(
    String paymentId, long amountCents, String idempotencyKey, String reason) {
  public RefundRequest {
    if (amountCents <= 0) {
      throw new IllegalArgumentException("A refund is for a positive amount");
    }
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("Every refund call carries an idempotency key");
    }
  }
}
