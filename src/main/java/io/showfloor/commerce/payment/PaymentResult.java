package io.showfloor.commerce.payment;

import org.jspecify.annotations.Nullable;

/**
 * The provider's answer about one payment. {@code clientSecret} is set while the browser still has
 * to confirm; {@code failureCode} (e.g. {@code card_declined}, {@code insufficient_funds}) and
 * {@code failureMessage} explain a decline.
 */
public record PaymentResult(
    @Nullable String paymentId,
    PaymentStatus status,
    long amountCents,
    @Nullable String clientSecret,
    @Nullable String failureCode,
    @Nullable String failureMessage,
    @Nullable String cardFingerprint) {
  public PaymentResult(
      @Nullable String paymentId,
      PaymentStatus status,
      long amountCents,
      @Nullable String clientSecret,
      @Nullable String failureCode,
      @Nullable String failureMessage) {
    this(paymentId, status, amountCents, clientSecret, failureCode, failureMessage, null);
  }

  /**
   * The card paid with, by fingerprint, when the request named one and the provider said (see
   * PaymentFingerprints).
   */
  public PaymentResult withCardFingerprint(@Nullable String fingerprint) {
    return new PaymentResult(
        paymentId, status, amountCents, clientSecret, failureCode, failureMessage, fingerprint);
  }
}
