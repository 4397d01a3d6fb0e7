package io.showfloor.market.engine;

/**
 * An order's state after a command: what the service persists for every order the command touched.
 *
 * @param priceCents the limit price; 0 for a market order
 * @param quantity the order's total quantity (after any reduction), filled part included
 * @param sequence the book's time priority: lower goes first within a price level
 * @param waiting true while the order waits for its trigger off the book
 * @param stopPriceCents the trigger's price (a trailing stop's current one); 0 without a trigger
 */
public record OrderState(
    long orderId,
    long ownerId,
    Side side,
    OrderType type,
    long priceCents,
    long quantity,
    long filledQuantity,
    TimeInForce timeInForce,
    long sequence,
    OrderStatus status,
    StatusReason reason,
    boolean waiting,
    long stopPriceCents) {

  /** Shares still waiting in the book; 0 once the order has ended. */
  public long openQuantity() {
    return status.isOpen() ? quantity - filledQuantity : 0;
  }
}
