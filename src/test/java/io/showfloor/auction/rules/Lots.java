package io.showfloor.auction.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Lots, people and times shared by the rule tests. */
final class Lots {

  static final long SELLER = 1;
  static final long HOST = 2;
  static final long ALICE = 11;
  static final long BOB = 12;
  static final long CAROL = 13;

  /** When every test lot opens. */
  static final Instant OPENED_AT = Instant.parse("2030-01-01T20:00:00Z");

  static final Duration BIDDING_TIME = Duration.ofSeconds(60);

  /** The deadline of a lot opened by {@link #open}, before any extension. */
  static final Instant DEADLINE = OPENED_AT.plus(BIDDING_TIME);

  private Lots() {}

  static LotState queued(long startingPriceCents) {
    return LotState.queued(SELLER, HOST, startingPriceCents, AuctionMode.STANDARD);
  }

  /** A lot opened at {@link #OPENED_AT} for a minute, with no pre-bids. */
  static LotState open(LotState queued) {
    return ProxyBidding.open(queued, OPENED_AT, BIDDING_TIME, List.of()).lot();
  }

  static LotState open(long startingPriceCents) {
    return open(queued(startingPriceCents));
  }

  /** {@code seconds} after opening. */
  static Instant at(long seconds) {
    return OPENED_AT.plusSeconds(seconds);
  }

  /** Places bids one after another, a second apart, and requires each to be accepted. */
  static LotState afterBids(LotState lot, Bid... bids) {
    long second = 1;
    for (Bid bid : bids) {
      BidOutcome outcome = ProxyBidding.placeBid(lot, bid, at(second++));
      if (!outcome.accepted()) {
        throw new AssertionError(bid + " was refused: " + outcome.refusal().get());
      }
      lot = outcome.lot();
    }
    return lot;
  }
}
