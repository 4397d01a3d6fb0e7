package io.showfloor.market.engine;

import java.util.Objects;

/**
 * What makes a waiting order go live: the last trade price reaching {@code priceCents}. A stop
 * fires when the price moves against the position it protects (a sell stop when the price falls to
 * it, a buy stop when it rises to it); a take-profit when the price moves in its favour (a sell
 * when the price rises to it, a buy when it falls to it).
 *
 * <p>A trailing stop is a stop whose price follows the best trade price since it was placed, at a
 * distance of {@code trailCents} or of {@code trailBps} of that price (exactly one is positive): a
 * sell's stop sits below the highest price and only moves up, a buy's above the lowest and only
 * moves down ({@link #follow}). {@code priceCents} is its current stop, so the stop alone is enough
 * to carry on after a rebuild: a later trade moves it only if it would move it further.
 */
public record Trigger(Kind kind, long priceCents, long trailCents, int trailBps) {

  public enum Kind {
    STOP,
    TAKE_PROFIT,
    TRAILING_STOP
  }

  public static final int MAX_TRAIL_BPS = 9_999;

  /** A stop or take-profit at a fixed price. */
  public Trigger(Kind kind, long priceCents) {
    this(kind, priceCents, 0, 0);
  }

  public Trigger {
    Objects.requireNonNull(kind, "kind");
    if (priceCents <= 0) {
      throw new IllegalArgumentException("a trigger needs a positive price: " + priceCents);
    }
    if (kind == Kind.TRAILING_STOP) {
      if ((trailCents > 0) == (trailBps > 0) || trailCents < 0 || trailBps < 0) {
        throw new IllegalArgumentException(
            "a trailing stop trails by cents or by bps, positive: " + trailCents + "/" + trailBps);
      }
      if (trailBps > MAX_TRAIL_BPS) {
        throw new IllegalArgumentException("a trail of " + trailBps + " bps is 100% or more");
      }
    } else if (trailCents != 0 || trailBps != 0) {
      throw new IllegalArgumentException("only a trailing stop trails");
    }
  }

  /**
   * A trailing stop placed when the last price is {@code lastCents}: its first stop is one trail
   * away from it. Throws when a sell's trail reaches zero or below (the caller refuses that first).
   */
  public static Trigger trailing(Side side, long lastCents, long trailCents, int trailBps) {
    return new Trigger(
        Kind.TRAILING_STOP, stopFrom(side, lastCents, trailCents, trailBps), trailCents, trailBps);
  }

  /** The stop a trailing order would have if {@code priceCents} were the best price so far. */
  public static long stopFrom(Side side, long priceCents, long trailCents, int trailBps) {
    long trail = trailCents > 0 ? trailCents : Math.max(1, priceCents * trailBps / 10_000);
    return side == Side.SELL ? priceCents - trail : priceCents + trail;
  }

  /**
   * This trigger after a trade at {@code lastCents}: a trailing stop moves toward the price when
   * the price moved in the order's favour (up for a sell, down for a buy), never back; every other
   * trigger stays where it is.
   */
  public Trigger follow(Side side, long lastCents) {
    if (kind != Kind.TRAILING_STOP) {
      return this;
    }
    long stop = stopFrom(side, lastCents, trailCents, trailBps);
    boolean better = side == Side.SELL ? stop > priceCents : stop < priceCents;
    return better ? new Trigger(kind, stop, trailCents, trailBps) : this;
  }

  /**
   * Whether an order on {@code side} with this trigger goes live at a trade at {@code lastCents}.
   */
  public boolean fires(Side side, long lastCents) {
    boolean risesToIt = lastCents >= priceCents;
    boolean fallsToIt = lastCents <= priceCents;
    if (kind != Kind.TAKE_PROFIT) {
      return side == Side.BUY ? risesToIt : fallsToIt;
    }
    return side == Side.BUY ? fallsToIt : risesToIt;
  }
}
