package io.showfloor.auction.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * What a buy-now did. When accepted, {@code lot} is sold to the buyer at the buy-now price and its
 * deadline is the moment of purchase.
 *
 * @param refusal why the buy-now was refused; empty when it was accepted
 * @param lot the lot afterwards; the same state when refused
 */
public record BuyNowOutcome(Optional<Refusal> refusal, LotState lot) {

  public BuyNowOutcome {
    Objects.requireNonNull(refusal, "refusal");
    Objects.requireNonNull(lot, "lot");
  }

  public boolean accepted() {
    return refusal.isEmpty();
  }
}
