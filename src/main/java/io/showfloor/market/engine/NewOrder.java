package io.showfloor.market.engine;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An order as the caller hands it to {@link OrderBook#submit(NewOrder)}. The caller assigns the id
 * (the database id); the book assigns the time-priority sequence.
 *
 * @param priceCents the limit price; always 0 for a market order
 * @param quantity shares, at least 1
 * @param maxNotionalCents only for a market buy: the most cash it may spend (slippage cap), or
 *     {@link #NO_NOTIONAL_CAP}
 * @param trigger null for an order that is live at once; otherwise it waits off the book until its
 *     trigger fires ({@link OrderBook} "Waiting orders")
 */
public record NewOrder(
    long orderId,
    long ownerId,
    Side side,
    OrderType type,
    long priceCents,
    long quantity,
    TimeInForce timeInForce,
    long maxNotionalCents,
    @Nullable Trigger trigger) {

  public static final long NO_NOTIONAL_CAP = Long.MAX_VALUE;

  /** An order that is live at once (no trigger). */
  public NewOrder(
      long orderId,
      long ownerId,
      Side side,
      OrderType type,
      long priceCents,
      long quantity,
      TimeInForce timeInForce,
      long maxNotionalCents) {
    this(orderId, ownerId, side, type, priceCents, quantity, timeInForce, maxNotionalCents, null);
  }

  public NewOrder {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timeInForce, "timeInForce");
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
    if (type == OrderType.LIMIT) {
      if (priceCents <= 0) {
        throw new IllegalArgumentException("a limit order needs a positive price: " + priceCents);
      }
      // every fill value (price x quantity) must fit in a long, so the order's notional must
      multiplyWithinLong(priceCents, quantity);
    } else if (priceCents != 0) {
      throw new IllegalArgumentException("a market order has no price: " + priceCents);
    }
    if (maxNotionalCents != NO_NOTIONAL_CAP) {
      if (type != OrderType.MARKET || side != Side.BUY) {
        throw new IllegalArgumentException("only a market buy carries a maximum notional");
      }
      if (maxNotionalCents <= 0) {
        throw new IllegalArgumentException(
            "maximum notional must be positive: " + maxNotionalCents);
      }
    }
  }

  public static NewOrder limit(
      long orderId,
      long ownerId,
      Side side,
      long priceCents,
      long quantity,
      TimeInForce timeInForce) {
    return new NewOrder(
        orderId,
        ownerId,
        side,
        OrderType.LIMIT,
        priceCents,
        quantity,
        timeInForce,
        NO_NOTIONAL_CAP);
  }

  public static NewOrder market(
      long orderId, long ownerId, Side side, long quantity, TimeInForce timeInForce) {
    return new NewOrder(
        orderId, ownerId, side, OrderType.MARKET, 0, quantity, timeInForce, NO_NOTIONAL_CAP);
  }

  /** A market buy that stops filling before it would spend more than {@code maxNotionalCents}. */
  public static NewOrder cappedMarketBuy(
      long orderId, long ownerId, long quantity, TimeInForce timeInForce, long maxNotionalCents) {
    return new NewOrder(
        orderId, ownerId, Side.BUY, OrderType.MARKET, 0, quantity, timeInForce, maxNotionalCents);
  }

  private static void multiplyWithinLong(long priceCents, long quantity) {
    try {
      Math.multiplyExact(priceCents, quantity);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("price x quantity does not fit in a long", e);
    }
  }
}
