package io.showfloor.auction;

import io.showfloor.auction.rules.Refusal;
import io.showfloor.platform.Refused;

/** How a refused bid or buy-now is told to the client: the kind of refusal and its words. */
final class Refusals {
  private Refusals() {}

  static Refused toRefused(Refusal refusal) {
    return toRefused(refusal, detail(refusal));
  }

  /**
   * The refusal with the detail the bidder was given the first time (a replay answers the stored
   * words).
   */
  static Refused toRefused(Refusal refusal, String detail) {
    return new Refused(kind(refusal), refusal.code(), detail);
  }

  private static Refused.Kind kind(Refusal refusal) {
    return switch (refusal) {
      case INVALID_AMOUNT -> Refused.Kind.INVALID;
      case OWN_LOT, SAVED_CARD_REQUIRED -> Refused.Kind.FORBIDDEN;
      case LOT_NOT_OPEN, LOT_CLOSED, BID_TOO_LOW, ALREADY_LEADING, BUY_NOW_UNAVAILABLE ->
          Refused.Kind.CONFLICT;
    };
  }

  static String detail(Refusal refusal) {
    return switch (refusal) {
      case INVALID_AMOUNT -> "maxAmountCents must be at least amountCents";
      case OWN_LOT -> "You cannot bid on or buy a lot you sell or host";
      case LOT_NOT_OPEN -> "This lot is not open for bidding";
      case LOT_CLOSED -> "Bidding on this lot has closed";
      case BID_TOO_LOW -> "The bid is below the minimum next bid";
      case ALREADY_LEADING -> "You already lead with this maximum or a higher one";
      case BUY_NOW_UNAVAILABLE -> "Buy now is not offered on this lot any more";
      case SAVED_CARD_REQUIRED ->
          "This show requires a saved card to bid or buy; save one in your payment settings first";
    };
  }
}
