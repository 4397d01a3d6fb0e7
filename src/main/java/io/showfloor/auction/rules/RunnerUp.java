package io.showfloor.auction.rules;

import java.util.List;
import java.util.Optional;

/**
 * Who is offered a lot whose winner did not pay, and at what price.
 *
 * <p>The runner-up is the bidder, other than the winner, with the highest maximum among their
 * accepted bids (pre-bids count once they were resolved without refusal); between equal maximums
 * the one placed first, as in proxy bidding. They are offered the lot at that maximum — the most
 * they agreed to pay — capped at the hammer price, since they should never pay more than the winner
 * would have.
 */
public final class RunnerUp {
  /**
   * One bidder's highest accepted maximum; {@code firstBidId} orders equal maximums (lower placed
   * first).
   */
  public record Standing(long bidderId, long maxCents, long firstBidId) {}

  /** The chosen runner-up and the price they are offered. */
  public record Offer(long bidderId, long priceCents) {}

  private RunnerUp() {}

  public static Optional<Offer> choose(
      List<Standing> standings, long winnerId, long hammerPriceCents) {
    Standing best = null;
    for (Standing s : standings) {
      if (s.bidderId() == winnerId || s.maxCents() <= 0) {
        continue;
      }
      if (best == null
          || s.maxCents() > best.maxCents()
          || (s.maxCents() == best.maxCents() && s.firstBidId() < best.firstBidId())) {
        best = s;
      }
    }
    return best == null
        ? Optional.empty()
        : Optional.of(new Offer(best.bidderId(), Math.min(best.maxCents(), hammerPriceCents)));
  }
}
