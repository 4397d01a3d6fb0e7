package io.showfloor.market.engine;

import org.jspecify.annotations.Nullable;

/**
 * The answer to {@link OrderBook#reduce(long, long)}.
 *
 * @param order the order's state after the command (unchanged when refused); null only for {@link
 *     Outcome#UNKNOWN_ORDER}
 */
public record ReduceResult(Outcome outcome, @Nullable OrderState order) {

  public enum Outcome {
    /** The quantity went down; the order kept its place in the queue. */
    REDUCED,
    /** The new quantity equals the current one, so nothing changed (a retry is harmless). */
    UNCHANGED,
    /** No open order with that id: never seen, or already filled, cancelled or expired. */
    UNKNOWN_ORDER,
    /** A larger quantity would jump the queue; cancel and submit a new order instead. */
    INCREASE_REFUSED,
    /** The new quantity does not exceed what already filled; cancel the rest instead. */
    NOT_ABOVE_FILLED
  }

  public boolean changed() {
    return outcome == Outcome.REDUCED;
  }
}
