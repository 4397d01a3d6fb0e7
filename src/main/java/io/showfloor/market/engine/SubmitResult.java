package io.showfloor.market.engine;

import java.util.List;

/**
 * What one {@link OrderBook#submit(NewOrder)} changed: exactly what the caller must persist.
 *
 * @param order the incoming order's state after the command
 * @param fills trades in execution order
 * @param touched the final state of every resting order the command changed (filled, partly filled,
 *     or cancelled by self-trade prevention), in the order they were reached
 */
public record SubmitResult(OrderState order, List<Fill> fills, List<OrderState> touched) {

  public SubmitResult {
    fills = List.copyOf(fills);
    touched = List.copyOf(touched);
  }
}
