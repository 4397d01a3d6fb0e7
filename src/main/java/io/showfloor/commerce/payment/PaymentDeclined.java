package io.showfloor.commerce.payment;

import io.showfloor.platform.Refused;
import org.jspecify.annotations.Nullable;

/** The errors a buyer sees when a payment does not go through. */
public final class PaymentDeclined {
  private PaymentDeclined() {}

  public static Refused from(PaymentResult result) {
    if (result.status() == PaymentStatus.INVALID_METHOD) {
      return Refused.unprocessable(
          "payment_method_invalid",
          result.failureMessage() != null
              ? result.failureMessage()
              : "That payment method cannot be used");
    }
    String detail =
        result.failureMessage() != null ? result.failureMessage() : "The card was declined";
    if (result.failureCode() != null) {
      detail += " (" + result.failureCode() + ")";
    }
    return new Refused(Refused.Kind.PAYMENT_DECLINED, "card_declined", detail);
  }

  public static Refused unavailable(@Nullable Throwable cause) {
    return new Refused(
        Refused.Kind.UPSTREAM_FAILED,
        "payment_provider_unavailable",
        "The payment provider did not answer; nothing was charged twice, try again");
  }
}
