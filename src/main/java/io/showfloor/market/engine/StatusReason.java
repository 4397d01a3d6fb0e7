package io.showfloor.market.engine;

/** Why an order reached its status, so the service can tell the user more than "cancelled". */
public enum StatusReason {
  /** Nothing to explain: the order is open or filled. */
  NONE,
  /** {@link OrderBook#cancel(long)} was called for it. */
  CANCELLED_ON_REQUEST,
  /** The same owner's incoming order reached it; the resting order gives way. */
  SELF_TRADE_PREVENTION,
  /** An IOC or market order found no more liquidity within its limit; the rest is cancelled. */
  UNFILLED_REMAINDER,
  /** A fill-or-kill order could not fill completely, so nothing happened. */
  FILL_OR_KILL_UNFILLABLE,
  /** A market buy stopped filling before it would exceed its maximum notional. */
  NOTIONAL_CAP_REACHED,
  /** A market order collected during an auction was not (fully) executed at the uncross. */
  UNFILLED_AT_UNCROSS,
  /** A DAY order reached the end of the trading day. */
  DAY_ENDED,
  /** A good-till-date order reached its expiry time. */
  EXPIRY_REACHED,
  /**
   * The other leg of its one-cancels-other pair filled, fired or ended first (a bracket's stop and
   * target are such a pair).
   */
  ONE_CANCELS_OTHER,
  /**
   * IOC and FOK mean "now", which a collecting auction cannot offer; a capped market buy's cash
   * limit cannot be honoured before the clearing price is known (use a limit order).
   */
  NOT_ALLOWED_IN_AUCTION
}
