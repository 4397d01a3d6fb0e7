package io.showfloor.commerce.order;

import org.jspecify.annotations.Nullable;

/**
 * An order another domain creates inside its own transaction at a price it decided: a won lot (the
 * hammer price) or a flash-sale buy. The units are taken from stock at once and the order waits for
 * payment until {@code paymentWindowSeconds} (null: the configured window for the source). {@code
 * creatorId} and {@code commissionBps} (0..5000) are set when the sale happened in a creator's show
 * under a partnership; {@code sourceRef} names the cause ({@code lot:12}).
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
    Integer commissionBps,
    @Nullable Long paymentWindowSeconds) {
  public LockedOrder {
    if (!"lot".equals(source) && !"flash_sale".equals(source)) {
      throw new IllegalArgumentException("source is lot or flash_sale");
    }
    if (quantity < 1 || unitPriceCents < 1) {
      throw new IllegalArgumentException("quantity and price must be positive");
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
}
