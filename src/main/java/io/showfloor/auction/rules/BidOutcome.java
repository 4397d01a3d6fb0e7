package io.showfloor.auction.rules;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What a bid did to a lot.
 *
 * @param refusal why the bid was refused; empty when it was accepted
 * @param leading whether the bidder leads after the bid
 * @param lot the lot after the bid; the same state when the bid was refused
 * @param extended whether the bid moved the deadline
 * @param outbidBidderId the previous leader when this bid took the lead from them (for the {@code
 *     outbid} notice); empty otherwise
 */
public record BidOutcome(
    Optional<Refusal> refusal,
    boolean leading,
    LotState lot,
    boolean extended,
    OptionalLong outbidBidderId) {

  public BidOutcome {
    Objects.requireNonNull(refusal, "refusal");
    Objects.requireNonNull(lot, "lot");
    Objects.requireNonNull(outbidBidderId, "outbidBidderId");
  }

  static BidOutcome refused(Refusal refusal, LotState unchanged) {
    return new BidOutcome(Optional.of(refusal), false, unchanged, false, OptionalLong.empty());
  }

  public boolean accepted() {
    return refusal.isEmpty();
  }

  public long currentPriceCents() {
    return lot.currentPriceCents();
  }

  public Optional<Leader> leader() {
    return lot.leader();
  }

  public @Nullable Instant endsAt() {
    return lot.endsAt();
  }

  public int bidCount() {
    return lot.bidCount();
  }

  public long minNextBidCents() {
    return ProxyBidding.minNextBidCents(lot);
  }
}
