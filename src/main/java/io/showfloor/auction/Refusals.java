package io.showfloor.auction;

import io.showfloor.auction.rules.Refusal;
import io.showfloor.platform.http.ApiError;

/** How a refused bid or buy-now is told to the client. */
final class Refusals {
  private Refusals() {}

  static ApiError toError(Refusal refusal) {
    return switch (refusal) {
      case INVALID_AMOUNT -> ApiError.badRequest(refusal.code(), "maxAmountCents must be at least amountCents");
      case OWN_LOT -> ApiError.forbidden(refusal.code(), "You cannot bid on or buy a lot you sell or host");
      case LOT_NOT_OPEN -> ApiError.conflict(refusal.code(), "This lot is not open for bidding");
      case LOT_CLOSED -> ApiError.conflict(refusal.code(), "Bidding on this lot has closed");
      case BID_TOO_LOW -> ApiError.conflict(refusal.code(), "The bid is below the minimum next bid");
      case ALREADY_LEADING -> ApiError.conflict(refusal.code(), "You already lead with this maximum or a higher one");
      case BUY_NOW_UNAVAILABLE -> ApiError.conflict(refusal.code(), "Buy now is not offered on this lot any more");
      case SAVED_CARD_REQUIRED -> ApiError.forbidden(refusal.code(),
          "This show requires a saved card to bid or buy; save one in your payment settings first");
    };
  }
}
