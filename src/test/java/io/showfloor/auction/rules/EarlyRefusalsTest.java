package io.showfloor.auction.rules;

import static io.showfloor.auction.rules.Lots.ALICE;
import static io.showfloor.auction.rules.Lots.BOB;
import static io.showfloor.auction.rules.Lots.HOST;
import static io.showfloor.auction.rules.Lots.SELLER;
import static io.showfloor.auction.rules.Lots.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Refusals decided before a bid waits for the lot's lock")
class EarlyRefusalsTest {

  @Test
  @DisplayName(
      "a pre-bid is refused for a nonsense amount, the lot's own seller or host, and a maximum below the starting price")
  void preBidRefusals() {
    LotState queued = Lots.queued(1_000);
    assertEquals(
        Optional.of(Refusal.INVALID_AMOUNT),
        ProxyBidding.refusalOfPreBid(queued, Bid.upTo(ALICE, 2_000, 1_500)));
    assertEquals(
        Optional.of(Refusal.INVALID_AMOUNT),
        ProxyBidding.refusalOfPreBid(queued, Bid.of(ALICE, 0)));
    assertEquals(
        Optional.of(Refusal.OWN_LOT), ProxyBidding.refusalOfPreBid(queued, Bid.of(SELLER, 1_000)));
    assertEquals(
        Optional.of(Refusal.OWN_LOT), ProxyBidding.refusalOfPreBid(queued, Bid.of(HOST, 1_000)));
    assertEquals(
        Optional.of(Refusal.BID_TOO_LOW), ProxyBidding.refusalOfPreBid(queued, Bid.of(ALICE, 999)));
    assertEquals(
        Optional.empty(),
        ProxyBidding.refusalOfPreBid(queued, Bid.upTo(ALICE, 500, 1_000)),
        "only the maximum has to reach the starting price");
  }

  @Test
  @DisplayName("on an open lot only refusals no later state could lift are decided early")
  void forGoodOnly() {
    LotState open = Lots.open(1_000);
    assertEquals(
        Optional.of(Refusal.BID_TOO_LOW),
        ProxyBidding.refusalForGood(open, Bid.of(ALICE, 999), at(1)));
    assertEquals(
        Optional.of(Refusal.OWN_LOT),
        ProxyBidding.refusalForGood(open, Bid.of(SELLER, 1_000), at(1)));
    assertEquals(
        Optional.of(Refusal.INVALID_AMOUNT),
        ProxyBidding.refusalForGood(open, Bid.upTo(ALICE, 2_000, 1), at(1)));
    assertEquals(Optional.empty(), ProxyBidding.refusalForGood(open, Bid.of(ALICE, 1_000), at(1)));
    LotState led = Lots.afterBids(open, Bid.upTo(ALICE, 1_000, 2_000));
    Bid again = Bid.upTo(ALICE, 1_100, 1_500);
    assertEquals(
        Optional.of(Refusal.ALREADY_LEADING), ProxyBidding.placeBid(led, again, at(5)).refusal());
    assertEquals(
        Optional.empty(),
        ProxyBidding.refusalForGood(led, again, at(5)),
        "already_leading may change once someone outbids the leader, so it waits for the lock");
    assertEquals(
        Optional.empty(),
        ProxyBidding.refusalForGood(Lots.queued(1_000), Bid.of(BOB, 1), at(1)),
        "a queued lot's bids are decided as pre-bids, inside the transaction");
  }

  @Test
  @DisplayName("a stored refusal code reads back as the same refusal")
  void codesRoundTrip() {
    for (Refusal refusal : Refusal.values()) {
      assertEquals(refusal, Refusal.fromCode(refusal.code()));
    }
    assertThrows(IllegalArgumentException.class, () -> Refusal.fromCode("accepted"));
  }
}
