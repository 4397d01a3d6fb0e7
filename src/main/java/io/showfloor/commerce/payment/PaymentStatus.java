package io.showfloor.commerce.payment;

/** Where a payment stands, in the provider-neutral words the rest of the product uses. */
public enum PaymentStatus {
  /** Money captured. */
  SUCCEEDED,
  /** Created, waiting for the browser to supply and confirm a payment method. */
  REQUIRES_PAYMENT_METHOD,
  /** The customer must act (3-D Secure); the webhook reports the outcome. */
  REQUIRES_ACTION,
  /** The provider is still working; the webhook reports the outcome. */
  PROCESSING,
  /** The card was declined; the buyer may try another. */
  DECLINED,
  /** The payment method is unknown or unusable (e.g. a made-up id). */
  INVALID_METHOD,
  CANCELED;

  public String apiName() {
    return name().toLowerCase();
  }

  /** True when the outcome will arrive later (webhook) rather than now. */
  public boolean pending() {
    return this == REQUIRES_PAYMENT_METHOD || this == REQUIRES_ACTION || this == PROCESSING;
  }
}
