package io.showfloor.commerce.payment;

import io.showfloor.platform.Refused;
import io.showfloor.tournament.EntryCards;
import io.vertx.core.Future;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Tournament entry fees by card, through the platform's payment provider. */
public final class CommerceEntryCards implements EntryCards {
  /** {@code metadata.kind} of an entry's payment: its webhook goes to the tournaments. */
  public static final String KIND = "tournament_entry";

  private final PaymentProvider payments;

  public CommerceEntryCards(PaymentProvider payments) {
    this.payments = payments;
  }

  @Override
  public String provider() {
    return payments.name();
  }

  @Override
  public Future<Charge> charge(
      long tournamentId,
      long userId,
      long cents,
      @Nullable String paymentMethodId,
      String key,
      @Nullable String entryKey) {
    Map<String, String> metadata = new java.util.HashMap<>();
    metadata.put("kind", KIND);
    metadata.put("tournamentId", String.valueOf(tournamentId));
    metadata.put("userId", String.valueOf(userId));
    if (entryKey != null) {
      metadata.put("entryKey", entryKey);
    }
    PaymentRequest request =
        new PaymentRequest(
            cents,
            "usd",
            paymentMethodId,
            null,
            false,
            key,
            "Showfloor tournament entry",
            metadata);
    return payments
        .pay(request)
        .recover(e -> Future.failedFuture(PaymentDeclined.unavailable(e)))
        .compose(
            result -> {
              String id = result.paymentId();
              if (result.status() == PaymentStatus.SUCCEEDED && id != null) {
                return Future.succeededFuture(new Charge(id, true, null));
              }
              if (result.status().pending()) {
                // the browser confirms it (Stripe Elements) and the webhook makes the entry
                if (id != null && result.clientSecret() != null) {
                  return Future.succeededFuture(new Charge(id, false, result.clientSecret()));
                }
                return Future.failedFuture(
                    Refused.unprocessable(
                        "card_confirmation_required",
                        "This card needs a confirmation step; pay the entry from the wallet"));
              }
              return Future.failedFuture(PaymentDeclined.from(result));
            });
  }

  @Override
  public Future<Void> refund(String paymentId, long cents, String key) {
    return payments
        .refund(new RefundRequest(paymentId, cents, key, "requested_by_customer"))
        .compose(
            result ->
                result.succeeded()
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        Refused.unavailable(
                            "refund_failed",
                            "The provider refused the refund: " + result.failureReason())));
  }
}
