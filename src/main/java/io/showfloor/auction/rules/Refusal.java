package io.showfloor.auction.rules;

import java.util.Locale;

/**
 * Why a bid or a buy-now was refused; {@link #code()} is the stable machine code of docs/API.md.
 */
public enum Refusal {
  /** The amount is not positive, or the maximum is below the amount. */
  INVALID_AMOUNT,
  /** The lot is queued or cancelled. */
  LOT_NOT_OPEN,
  /** The lot is sold or unsold, or its deadline has passed. */
  LOT_CLOSED,
  /** The bidder is the lot's seller or the show's host. */
  OWN_LOT,
  /** The amount is below the minimum next bid. */
  BID_TOO_LOW,
  /** The leader bid again without raising their standing maximum. */
  ALREADY_LEADING,
  /** The lot has no buy-now price, or someone has already bid. */
  BUY_NOW_UNAVAILABLE,
  /**
   * The show requires a saved card to bid and the bidder has none; decided by the service, not
   * these rules.
   */
  SAVED_CARD_REQUIRED;

  /** e.g. {@code "bid_too_low"}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The refusal with that {@link #code()}; throws for a code that is not one. */
  public static Refusal fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /**
   * Whether no later state of an open lot could lift this refusal: the price never falls, and
   * sellers stay sellers, so such a bid may be refused before it waits for the lot's lock.
   */
  public boolean forGood() {
    return this == BID_TOO_LOW || this == OWN_LOT || this == INVALID_AMOUNT;
  }
}
