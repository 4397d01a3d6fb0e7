package io.showfloor.commerce.payment;

import io.showfloor.platform.http.ApiError;
import org.jspecify.annotations.Nullable;

/** The errors a buyer sees when a payment does not go through. */
public final class PaymentDeclined {
  private PaymentDeclined() {}

  public static ApiError from(PaymentResult result) {
    if (result.status() == PaymentStatus.INVALID_METHOD) {
      return ApiError.unprocessable("payment_method_invalid",
          result.failureMessage() != null ? result.failureMessage() : "That payment method cannot be used");
    }
    String detail = result.failureMessage() != null ? result.failureMessage() : "The card was declined";
    if (result.failureCode() != null) {
      detail += " (" + result.failureCode() + ")";
    }
    return new ApiError(402, "card_declined", "Payment declined", detail);
  }

  public static ApiError unavailable(@Nullable Throwable cause) {
    return new ApiError(502, "payment_provider_unavailable", "Payment provider unavailable",
        "The payment provider did not answer; nothing was charged twice, try again");
  }
}
