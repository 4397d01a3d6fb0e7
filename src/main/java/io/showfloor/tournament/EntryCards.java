package io.showfloor.tournament;

import io.vertx.core.Future;
import org.jspecify.annotations.Nullable;

/**
 * Paying an entry fee by card, through the platform's payment provider (implemented by commerce:
 * {@code commerce.payment.CommerceEntryCards}). Only a payment confirmed at once is an entry (the
 * sandbox, or a Stripe payment method that needs no browser step).
 */
public interface EntryCards {
  /** The provider's name; it names the clearing account the money sits in. */
  String provider();

  /**
   * Charges {@code cents} and answers the provider's payment id once it has succeeded; a decline
   * fails with {@code card_declined}, a payment that needs the browser with {@code
   * card_confirmation_required}. The key makes a retry charge once.
   */
  Future<String> charge(long userId, long cents, @Nullable String paymentMethodId, String key);

  /** Gives a charge back to the card (a cancelled tournament, an entry refused after paying). */
  Future<Void> refund(String paymentId, long cents, String key);
}
