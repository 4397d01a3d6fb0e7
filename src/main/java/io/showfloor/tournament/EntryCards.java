package io.showfloor.tournament;

import io.vertx.core.Future;
import org.jspecify.annotations.Nullable;

/**
 * Paying an entry fee by card, through the platform's payment provider (implemented by commerce:
 * {@code commerce.payment.CommerceEntryCards}). A payment confirmed at once is an entry at once
 * (the sandbox, or a Stripe payment method that needs no browser step); one the browser must
 * confirm (Stripe Elements, 3-D Secure) becomes an entry when the provider's webhook reports it
 * succeeded ({@link CardEntryWebhook}).
 */
public interface EntryCards {
  /** The provider's name; it names the clearing account the money sits in. */
  String provider();

  /**
   * A charge made: {@code confirmed} when the money is taken; otherwise the browser confirms it
   * with {@code clientSecret} and the webhook says when it succeeded.
   */
  record Charge(String paymentId, boolean confirmed, @Nullable String clientSecret) {}

  /**
   * Charges {@code cents} for an entry into tournament {@code tournamentId}; a decline fails with
   * {@code card_declined}, a payment that needs a browser step nobody can take (no client secret)
   * with {@code card_confirmation_required}. The key makes a retry charge once; {@code entryKey},
   * the caller's Idempotency-Key, travels with the payment so the entry the webhook makes answers a
   * retry with that key.
   */
  Future<Charge> charge(
      long tournamentId,
      long userId,
      long cents,
      @Nullable String paymentMethodId,
      String key,
      @Nullable String entryKey);

  /** Gives a charge back to the card (a cancelled tournament, an entry refused after paying). */
  Future<Void> refund(String paymentId, long cents, String key);
}
