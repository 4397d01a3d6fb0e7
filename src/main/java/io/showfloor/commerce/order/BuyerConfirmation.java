package io.showfloor.commerce.order;

import org.jspecify.annotations.Nullable;

/** How a buyer's "I received it" ended: the order as delivered, or why it was refused. */
public sealed interface BuyerConfirmation {
  record Confirmed(Order order) implements BuyerConfirmation {}

  /**
   * {@code orderStatus} is the order's status when refused (null when there is no such order for
   * the caller).
   */
  record Refused(Reason reason, @Nullable String orderStatus) implements BuyerConfirmation {}

  enum Reason {
    /** No such order, or the caller is neither its buyer, nor its seller, nor an admin. */
    NOT_FOUND,
    /**
     * The seller (or an admin) tried: only the buyer confirms, so nobody can release the seller's
     * money early.
     */
    NOT_THE_BUYER,
    /** The order has not shipped, or it was refunded or cancelled. */
    NOT_SHIPPED,
    /** Delivery was confirmed already (by the buyer or automatically). */
    ALREADY_DELIVERED
  }
}
