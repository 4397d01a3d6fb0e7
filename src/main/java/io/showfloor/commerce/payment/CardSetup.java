package io.showfloor.commerce.payment;

/**
 * A card being saved: {@code setupId} is the SetupIntent, {@code clientSecret} lets the browser
 * finish it when {@code paymentMethodId} is still null, and {@code ready} says the card can now
 * be charged off-session. {@code fingerprint} identifies the card number across customers (null
 * when the provider did not say).
 */
public record CardSetup(String setupId, String clientSecret, String paymentMethodId, boolean ready,
                        String brand, String last4, String fingerprint) {
  public CardSetup(String setupId, String clientSecret, String paymentMethodId, boolean ready, String brand, String last4) {
    this(setupId, clientSecret, paymentMethodId, ready, brand, last4, null);
  }
}
