package io.showfloor.auction.rules;

import static io.showfloor.auction.rules.Lots.ALICE;
import static io.showfloor.auction.rules.Lots.BOB;
import static io.showfloor.auction.rules.Lots.CAROL;
import static io.showfloor.auction.rules.Lots.DEADLINE;
import static io.showfloor.auction.rules.Lots.HOST;
import static io.showfloor.auction.rules.Lots.SELLER;
import static io.showfloor.auction.rules.Lots.afterBids;
import static io.showfloor.auction.rules.Lots.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Proxy bidding")
class ProxyBiddingTest {

  /** A lot starting at $10.00, where the increment is $0.50. */
  private static final long START = 1_000;

  private static BidOutcome bid(LotState lot, Bid bid, Instant now) {
    return ProxyBidding.placeBid(lot, bid, now);
  }

  private static long leaderId(BidOutcome outcome) {
    return outcome.leader().orElseThrow().bidderId();
  }

  private static long leaderMax(LotState lot) {
    return lot.leader().orElseThrow().maxCents();
  }

  private static void assertRefused(Refusal expected, LotState before, BidOutcome outcome) {
    assertFalse(outcome.accepted());
    assertEquals(Optional.of(expected), outcome.refusal());
    assertFalse(outcome.leading());
    assertFalse(outcome.extended());
    assertEquals(before, outcome.lot(), "a refused bid leaves the lot exactly as it was");
  }

  @Nested
  @DisplayName("the first bid")
  class FirstBid {

    @Test
    @DisplayName("before the first bid the minimum next bid is the starting price")
    void minimumIsStartingPrice() {
      assertEquals(START, ProxyBidding.minNextBidCents(Lots.open(START)));
    }

    @Test
    @DisplayName("a first bid at the starting price leads at that price")
    void atStartingPrice() {
      BidOutcome outcome = bid(Lots.open(START), Bid.of(ALICE, START), at(1));

      assertTrue(outcome.accepted());
      assertTrue(outcome.leading());
      assertEquals(START, outcome.currentPriceCents());
      assertEquals(new Leader(ALICE, START, at(1)), outcome.leader().orElseThrow());
      assertEquals(1, outcome.bidCount());
      assertEquals(OptionalLong.empty(), outcome.outbidBidderId());
      assertEquals(START + 50, outcome.minNextBidCents());
    }

    @Test
    @DisplayName("a first bid one cent below the starting price is refused bid_too_low")
    void belowStartingPrice() {
      LotState lot = Lots.open(START);
      assertRefused(Refusal.BID_TOO_LOW, lot, bid(lot, Bid.of(ALICE, START - 1), at(1)));
    }

    @Test
    @DisplayName("a first bid above the starting price leads at its amount, not at its maximum")
    void aboveStartingPrice() {
      BidOutcome outcome = bid(Lots.open(START), Bid.upTo(ALICE, 1_200, 5_000), at(1));

      assertEquals(1_200, outcome.currentPriceCents());
      assertEquals(5_000, leaderMax(outcome.lot()));
    }
  }

  @Nested
  @DisplayName("the minimum next bid")
  class MinimumNextBid {

    @Test
    @DisplayName("after a bid it is the price plus the increment of the price")
    void pricePlusIncrement() {
      assertEquals(
          1_050, ProxyBidding.minNextBidCents(afterBids(Lots.open(START), Bid.of(ALICE, 1_000))));
      assertEquals(
          2_600, ProxyBidding.minNextBidCents(afterBids(Lots.open(START), Bid.of(ALICE, 2_500))));
      assertEquals(104, ProxyBidding.minNextBidCents(afterBids(Lots.open(50), Bid.of(ALICE, 99))));
    }

    @Test
    @DisplayName("a bid exactly at the minimum next bid is accepted")
    void exactlyAtMinimum() {
      LotState lot = afterBids(Lots.open(START), Bid.of(ALICE, START));
      BidOutcome outcome = bid(lot, Bid.of(BOB, 1_050), at(5));

      assertTrue(outcome.accepted());
      assertTrue(outcome.leading());
      assertEquals(1_050, outcome.currentPriceCents());
    }

    @Test
    @DisplayName("a bid one cent below the minimum next bid is refused bid_too_low")
    void oneCentBelowMinimum() {
      LotState lot = afterBids(Lots.open(START), Bid.of(ALICE, START));
      assertRefused(Refusal.BID_TOO_LOW, lot, bid(lot, Bid.of(BOB, 1_049), at(5)));
    }

    @Test
    @DisplayName("a high maximum does not rescue an amount below the minimum next bid")
    void maximumDoesNotRescueAmount() {
      LotState lot = afterBids(Lots.open(START), Bid.of(ALICE, START));
      assertRefused(Refusal.BID_TOO_LOW, lot, bid(lot, Bid.upTo(BOB, 1_049, 90_000), at(5)));
    }
  }

  @Nested
  @DisplayName("a challenger with a higher maximum")
  class HigherMaximum {

    @Test
    @DisplayName("takes the lead at one increment above the old maximum")
    void leadsOneIncrementAboveOldMaximum() {
      LotState lot = afterBids(Lots.open(START), Bid.upTo(ALICE, 1_000, 2_000));
      BidOutcome outcome = bid(lot, Bid.upTo(BOB, 1_050, 5_000), at(5));

      assertTrue(outcome.leading());
      assertEquals(BOB, leaderId(outcome));
      assertEquals(2_050, outcome.currentPriceCents());
      assertEquals(5_000, leaderMax(outcome.lot()));
      assertEquals(OptionalLong.of(ALICE), outcome.outbidBidderId());
      assertEquals(2, outcome.bidCount());
    }

    @Test
    @DisplayName("pays no more than their own maximum")
    void cappedAtOwnMaximum() {
      LotState lot = afterBids(Lots.open(START), Bid.upTo(ALICE, 1_000, 2_000));
      BidOutcome outcome = bid(lot, Bid.upTo(BOB, 1_050, 2_020), at(5));

      assertEquals(BOB, leaderId(outcome));
      assertEquals(2_020, outcome.currentPriceCents());
    }

    @Test
    @DisplayName("pays at least the amount they bid")
    void atLeastTheirAmount() {
      LotState lot = afterBids(Lots.open(START), Bid.of(ALICE, 1_000));
      BidOutcome outcome = bid(lot, Bid.of(BOB, 3_000), at(5));

      assertEquals(BOB, leaderId(outcome));
      assertEquals(3_000, outcome.currentPriceCents());
    }

    @Test
    @DisplayName("is priced with the increment of the old maximum's band")
    void incrementOfOldMaximum() {
      LotState lot = afterBids(Lots.open(START), Bid.upTo(ALICE, 1_000, 9_999));
      BidOutcome outcome = bid(lot, Bid.upTo(BOB, 1_050, 20_000), at(5));

      assertEquals(10_099, outcome.currentPriceCents());
    }

    @Test
    @DisplayName("an outbid bidder can come back and take the lead again")
    void outbidBidderComesBack() {
      LotState lot =
          afterBids(Lots.open(START), Bid.upTo(ALICE, 1_000, 2_000), Bid.upTo(BOB, 1_050, 3_000));
      assertEquals(2_050, lot.currentPriceCents());

      BidOutcome outcome = bid(lot, Bid.upTo(ALICE, 2_100, 4_000), at(5));

      assertEquals(ALICE, leaderId(outcome));
      assertEquals(3_100, outcome.currentPriceCents());
      assertEquals(OptionalLong.of(BOB), outcome.outbidBidderId());
    }
  }

  @Nested
  @DisplayName("a challenger with a lower or equal maximum")
  class LowerMaximum {

    @Test
    @DisplayName(
        "is accepted but not leading, and the proxy answers one increment above their maximum")
    void proxyAnswers() {
      LotState lot = afterBids(Lots.open(START), Bid.upTo(ALICE, 1_000, 5_000));
      BidOutcome outcome = bid(lot, Bid.of(BOB, 1_500), at(5));

      assertTrue(outcome.accepted());
      assertFalse(outcome.leading());
      assertEquals(ALICE, leaderId(outcome));
      assertEquals(1_550, outcome.currentPriceCents());
      assertEquals(5_000, leaderMax(outcome.lot()));
      assertEquals(OptionalLong.empty(), outcome.outbidBidderId());
      assertEquals(2, outcome.bidCount());
    }

    @Test
    @DisplayName("never pushes the price past the leader's maximum")
    void cappedAtLeaderMaximum() {
      LotState lot = afterBids(Lots.open(START), Bid.upTo(ALICE, 1_000, 1_520));
      BidOutcome outcome = bid(lot, Bid.of(BOB, 1_500), at(5));

      assertEquals(ALICE, leaderId(outcome));
      assertEquals(1_520, outcome.currentPriceCents());
    }

    @Test
    @DisplayName("the proxy answer uses the increment of the challenger's maximum")
    void incrementOfChallengerMaximum() {
      LotState lot = afterBids(Lots.open(START), Bid.upTo(ALICE, 1_000, 20_000));
      BidOutcome outcome = bid(lot, Bid.of(BOB, 9_990), at(5));

      assertEquals(10_090, outcome.currentPriceCents());
    }

    @Test
    @DisplayName("between equal maximums the earlier leads, at that maximum")
    void equalMaximumsEarlierWins() {
      LotState lot = afterBids(Lots.open(START), Bid.upTo(ALICE, 1_000, 2_000));
      BidOutcome outcome = bid(lot, Bid.upTo(BOB, 1_050, 2_000), at(5));

      assertTrue(outcome.accepted());
      assertFalse(outcome.leading());
      assertEquals(ALICE, leaderId(outcome));
      assertEquals(2_000, outcome.currentPriceCents());
    }

    @Test
    @DisplayName("an equal maximum sent as a plain amount also loses to the earlier one")
    void equalPlainAmount() {
      LotState lot = afterBids(Lots.open(START), Bid.upTo(ALICE, 1_000, 2_000));
      BidOutcome outcome = bid(lot, Bid.of(BOB, 2_000), at(5));

      assertEquals(ALICE, leaderId(outcome));
      assertEquals(2_000, outcome.currentPriceCents());
    }
  }

  @Nested
  @DisplayName("the leader bidding again")
  class LeaderBidsAgain {

    @Test
    @DisplayName("raising their own maximum does not move the price")
    void raiseDoesNotMovePrice() {
      LotState lot = afterBids(Lots.open(START), Bid.of(ALICE, 1_000));
      BidOutcome outcome = bid(lot, Bid.upTo(ALICE, 1_050, 5_000), at(5));

      assertTrue(outcome.accepted());
      assertTrue(outcome.leading());
      assertEquals(1_000, outcome.currentPriceCents());
      assertEquals(new Leader(ALICE, 5_000, at(5)), outcome.leader().orElseThrow());
      assertEquals(OptionalLong.empty(), outcome.outbidBidderId());
      assertEquals(2, outcome.bidCount());
    }

    @Test
    @DisplayName("a challenger then meets the raised maximum")
    void challengerMeetsRaisedMaximum() {
      LotState lot =
          afterBids(Lots.open(START), Bid.of(ALICE, 1_000), Bid.upTo(ALICE, 1_050, 5_000));
      BidOutcome outcome = bid(lot, Bid.of(BOB, 3_000), at(5));

      assertEquals(ALICE, leaderId(outcome));
      assertEquals(3_100, outcome.currentPriceCents());
    }

    @Test
    @DisplayName("a bid that does not raise the leader's maximum is refused already_leading")
    void notRaisingIsRefused() {
      LotState lot = afterBids(Lots.open(START), Bid.upTo(ALICE, 1_000, 5_000));

      assertRefused(Refusal.ALREADY_LEADING, lot, bid(lot, Bid.of(ALICE, 1_050), at(5)));
      assertRefused(Refusal.ALREADY_LEADING, lot, bid(lot, Bid.upTo(ALICE, 1_050, 5_000), at(5)));
    }

    @Test
    @DisplayName("a raise must still be at least the minimum next bid")
    void raiseMustMeetMinimum() {
      LotState lot = afterBids(Lots.open(START), Bid.of(ALICE, 1_000));
      assertRefused(Refusal.BID_TOO_LOW, lot, bid(lot, Bid.upTo(ALICE, 1_000, 5_000), at(5)));
    }
  }

  @Nested
  @DisplayName("a hidden reserve of $50.00")
  class Reserve {

    private final LotState lot = Lots.open(Lots.queued(START).withReservePriceCents(5_000));

    @Test
    @DisplayName("is not met by a lot without bids")
    void notMetWithoutBids() {
      assertFalse(lot.reserveMet());
    }

    @Test
    @DisplayName("a maximum below the reserve leaves the price where the proxy puts it")
    void maximumBelowReserve() {
      BidOutcome outcome = bid(lot, Bid.upTo(ALICE, 1_000, 4_999), at(1));

      assertEquals(1_000, outcome.currentPriceCents());
      assertFalse(outcome.lot().reserveMet());
    }

    @Test
    @DisplayName("a first maximum above the reserve lifts the price to the reserve")
    void firstMaximumAboveReserve() {
      BidOutcome outcome = bid(lot, Bid.upTo(ALICE, 1_000, 6_000), at(1));

      assertEquals(5_000, outcome.currentPriceCents());
      assertTrue(outcome.lot().reserveMet());
    }

    @Test
    @DisplayName("a maximum exactly at the reserve meets it")
    void maximumExactlyAtReserve() {
      BidOutcome outcome = bid(lot, Bid.upTo(ALICE, 1_000, 5_000), at(1));

      assertEquals(5_000, outcome.currentPriceCents());
      assertTrue(outcome.lot().reserveMet());
    }

    @Test
    @DisplayName("the leader raising their maximum to the reserve lifts the price to the reserve")
    void leaderRaiseReachesReserve() {
      LotState before = afterBids(lot, Bid.upTo(ALICE, 1_000, 3_000));
      BidOutcome outcome = bid(before, Bid.upTo(ALICE, 1_050, 8_000), at(5));

      assertTrue(outcome.leading());
      assertEquals(5_000, outcome.currentPriceCents());
      assertTrue(outcome.lot().reserveMet());
    }

    @Test
    @DisplayName("the leader raising their maximum short of the reserve does not move the price")
    void leaderRaiseShortOfReserve() {
      LotState before = afterBids(lot, Bid.of(ALICE, 1_000));
      BidOutcome outcome = bid(before, Bid.upTo(ALICE, 1_050, 4_999), at(5));

      assertEquals(1_000, outcome.currentPriceCents());
      assertFalse(outcome.lot().reserveMet());
    }

    @Test
    @DisplayName("a later bidder's maximum meets the reserve through the proxy")
    void metByLaterProxy() {
      LotState before = afterBids(lot, Bid.upTo(ALICE, 1_000, 3_000));
      BidOutcome outcome = bid(before, Bid.upTo(BOB, 1_050, 7_000), at(5));

      assertEquals(BOB, leaderId(outcome));
      assertEquals(5_000, outcome.currentPriceCents());
      assertTrue(outcome.lot().reserveMet());
    }

    @Test
    @DisplayName("a losing challenger below the reserve does not lift the price to it")
    void losingChallengerBelowReserve() {
      LotState before = afterBids(lot, Bid.upTo(ALICE, 1_000, 3_000));
      BidOutcome outcome = bid(before, Bid.of(BOB, 2_000), at(5));

      assertEquals(2_050, outcome.currentPriceCents());
      assertFalse(outcome.lot().reserveMet());
    }

    @Test
    @DisplayName("above the reserve the proxy rules apply as usual")
    void aboveReserve() {
      LotState before = afterBids(lot, Bid.upTo(ALICE, 1_000, 7_000));
      BidOutcome outcome = bid(before, Bid.of(BOB, 5_100), at(5));

      assertEquals(ALICE, leaderId(outcome));
      assertEquals(5_200, outcome.currentPriceCents());
    }

    @Test
    @DisplayName("a price already above the reserve is not lowered to it")
    void notLowered() {
      assertEquals(6_000, bid(lot, Bid.of(ALICE, 6_000), at(1)).currentPriceCents());
    }
  }

  @Nested
  @DisplayName("the deadline in standard mode, extending by 10 s")
  class StandardDeadline {

    private final LotState lot = afterBids(Lots.open(START), Bid.of(ALICE, START));

    @Test
    @DisplayName("a bid with more than 10 s left does not move the deadline")
    void earlyBid() {
      BidOutcome outcome = bid(lot, Bid.of(BOB, 1_050), at(49));

      assertFalse(outcome.extended());
      assertEquals(DEADLINE, outcome.endsAt());
    }

    @Test
    @DisplayName("a bid with exactly 10 s left does not move the deadline")
    void exactlyTenSecondsLeft() {
      BidOutcome outcome = bid(lot, Bid.of(BOB, 1_050), DEADLINE.minusSeconds(10));

      assertFalse(outcome.extended());
      assertEquals(DEADLINE, outcome.endsAt());
    }

    @Test
    @DisplayName(
        "a bid with a millisecond less than 10 s left moves the deadline to its time + 10 s")
    void justUnderTenSecondsLeft() {
      Instant now = DEADLINE.minusSeconds(10).plusMillis(1);
      BidOutcome outcome = bid(lot, Bid.of(BOB, 1_050), now);

      assertTrue(outcome.extended());
      assertEquals(now.plusSeconds(10), outcome.endsAt());
    }

    @Test
    @DisplayName("a bid inside the last 10 s extends the deadline")
    void lateBidExtends() {
      BidOutcome outcome = bid(lot, Bid.of(BOB, 1_050), at(57));

      assertTrue(outcome.extended());
      assertEquals(at(67), outcome.endsAt());
    }

    @Test
    @DisplayName(
        "a losing bid inside the last 10 s also extends the deadline, since it was accepted")
    void losingLateBidExtends() {
      LotState withMaximum = afterBids(Lots.open(START), Bid.upTo(ALICE, START, 9_000));
      BidOutcome outcome = bid(withMaximum, Bid.of(BOB, 1_050), at(57));

      assertFalse(outcome.leading());
      assertTrue(outcome.extended());
      assertEquals(at(67), outcome.endsAt());
    }

    @Test
    @DisplayName("several late bids chain their extensions")
    void chainedExtensions() {
      BidOutcome first = bid(lot, Bid.of(BOB, 1_050), at(57));
      BidOutcome second = bid(first.lot(), Bid.of(ALICE, 1_100), at(65));
      BidOutcome third = bid(second.lot(), Bid.of(BOB, 1_150), at(74));
      BidOutcome early = bid(third.lot(), Bid.of(ALICE, 1_200), at(74));
      BidOutcome fourth = bid(early.lot(), Bid.of(BOB, 1_250), at(83));

      assertEquals(at(67), first.endsAt());
      assertEquals(at(75), second.endsAt());
      assertEquals(at(84), third.endsAt());
      assertFalse(early.extended(), "10 s left is not less than 10 s");
      assertEquals(at(84), early.endsAt());
      assertEquals(at(93), fourth.endsAt());
      assertTrue(first.extended() && second.extended() && third.extended() && fourth.extended());
    }

    @Test
    @DisplayName("a bid at the old deadline of an extended lot is accepted")
    void bidAtOldDeadlineAfterExtension() {
      LotState extended = bid(lot, Bid.of(BOB, 1_050), at(57)).lot();
      BidOutcome outcome = bid(extended, Bid.of(ALICE, 1_100), DEADLINE);

      assertTrue(outcome.accepted());
      assertEquals(DEADLINE.plusSeconds(10), outcome.endsAt());
    }

    @Test
    @DisplayName("a refused late bid never moves the deadline")
    void refusedLateBid() {
      BidOutcome outcome = bid(lot, Bid.of(BOB, 1_049), at(57));

      assertRefused(Refusal.BID_TOO_LOW, lot, outcome);
      assertEquals(DEADLINE, outcome.endsAt());
    }

    @Test
    @DisplayName("a lot may extend by another number of seconds")
    void customExtension() {
      LotState thirty =
          afterBids(Lots.open(Lots.queued(START).withExtendSeconds(30)), Bid.of(ALICE, START));
      BidOutcome outcome = bid(thirty, Bid.of(BOB, 1_050), at(35));

      assertTrue(outcome.extended());
      assertEquals(at(65), outcome.endsAt());
    }

    @Test
    @DisplayName("a bid one millisecond before the deadline is accepted and extends it")
    void lastMillisecond() {
      Instant now = DEADLINE.minusMillis(1);
      BidOutcome outcome = bid(lot, Bid.of(BOB, 1_050), now);

      assertTrue(outcome.accepted());
      assertEquals(now.plusSeconds(10), outcome.endsAt());
    }

    @Test
    @DisplayName("a bid at the deadline is refused lot_closed")
    void atDeadline() {
      assertRefused(Refusal.LOT_CLOSED, lot, bid(lot, Bid.of(BOB, 1_050), DEADLINE));
    }

    @Test
    @DisplayName("a bid after the deadline is refused lot_closed")
    void afterDeadline() {
      assertRefused(Refusal.LOT_CLOSED, lot, bid(lot, Bid.of(BOB, 1_050), DEADLINE.plusSeconds(3)));
    }
  }

  @Nested
  @DisplayName("the deadline in sudden-death mode")
  class SuddenDeathDeadline {

    private final LotState lot =
        afterBids(
            Lots.open(LotState.queued(SELLER, HOST, START, AuctionMode.SUDDEN_DEATH)),
            Bid.of(ALICE, START));

    @Test
    @DisplayName("a bid in the last second never moves the deadline")
    void neverExtends() {
      BidOutcome outcome = bid(lot, Bid.of(BOB, 1_050), DEADLINE.minusMillis(500));

      assertTrue(outcome.accepted());
      assertFalse(outcome.extended());
      assertEquals(DEADLINE, outcome.endsAt());
    }

    @Test
    @DisplayName("a bid at the deadline is refused lot_closed")
    void atDeadline() {
      assertRefused(Refusal.LOT_CLOSED, lot, bid(lot, Bid.of(BOB, 1_050), DEADLINE));
    }
  }

  @Nested
  @DisplayName("refusals")
  class Refusals {

    private final LotState lot = Lots.open(START);

    @Test
    @DisplayName("the seller cannot bid on their own lot")
    void seller() {
      assertRefused(Refusal.OWN_LOT, lot, bid(lot, Bid.of(SELLER, START), at(1)));
    }

    @Test
    @DisplayName("the host of the show cannot bid on its lots")
    void host() {
      assertRefused(Refusal.OWN_LOT, lot, bid(lot, Bid.of(HOST, START), at(1)));
    }

    @Test
    @DisplayName("a queued lot refuses bids with lot_not_open")
    void queued() {
      LotState queued = Lots.queued(START);
      assertRefused(Refusal.LOT_NOT_OPEN, queued, bid(queued, Bid.of(ALICE, START), at(1)));
    }

    @Test
    @DisplayName("a cancelled lot refuses bids with lot_not_open")
    void cancelled() {
      LotState cancelled =
          new LotState(
              LotStatus.CANCELLED,
              SELLER,
              HOST,
              AuctionMode.STANDARD,
              START,
              LotState.NONE,
              LotState.NONE,
              10,
              null,
              START,
              Optional.empty(),
              0);
      assertRefused(Refusal.LOT_NOT_OPEN, cancelled, bid(cancelled, Bid.of(ALICE, START), at(1)));
    }

    @Test
    @DisplayName("a sold lot refuses bids with lot_closed, even before its old deadline")
    void sold() {
      LotState sold =
          ProxyBidding.buyNow(Lots.open(Lots.queued(START).withBuyNowPriceCents(9_000)), BOB, at(1))
              .lot();
      assertRefused(Refusal.LOT_CLOSED, sold, bid(sold, Bid.of(ALICE, 20_000), at(2)));
    }

    @Test
    @DisplayName("an unsold lot refuses bids with lot_closed")
    void unsold() {
      LotState unsold =
          new LotState(
              LotStatus.UNSOLD,
              SELLER,
              HOST,
              AuctionMode.STANDARD,
              START,
              LotState.NONE,
              LotState.NONE,
              10,
              DEADLINE,
              START,
              Optional.empty(),
              0);
      assertRefused(Refusal.LOT_CLOSED, unsold, bid(unsold, Bid.of(ALICE, START), at(1)));
    }

    @Test
    @DisplayName("a zero or negative amount is refused invalid_amount")
    void notPositive() {
      assertRefused(Refusal.INVALID_AMOUNT, lot, bid(lot, Bid.of(ALICE, 0), at(1)));
      assertRefused(Refusal.INVALID_AMOUNT, lot, bid(lot, Bid.of(ALICE, -500), at(1)));
    }

    @Test
    @DisplayName("a maximum below the amount is refused invalid_amount")
    void maximumBelowAmount() {
      assertRefused(Refusal.INVALID_AMOUNT, lot, bid(lot, Bid.upTo(ALICE, 2_000, 1_999), at(1)));
    }

    @Test
    @DisplayName("a lot that is not open refuses before looking at who bids or how much")
    void statusBeforeBidder() {
      LotState queued = Lots.queued(START);
      assertRefused(Refusal.LOT_NOT_OPEN, queued, bid(queued, Bid.of(SELLER, 1), at(1)));
      assertRefused(Refusal.LOT_CLOSED, lot, bid(lot, Bid.of(SELLER, 1), DEADLINE));
    }

    @Test
    @DisplayName("the refusal codes are the stable strings of the API")
    void codes() {
      assertEquals("bid_too_low", Refusal.BID_TOO_LOW.code());
      assertEquals("lot_not_open", Refusal.LOT_NOT_OPEN.code());
      assertEquals("lot_closed", Refusal.LOT_CLOSED.code());
      assertEquals("own_lot", Refusal.OWN_LOT.code());
      assertEquals("invalid_amount", Refusal.INVALID_AMOUNT.code());
      assertEquals("already_leading", Refusal.ALREADY_LEADING.code());
      assertEquals("buy_now_unavailable", Refusal.BUY_NOW_UNAVAILABLE.code());
    }

    @Test
    @DisplayName("an absurd maximum does not overflow the price")
    void absurdMaximum() {
      LotState before = afterBids(lot, Bid.upTo(ALICE, START, Long.MAX_VALUE));
      BidOutcome outcome = bid(before, Bid.upTo(BOB, 1_050, Long.MAX_VALUE - 1), at(5));

      assertEquals(ALICE, leaderId(outcome));
      assertEquals(Long.MAX_VALUE, outcome.currentPriceCents());
    }
  }

  @Nested
  @DisplayName("buy-now at $90.00")
  class BuyNow {

    private final LotState lot = Lots.open(Lots.queued(START).withBuyNowPriceCents(9_000));

    @Test
    @DisplayName(
        "before the first bid sells the lot to the buyer at the buy-now price, ending it now")
    void beforeFirstBid() {
      BuyNowOutcome outcome = ProxyBidding.buyNow(lot, BOB, at(3));

      assertTrue(outcome.accepted());
      assertEquals(LotStatus.SOLD, outcome.lot().status());
      assertEquals(9_000, outcome.lot().currentPriceCents());
      assertEquals(OptionalLong.of(BOB), outcome.lot().highBidderId());
      assertEquals(at(3), outcome.lot().endsAt());
      assertEquals(0, outcome.lot().bidCount());
    }

    @Test
    @DisplayName("after the first bid is refused buy_now_unavailable")
    void afterFirstBid() {
      LotState bidOn = afterBids(lot, Bid.of(ALICE, START));
      BuyNowOutcome outcome = ProxyBidding.buyNow(bidOn, BOB, at(5));

      assertEquals(Optional.of(Refusal.BUY_NOW_UNAVAILABLE), outcome.refusal());
      assertSame(bidOn, outcome.lot());
    }

    @Test
    @DisplayName("a lot without a buy-now price refuses buy_now_unavailable")
    void noBuyNowPrice() {
      assertEquals(
          Optional.of(Refusal.BUY_NOW_UNAVAILABLE),
          ProxyBidding.buyNow(Lots.open(START), BOB, at(3)).refusal());
    }

    @Test
    @DisplayName("the seller and the host cannot buy their own lot")
    void ownLot() {
      assertEquals(Optional.of(Refusal.OWN_LOT), ProxyBidding.buyNow(lot, SELLER, at(3)).refusal());
      assertEquals(Optional.of(Refusal.OWN_LOT), ProxyBidding.buyNow(lot, HOST, at(3)).refusal());
    }

    @Test
    @DisplayName("a queued lot cannot be bought yet, and a lot past its deadline no more")
    void notOpen() {
      LotState queued = Lots.queued(START).withBuyNowPriceCents(9_000);
      assertEquals(
          Optional.of(Refusal.LOT_NOT_OPEN), ProxyBidding.buyNow(queued, BOB, at(3)).refusal());
      assertEquals(
          Optional.of(Refusal.LOT_CLOSED), ProxyBidding.buyNow(lot, BOB, DEADLINE).refusal());
    }

    @Test
    @DisplayName("a lot cannot be bought twice")
    void twice() {
      LotState sold = ProxyBidding.buyNow(lot, BOB, at(3)).lot();
      assertEquals(
          Optional.of(Refusal.LOT_CLOSED), ProxyBidding.buyNow(sold, CAROL, at(4)).refusal());
    }
  }

  @Nested
  @DisplayName("closing")
  class Closing {

    @Test
    @DisplayName("a lot without bids is unsold")
    void noBids() {
      assertEquals(
          new LotClosing.Unsold(LotClosing.Reason.NO_BIDS), ProxyBidding.close(Lots.open(START)));
    }

    @Test
    @DisplayName("a lot with a leader and no reserve is sold to the leader at the current price")
    void sold() {
      LotState lot = afterBids(Lots.open(START), Bid.upTo(ALICE, START, 9_000), Bid.of(BOB, 2_000));

      LotClosing closing = ProxyBidding.close(lot);

      assertEquals(new LotClosing.Sold(ALICE, 2_050), closing);
      assertEquals(LotStatus.SOLD, closing.status());
    }

    @Test
    @DisplayName("a lot whose leading maximum is below the reserve is unsold")
    void reserveNotMet() {
      LotState lot =
          afterBids(
              Lots.open(Lots.queued(START).withReservePriceCents(5_000)),
              Bid.upTo(ALICE, START, 4_000),
              Bid.of(BOB, 2_000));

      LotClosing closing = ProxyBidding.close(lot);

      assertEquals(new LotClosing.Unsold(LotClosing.Reason.RESERVE_NOT_MET), closing);
      assertEquals(LotStatus.UNSOLD, closing.status());
    }

    @Test
    @DisplayName("a lot whose reserve was met is sold at the price, which is at least the reserve")
    void reserveMet() {
      LotState lot =
          afterBids(
              Lots.open(Lots.queued(START).withReservePriceCents(5_000)),
              Bid.upTo(ALICE, START, 4_000),
              Bid.upTo(BOB, 2_000, 5_000));

      assertEquals(new LotClosing.Sold(BOB, 5_000), ProxyBidding.close(lot));
    }

    @Test
    @DisplayName("only an open lot closes")
    void onlyOpen() {
      LotState sold =
          ProxyBidding.buyNow(Lots.open(Lots.queued(START).withBuyNowPriceCents(9_000)), BOB, at(1))
              .lot();
      assertThrows(IllegalStateException.class, () -> ProxyBidding.close(sold));
      assertThrows(IllegalStateException.class, () -> ProxyBidding.close(Lots.queued(START)));
    }
  }
}
