package io.showfloor.commerce.order;

import org.jspecify.annotations.Nullable;

/**
 * An order another domain creates inside its own transaction at a price it decided: a won lot (the
 * hammer price), a flash-sale buy, or a giveaway prize whose winner pays only its shipping (priced
 * $0, the product's shipping on top). The units are taken from stock at once and the order waits
 * for payment until {@code paymentWindowSeconds} (null: the configured window for the source).
 * {@code creatorId} and {@code commissionBps} (0..5000) are set when the sale happened in a
 * creator's show under a partnership; {@code sourceRef} names the cause ({@code lot:12}).
 */
public record LockedOrder(
    String source,
    String sourceRef,
    long buyerId,
    long sellerId,
    long productId,
    int quantity,
    long unitPriceCents,
    Long showId,
    @Nullable Long creatorId,
    @Nullable Integer commissionBps,
    @Nullable Long paymentWindowSeconds) {
  public LockedOrder {
    if (!"lot".equals(source) && !"flash_sale".equals(source) && !"giveaway".equals(source)) {
      throw new IllegalArgumentException("source is lot, flash_sale or giveaway");
    }
    if (quantity < 1 || ("giveaway".equals(source) ? unitPriceCents != 0 : unitPriceCents < 1)) {
      throw new IllegalArgumentException(
          "quantity must be positive, and the price too (a giveaway prize: zero)");
    }
    if ((creatorId == null) != (commissionBps == null)
        || (commissionBps != null && (commissionBps < 0 || commissionBps > 5000))) {
      throw new IllegalArgumentException(
          "a creator comes with a commission rate of 0 to 5000 bps, and only then");
    }
  }

  /** A won lot: one unit at the hammer price. */
  public static LockedOrder lot(
      long lotId,
      long buyerId,
      long sellerId,
      long productId,
      long hammerPriceCents,
      Long showId,
      Long creatorId,
      Integer commissionBps) {
    return new LockedOrder(
        "lot",
        "lot:" + lotId,
        buyerId,
        sellerId,
        productId,
        1,
        hammerPriceCents,
        showId,
        creatorId,
        commissionBps,
        null);
  }

  /**
   * A giveaway prize whose winner pays its shipping: one unit at $0, payable within the lot window.
   */
  public static LockedOrder prizeWithShipping(
      long giveawayId, long buyerId, long sellerId, long productId, Long showId) {
    return new LockedOrder(
        "giveaway",
        "giveaway:" + giveawayId,
        buyerId,
        sellerId,
        productId,
        1,
        0,
        showId,
        null,
        null,
        null);
  }
}
