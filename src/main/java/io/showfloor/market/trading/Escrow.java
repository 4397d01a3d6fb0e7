package io.showfloor.market.trading;

import io.showfloor.market.FeePayer;
import io.showfloor.market.engine.TradeFee;

/**
 * How much cash a buy order keeps locked and what fee a fill charges. Pure arithmetic.
 *
 * <p>Fee rounding: an order is charged {@code TradeFee.ofValue(v)} over its whole traded value
 * {@code v}, rounded once; each fill charges the increase of that amount. So the fees of an order's
 * fills add up exactly to its fee on the total, however it was split into fills, and a buy order's
 * most possible fee is the fee on {@code limit x quantity} (the fee only grows with the value).
 *
 * <p>What a buy locks: when the seller pays the fee (the default) exactly {@code price x open
 * quantity}; when the buyer pays, that plus the most fee the open quantity can still be charged.
 * After each fill the lock is brought down to what the rest of the order still needs, so an order
 * filled below its limit gets the difference back at once.
 */
public final class Escrow {
  private Escrow() {}

  /**
   * The fee an order pays on a fill worth {@code fillValueCents}, having traded {@code
   * tradedBeforeCents} so far.
   */
  public static long feeOnFill(long tradedBeforeCents, long fillValueCents, int feeBps) {
    return TradeFee.ofValue(tradedBeforeCents + fillValueCents, feeBps)
        - TradeFee.ofValue(tradedBeforeCents, feeBps);
  }

  /**
   * Cash a buy order must keep locked: its open shares at {@code escrowPriceCents} (its limit, or
   * the band top for a market buy waiting for an auction) plus, when the buyer pays the fee, the
   * most fee those shares can still be charged.
   */
  public static long requiredLock(
      long escrowPriceCents, long openQuantity, long tradedValueCents, int feeBps, FeePayer payer) {
    long value = Math.multiplyExact(escrowPriceCents, openQuantity);
    return value + maxFeeOn(value, tradedValueCents, feeBps, payer);
  }

  /**
   * The most fee a buyer can still be charged on {@code valueCents} more trading (0 when the seller
   * pays).
   */
  public static long maxFeeOn(long valueCents, long tradedValueCents, int feeBps, FeePayer payer) {
    return payer == FeePayer.BUYER ? feeOnFill(tradedValueCents, valueCents, feeBps) : 0;
  }
}
