package io.showfloor.auction.rules;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Everything the bidding rules need to know about one lot. Immutable: the rules return a new state,
 * which the auction service writes back in the same transaction.
 *
 * @param sellerId the seller, who may not bid on the lot
 * @param hostId the host of the show, who may not bid on the lot either
 * @param reservePriceCents hidden reserve, {@link #NONE} for none
 * @param buyNowPriceCents buy-now price, {@link #NONE} for none
 * @param extendSeconds how far a late bid moves the deadline in {@code standard} mode
 * @param endsAt the deadline; {@code null} while the lot has not opened
 * @param currentPriceCents the price; equals the starting price until the first bid
 * @param leader the high bidder, empty until the first bid
 * @param bidCount accepted bids so far
 */
public record LotState(
    LotStatus status,
    long sellerId,
    long hostId,
    AuctionMode mode,
    long startingPriceCents,
    long reservePriceCents,
    long buyNowPriceCents,
    int extendSeconds,
    @Nullable Instant endsAt,
    long currentPriceCents,
    Optional<Leader> leader,
    int bidCount) {

  /** The value of {@code reservePriceCents} and {@code buyNowPriceCents} when there is none. */
  public static final long NONE = 0;

  public static final int DEFAULT_EXTEND_SECONDS = 10;

  public LotState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(leader, "leader");
    requireNotNegative("startingPriceCents", startingPriceCents);
    requireNotNegative("reservePriceCents", reservePriceCents);
    requireNotNegative("buyNowPriceCents", buyNowPriceCents);
    requireNotNegative("currentPriceCents", currentPriceCents);
    requireNotNegative("extendSeconds", extendSeconds);
    requireNotNegative("bidCount", bidCount);
    if (status == LotStatus.OPEN && endsAt == null) {
      throw new IllegalArgumentException("an open lot has a deadline");
    }
    // The proxy never bids above what the leader allowed; a state that does is corrupt.
    if (leader.isPresent() && currentPriceCents > leader.get().maxCents()) {
      throw new IllegalArgumentException(
          "price "
              + currentPriceCents
              + " is above the leader's maximum "
              + leader.get().maxCents());
    }
  }

  /** A lot as created: queued, at its starting price, no reserve, no buy-now, 10 s extensions. */
  public static LotState queued(
      long sellerId, long hostId, long startingPriceCents, AuctionMode mode) {
    return new LotState(
        LotStatus.QUEUED,
        sellerId,
        hostId,
        mode,
        startingPriceCents,
        NONE,
        NONE,
        DEFAULT_EXTEND_SECONDS,
        null,
        startingPriceCents,
        Optional.empty(),
        0);
  }

  public LotState withReservePriceCents(long reserve) {
    return new LotState(
        status,
        sellerId,
        hostId,
        mode,
        startingPriceCents,
        reserve,
        buyNowPriceCents,
        extendSeconds,
        endsAt,
        currentPriceCents,
        leader,
        bidCount);
  }

  public LotState withBuyNowPriceCents(long buyNow) {
    return new LotState(
        status,
        sellerId,
        hostId,
        mode,
        startingPriceCents,
        reservePriceCents,
        buyNow,
        extendSeconds,
        endsAt,
        currentPriceCents,
        leader,
        bidCount);
  }

  public LotState withExtendSeconds(int seconds) {
    return new LotState(
        status,
        sellerId,
        hostId,
        mode,
        startingPriceCents,
        reservePriceCents,
        buyNowPriceCents,
        seconds,
        endsAt,
        currentPriceCents,
        leader,
        bidCount);
  }

  public boolean hasReserve() {
    return reservePriceCents != NONE;
  }

  public boolean hasBuyNow() {
    return buyNowPriceCents != NONE;
  }

  /**
   * True when nothing stands in the way of a sale at the current price: there is no reserve, or the
   * leading maximum has reached it. False for a lot with a reserve and no bids.
   */
  public boolean reserveMet() {
    return !hasReserve() || leader.map(l -> l.maxCents() >= reservePriceCents).orElse(false);
  }

  /** The leader's id, as {@code highBidderId} in the API. */
  public OptionalLong highBidderId() {
    return leader.map(l -> OptionalLong.of(l.bidderId())).orElse(OptionalLong.empty());
  }

  boolean isLeader(long bidderId) {
    return leader.map(l -> l.bidderId() == bidderId).orElse(false);
  }

  LotState opened(Instant deadline) {
    return moved(LotStatus.OPEN, deadline, currentPriceCents, leader, bidCount);
  }

  LotState afterAcceptedBid(long priceCents, Leader newLeader) {
    return moved(status, endsAt, priceCents, Optional.of(newLeader), bidCount + 1);
  }

  LotState withEndsAt(@Nullable Instant deadline) {
    return moved(status, deadline, currentPriceCents, leader, bidCount);
  }

  LotState boughtNow(long buyerId, Instant now) {
    return moved(
        LotStatus.SOLD,
        now,
        buyNowPriceCents,
        Optional.of(new Leader(buyerId, buyNowPriceCents, now)),
        bidCount);
  }

  /** This lot with what a step of its life changes; its terms (seller, mode, prices) stay. */
  private LotState moved(
      LotStatus newStatus,
      @Nullable Instant newEndsAt,
      long priceCents,
      Optional<Leader> newLeader,
      int newBidCount) {
    return new LotState(
        newStatus,
        sellerId,
        hostId,
        mode,
        startingPriceCents,
        reservePriceCents,
        buyNowPriceCents,
        extendSeconds,
        newEndsAt,
        priceCents,
        newLeader,
        newBidCount);
  }

  private static void requireNotNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " is negative: " + value);
    }
  }
}
