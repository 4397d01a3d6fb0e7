package io.showfloor.market.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to {@link OrderBook#amend(long, long, long)}.
 *
 * @param order the order's state after the command (unchanged when refused); null only for {@link
 *     Outcome#UNKNOWN_ORDER}
 * @param fills trades the amended order made at once (a new price that crosses the book)
 * @param touched the final state of every resting order those trades changed
 */
public record AmendResult(
    Outcome outcome, @Nullable OrderState order, List<Fill> fills, List<OrderState> touched) {

  public enum Outcome {
    /** Only the quantity went down: the order kept its place in the queue. */
    REDUCED,
    /**
     * A new price or a larger quantity: the order went to the back of its (new) level, matching
     * first if its new price crosses the book.
     */
    REQUEUED,
    /** The same price and quantity as now, so nothing changed (a retry is harmless). */
    UNCHANGED,
    /** No open order with that id: never seen, or already filled, cancelled or expired. */
    UNKNOWN_ORDER,
    /** The new quantity does not exceed what already filled; cancel the rest instead. */
    NOT_ABOVE_FILLED
  }

  public AmendResult {
    fills = List.copyOf(fills);
    touched = List.copyOf(touched);
  }

  static AmendResult of(Outcome outcome, @Nullable OrderState order) {
    return new AmendResult(outcome, order, List.of(), List.of());
  }
}
