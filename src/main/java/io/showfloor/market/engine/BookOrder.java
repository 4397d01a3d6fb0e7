package io.showfloor.market.engine;

import org.jspecify.annotations.Nullable;

/**
 * The book's own mutable record of an order, doubling as a node of its price level's queue (an
 * intrusive list, so a cancel unlinks in O(1) without searching or allocating).
 */
final class BookOrder {
  final long id;
  final long ownerId;
  final Side side;
  final OrderType type;
  final long priceCents;
  final TimeInForce timeInForce;
  final long sequence;

  /** Non-null while the order waits for its trigger, off the book; a trailing stop's moves. */
  @Nullable Trigger trigger;

  /**
   * The other leg of a one-cancels-other pair while both are open, else 0: the first of the two to
   * fill or fire cancels the other ({@link OrderBook#submitLinked}).
   */
  long linkedId;

  /** A market buy's cash cap, kept for when a waiting one goes live. */
  final long maxNotionalCents;

  long quantity;
  long filled;
  OrderStatus status = OrderStatus.ACTIVE;
  StatusReason reason = StatusReason.NONE;

  /** Null once the order has left the book. */
  @Nullable PriceLevel level;

  @Nullable BookOrder prev;
  @Nullable BookOrder next;

  /** The last command that reported this order, so a command reports each order once. */
  long reportedIn;

  BookOrder(NewOrder order, long sequence, long filled) {
    this.id = order.orderId();
    this.ownerId = order.ownerId();
    this.side = order.side();
    this.type = order.type();
    this.priceCents = order.priceCents();
    this.timeInForce = order.timeInForce();
    this.trigger = order.trigger();
    this.maxNotionalCents = order.maxNotionalCents();
    this.quantity = order.quantity();
    this.sequence = sequence;
    this.filled = filled;
  }

  long open() {
    return quantity - filled;
  }

  boolean isBuy() {
    return side == Side.BUY;
  }

  /** Whether this order accepts a trade at {@code price}: always for a market order. */
  boolean accepts(long price) {
    if (type == OrderType.MARKET) {
      return true;
    }
    return isBuy() ? price <= priceCents : price >= priceCents;
  }

  void fill(long shares) {
    filled += shares;
    status = filled == quantity ? OrderStatus.FILLED : OrderStatus.PARTIAL;
  }

  void end(OrderStatus status, StatusReason reason) {
    this.status = status;
    this.reason = reason;
  }

  OrderState state() {
    return new OrderState(
        id,
        ownerId,
        side,
        type,
        priceCents,
        quantity,
        filled,
        timeInForce,
        sequence,
        status,
        reason,
        trigger != null && status.isOpen(),
        trigger == null ? 0 : trigger.priceCents());
  }
}
