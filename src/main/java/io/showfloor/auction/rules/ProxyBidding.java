package io.showfloor.auction.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The bidding rules of docs/API.md "Live auctions": proxy resolution, reserve, deadline extension,
 * buy-now, pre-bids and closing. Pure functions of a {@link LotState}; time is passed in and is the
 * database's clock, never a client's.
 */
public final class ProxyBidding {

  private ProxyBidding() {}

  /**
   * The lowest {@code amountCents} accepted next: the starting price, then one increment above the
   * price.
   */
  public static long minNextBidCents(LotState lot) {
    return lot.leader().isEmpty()
        ? lot.startingPriceCents()
        : BidIncrements.oneIncrementAbove(lot.currentPriceCents());
  }

  /** Applies {@code bid}, placed at {@code now}, to an open lot. */
  public static BidOutcome placeBid(LotState lot, Bid bid, Instant now) {
    BidOutcome outcome = refuseOrResolve(lot, bid, now, now);
    return outcome.accepted() ? extendIfLate(outcome, now) : outcome;
  }

  /** Sells an open lot to {@code buyerId} at its buy-now price; only before the first bid. */
  public static BuyNowOutcome buyNow(LotState lot, long buyerId, Instant now) {
    Optional<Refusal> refusal = refusalToTakePart(lot, buyerId, now);
    if (refusal.isEmpty() && (!lot.hasBuyNow() || lot.leader().isPresent())) {
      refusal = Optional.of(Refusal.BUY_NOW_UNAVAILABLE);
    }
    return refusal.isPresent()
        ? new BuyNowOutcome(refusal, lot)
        : new BuyNowOutcome(Optional.empty(), lot.boughtNow(buyerId, now));
  }

  /**
   * How an open lot ends: sold to the leader at the current price when the reserve is met,
   * otherwise unsold. Whether the deadline has passed is the caller's conditional update.
   */
  public static LotClosing close(LotState lot) {
    if (lot.status() != LotStatus.OPEN) {
      throw new IllegalStateException(
          "only an open lot closes; this one is " + lot.status().wireName());
    }
    if (lot.leader().isEmpty()) {
      return new LotClosing.Unsold(LotClosing.Reason.NO_BIDS);
    }
    if (!lot.reserveMet()) {
      return new LotClosing.Unsold(LotClosing.Reason.RESERVE_NOT_MET);
    }
    return new LotClosing.Sold(lot.leader().get().bidderId(), lot.currentPriceCents());
  }

  /**
   * Opens a queued lot at {@code openedAt} for {@code biddingTime}, then resolves its pre-bids one
   * by one in the order given (which must be the order they were placed in), by the same rules as
   * live bids at {@code openedAt}. Each pre-bid bids as little as it can: its amount is {@code
   * min(max, minNextBid)} at its turn, so a pre-bid whose maximum no longer reaches the minimum
   * next bid is refused {@code bid_too_low}. Pre-bids never move the deadline: they were placed
   * before the clock started.
   */
  public static Opening open(
      LotState queued, Instant openedAt, Duration biddingTime, List<PreBid> preBids) {
    if (queued.status() != LotStatus.QUEUED) {
      throw new IllegalStateException(
          "only a queued lot opens; this one is " + queued.status().wireName());
    }
    if (biddingTime.isNegative() || biddingTime.isZero()) {
      throw new IllegalArgumentException("bidding time must be positive: " + biddingTime);
    }
    requirePlacedInOrderBefore(openedAt, preBids);
    LotState lot = queued.opened(openedAt.plus(biddingTime));
    List<BidOutcome> outcomes = new ArrayList<>(preBids.size());
    for (PreBid preBid : preBids) {
      long amount = Math.min(preBid.maxAmountCents(), minNextBidCents(lot));
      Bid bid = Bid.upTo(preBid.bidderId(), amount, preBid.maxAmountCents());
      BidOutcome outcome = refuseOrResolve(lot, bid, openedAt, preBid.placedAt());
      outcomes.add(outcome);
      lot = outcome.lot();
    }
    return new Opening(lot, outcomes);
  }

  /**
   * Checks {@code bid} at {@code now}; if valid, resolves it with its maximum dated {@code
   * placedAt}.
   */
  private static BidOutcome refuseOrResolve(LotState lot, Bid bid, Instant now, Instant placedAt) {
    return refusalOf(lot, bid, now)
        .map(refusal -> BidOutcome.refused(refusal, lot))
        .orElseGet(() -> resolve(lot, bid, placedAt));
  }

  /**
   * Why a maximum left on a queued lot is refused, if it is: the same amount and own-lot rules as a
   * live bid, and a maximum below the starting price could never bid. Everything else waits for the
   * lot to open ({@link #open}).
   */
  public static Optional<Refusal> refusalOfPreBid(LotState queued, Bid bid) {
    if (invalidAmount(bid)) {
      return Optional.of(Refusal.INVALID_AMOUNT);
    }
    if (ownLot(queued, bid.bidderId())) {
      return Optional.of(Refusal.OWN_LOT);
    }
    if (bid.maxAmountCents() < queued.startingPriceCents()) {
      return Optional.of(Refusal.BID_TOO_LOW);
    }
    return Optional.empty();
  }

  /**
   * Why {@code bid} is refused on an open lot at {@code now} when the refusal is {@link
   * Refusal#forGood()}; empty when it may be accepted, or refused only for now, or the lot is not
   * open.
   */
  public static Optional<Refusal> refusalForGood(LotState lot, Bid bid, Instant now) {
    return lot.status() != LotStatus.OPEN
        ? Optional.empty()
        : refusalOf(lot, bid, now).filter(Refusal::forGood);
  }

  private static boolean invalidAmount(Bid bid) {
    return bid.amountCents() <= 0 || bid.maxAmountCents() < bid.amountCents();
  }

  private static boolean ownLot(LotState lot, long bidderId) {
    return bidderId == lot.sellerId() || bidderId == lot.hostId();
  }

  private static Optional<Refusal> refusalOf(LotState lot, Bid bid, Instant now) {
    if (invalidAmount(bid)) {
      return Optional.of(Refusal.INVALID_AMOUNT);
    }
    Optional<Refusal> cannotTakePart = refusalToTakePart(lot, bid.bidderId(), now);
    if (cannotTakePart.isPresent()) {
      return cannotTakePart;
    }
    if (bid.amountCents() < minNextBidCents(lot)) {
      return Optional.of(Refusal.BID_TOO_LOW);
    }
    // The leader's standing maximum is the highest they have bid, so a lower one changes nothing.
    if (lot.isLeader(bid.bidderId()) && bid.maxAmountCents() <= lot.leader().get().maxCents()) {
      return Optional.of(Refusal.ALREADY_LEADING);
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refusalToTakePart(LotState lot, long bidderId, Instant now) {
    switch (lot.status()) {
      case QUEUED, CANCELLED:
        return Optional.of(Refusal.LOT_NOT_OPEN);
      case SOLD, UNSOLD, UNPAID, OFFERED:
        return Optional.of(Refusal.LOT_CLOSED);
      default:
        break;
    }
    if (!now.isBefore(lot.endsAt())) {
      return Optional.of(Refusal.LOT_CLOSED);
    }
    if (ownLot(lot, bidderId)) {
      return Optional.of(Refusal.OWN_LOT);
    }
    return Optional.empty();
  }

  /**
   * The proxy rule for a valid bid, with L the leader's maximum, N the bid's maximum, A its amount.
   */
  private static BidOutcome resolve(LotState lot, Bid bid, Instant placedAt) {
    Leader challenger = new Leader(bid.bidderId(), bid.maxAmountCents(), placedAt);
    if (lot.leader().isEmpty()) {
      return accepted(lot, challenger, bid.amountCents(), true, OptionalLong.empty());
    }
    Leader leader = lot.leader().get();
    if (leader.bidderId() == bid.bidderId()) {
      // The leader raising their own maximum must not bid the price up against themselves.
      return accepted(lot, challenger, lot.currentPriceCents(), true, OptionalLong.empty());
    }
    if (bid.maxAmountCents() > leader.maxCents()) {
      long price =
          Math.max(
              bid.amountCents(),
              Math.min(bid.maxAmountCents(), BidIncrements.oneIncrementAbove(leader.maxCents())));
      return accepted(lot, challenger, price, true, OptionalLong.of(leader.bidderId()));
    }
    // N <= L: the earlier maximum wins ties, and the proxy answers one increment above N.
    long price = Math.min(leader.maxCents(), BidIncrements.oneIncrementAbove(bid.maxAmountCents()));
    return accepted(lot, leader, price, false, OptionalLong.empty());
  }

  private static BidOutcome accepted(
      LotState lot, Leader leaderAfter, long price, boolean leading, OptionalLong outbid) {
    LotState after = lot.afterAcceptedBid(raisedToReserve(lot, price, leaderAfter), leaderAfter);
    return new BidOutcome(Optional.empty(), leading, after, false, outbid);
  }

  /**
   * The reserve is hidden, but once the leading maximum reaches it the price is at least the
   * reserve.
   */
  private static long raisedToReserve(LotState lot, long price, Leader leader) {
    boolean reached = lot.hasReserve() && leader.maxCents() >= lot.reservePriceCents();
    return reached ? Math.max(price, lot.reservePriceCents()) : price;
  }

  /**
   * Standard mode: an accepted bid with less than extendSeconds left moves the deadline to now +
   * extendSeconds.
   */
  private static BidOutcome extendIfLate(BidOutcome resolved, Instant now) {
    LotState lot = resolved.lot();
    Instant extendedDeadline = now.plusSeconds(lot.extendSeconds());
    if (lot.mode() == AuctionMode.SUDDEN_DEATH || !extendedDeadline.isAfter(lot.endsAt())) {
      return resolved;
    }
    return new BidOutcome(
        resolved.refusal(),
        resolved.leading(),
        lot.withEndsAt(extendedDeadline),
        true,
        resolved.outbidBidderId());
  }

  private static void requirePlacedInOrderBefore(Instant openedAt, List<PreBid> preBids) {
    Instant previous = Instant.MIN;
    for (PreBid preBid : preBids) {
      if (preBid.placedAt().isBefore(previous) || preBid.placedAt().isAfter(openedAt)) {
        throw new IllegalArgumentException(
            "pre-bids must be in the order placed, before opening: " + preBids);
      }
      previous = preBid.placedAt();
    }
  }
}
