package io.showfloor.commerce.payment;

import org.jspecify.annotations.Nullable;

/**
 * A card being saved: {@code setupId} is the SetupIntent, {@code clientSecret} lets the browser
 * finish it when {@code paymentMethodId} is still null, and {@code ready} says the card can now be
 * charged off-session. {@code fingerprint} identifies the card number across customers (null when
 * the provider did not say).
 */
public record CardSetup(
    @Nullable String setupId,
    @Nullable String clientSecret,
    @Nullable String paymentMethodId,
    boolean ready,
    @Nullable String brand,
    @Nullable String last4,
    @Nullable String fingerprint) {
  public CardSetup(
      @Nullable String setupId,
      @Nullable String clientSecret,
      @Nullable String paymentMethodId,
      boolean ready,
      @Nullable String brand,
      @Nullable String last4) {
    this(setupId, clientSecret, paymentMethodId, ready, brand, last4, null);
  }
}
