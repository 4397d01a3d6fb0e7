package io.showfloor.auction.rules;

import static io.showfloor.auction.rules.Lots.ALICE;
import static io.showfloor.auction.rules.Lots.BIDDING_TIME;
import static io.showfloor.auction.rules.Lots.BOB;
import static io.showfloor.auction.rules.Lots.CAROL;
import static io.showfloor.auction.rules.Lots.DEADLINE;
import static io.showfloor.auction.rules.Lots.OPENED_AT;
import static io.showfloor.auction.rules.Lots.SELLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Opening a lot with pre-bids")
class PreBidsTest {

  private static final long START = 1_000;

  /** {@code minutes} before the lot opens. */
  private static Instant before(long minutes) {
    return OPENED_AT.minus(Duration.ofMinutes(minutes));
  }

  private static Opening open(LotState queued, PreBid... preBids) {
    return ProxyBidding.open(queued, OPENED_AT, BIDDING_TIME, List.of(preBids));
  }

  private static Opening open(PreBid... preBids) {
    return open(Lots.queued(START), preBids);
  }

  @Test
  @DisplayName(
      "without pre-bids the lot opens at its starting price with the deadline after the bidding time")
  void noPreBids() {
    Opening opening = open();

    assertEquals(LotStatus.OPEN, opening.lot().status());
    assertEquals(DEADLINE, opening.lot().endsAt());
    assertEquals(START, opening.lot().currentPriceCents());
    assertEquals(Optional.empty(), opening.lot().leader());
    assertEquals(List.of(), opening.preBidOutcomes());
  }

  @Test
  @DisplayName("a single pre-bid leads at the starting price, whatever its maximum")
  void singlePreBid() {
    Opening opening = open(new PreBid(ALICE, 5_000, before(10)));

    assertEquals(START, opening.lot().currentPriceCents());
    assertEquals(new Leader(ALICE, 5_000, before(10)), opening.lot().leader().orElseThrow());
    assertEquals(1, opening.lot().bidCount());
    assertTrue(opening.preBidOutcomes().get(0).leading());
  }

  @Test
  @DisplayName(
      "a lower later pre-bid leaves the earlier leading one increment above the lower maximum")
  void lowerLaterPreBid() {
    Opening opening = open(new PreBid(ALICE, 5_000, before(10)), new PreBid(BOB, 3_000, before(5)));

    assertEquals(OptionalLong.of(ALICE), opening.lot().highBidderId());
    assertEquals(3_100, opening.lot().currentPriceCents());
    assertFalse(opening.preBidOutcomes().get(1).leading());
  }

  @Test
  @DisplayName("a higher later pre-bid takes the lead one increment above the earlier maximum")
  void higherLaterPreBid() {
    Opening opening = open(new PreBid(ALICE, 3_000, before(10)), new PreBid(BOB, 5_000, before(5)));

    assertEquals(OptionalLong.of(BOB), opening.lot().highBidderId());
    assertEquals(3_100, opening.lot().currentPriceCents());
    assertEquals(OptionalLong.of(ALICE), opening.preBidOutcomes().get(1).outbidBidderId());
  }

  @Test
  @DisplayName("between equal pre-bids the earlier leads, at that maximum")
  void equalPreBids() {
    Opening opening = open(new PreBid(ALICE, 3_000, before(10)), new PreBid(BOB, 3_000, before(5)));

    assertEquals(OptionalLong.of(ALICE), opening.lot().highBidderId());
    assertEquals(3_000, opening.lot().currentPriceCents());
  }

  @Test
  @DisplayName(
      "a pre-bid whose maximum no longer reaches the minimum next bid at its turn is refused bid_too_low")
  void tooLowAtItsTurn() {
    Opening opening =
        open(
            new PreBid(ALICE, 5_000, before(10)),
            new PreBid(BOB, 3_000, before(5)),
            new PreBid(CAROL, 3_150, before(1)));

    assertEquals(Optional.of(Refusal.BID_TOO_LOW), opening.preBidOutcomes().get(2).refusal());
    assertEquals(3_100, opening.lot().currentPriceCents());
    assertEquals(2, opening.lot().bidCount());
  }

  @Test
  @DisplayName("a pre-bid below the starting price is refused bid_too_low")
  void belowStartingPrice() {
    Opening opening = open(new PreBid(ALICE, START - 1, before(10)));

    assertEquals(Optional.of(Refusal.BID_TOO_LOW), opening.preBidOutcomes().get(0).refusal());
    assertEquals(Optional.empty(), opening.lot().leader());
  }

  @Test
  @DisplayName("a pre-bid by the seller is refused own_lot")
  void seller() {
    Opening opening = open(new PreBid(SELLER, 5_000, before(10)));
    assertEquals(Optional.of(Refusal.OWN_LOT), opening.preBidOutcomes().get(0).refusal());
  }

  @Test
  @DisplayName("a bidder raising their own pre-bid raises their maximum without moving the price")
  void raisingOwnPreBid() {
    Opening opening =
        open(new PreBid(ALICE, 3_000, before(10)), new PreBid(ALICE, 6_000, before(5)));

    assertEquals(START, opening.lot().currentPriceCents());
    assertEquals(new Leader(ALICE, 6_000, before(5)), opening.lot().leader().orElseThrow());
  }

  @Test
  @DisplayName("a pre-bid that reaches the reserve opens the lot at the reserve")
  void reachesReserve() {
    Opening opening =
        open(Lots.queued(START).withReservePriceCents(5_000), new PreBid(ALICE, 8_000, before(10)));

    assertEquals(5_000, opening.lot().currentPriceCents());
    assertTrue(opening.lot().reserveMet());
  }

  @Test
  @DisplayName("pre-bids never move the deadline, even on a lot shorter than its extension")
  void noExtension() {
    Opening opening =
        ProxyBidding.open(
            Lots.queued(START),
            OPENED_AT,
            Duration.ofSeconds(5),
            List.of(new PreBid(ALICE, 3_000, before(10)), new PreBid(BOB, 5_000, before(5))));

    assertEquals(OPENED_AT.plusSeconds(5), opening.lot().endsAt());
    assertFalse(opening.preBidOutcomes().get(1).extended());
  }

  @Test
  @DisplayName("after opening, live bids continue from the resolved state")
  void liveBidsContinue() {
    LotState lot =
        open(new PreBid(ALICE, 5_000, before(10)), new PreBid(BOB, 3_000, before(5))).lot();
    BidOutcome live = ProxyBidding.placeBid(lot, Bid.of(CAROL, 3_200), Lots.at(1));

    assertEquals(OptionalLong.of(ALICE), live.lot().highBidderId());
    assertEquals(3_300, live.currentPriceCents());
  }

  @Test
  @DisplayName("pre-bids out of time order, or placed after opening, are a programming error")
  void order() {
    assertThrows(
        IllegalArgumentException.class,
        () -> open(new PreBid(ALICE, 5_000, before(5)), new PreBid(BOB, 3_000, before(10))));
    assertThrows(
        IllegalArgumentException.class,
        () -> open(new PreBid(ALICE, 5_000, OPENED_AT.plusSeconds(1))));
  }

  @Test
  @DisplayName("only a queued lot opens")
  void onlyQueued() {
    assertThrows(
        IllegalStateException.class,
        () -> ProxyBidding.open(Lots.open(START), OPENED_AT, BIDDING_TIME, List.of()));
  }
}
