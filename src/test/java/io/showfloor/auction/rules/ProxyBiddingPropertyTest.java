package io.showfloor.auction.rules;

import static io.showfloor.auction.rules.Lots.HOST;
import static io.showfloor.auction.rules.Lots.OPENED_AT;
import static io.showfloor.auction.rules.Lots.SELLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random bid sequences checked against an independent model. Seeds are fixed so a failure
 * reproduces; the failing seed is in the message.
 *
 * <p>The final price is checked against a closed form derived from the rules. Let W be the winner
 * (highest standing maximum, earliest on ties) with final maximum H, S the highest standing maximum
 * of anyone else, A* the highest amount among accepted bids that were not the leader raising their
 * own maximum, and R the reserve when H reaches it. Then
 *
 * <pre>  price = max(A*, R, min(W', S + increment(S)))</pre>
 *
 * where W' is W's maximum right after the later of two bids: the one that set S, and the one by
 * which W last took the lead. When leaders never bid again W' = H, which is the textbook rule
 * "second-highest maximum plus one increment, capped at the highest". Sketch: every price the rules
 * set is one of these terms or below one (prices only rise; a loser's maximum is at most S; W's
 * maximum at any moment before W' is at most W'), and the bid that meets W' with S sets exactly
 * min(W', S + increment(S)), after which every other bidder is below the minimum next bid.
 */
@DisplayName("Proxy bidding on random bid sequences")
class ProxyBiddingPropertyTest {

  private static final int SEQUENCES = 3_000;
  private static final int BIDS_PER_SEQUENCE = 60;
  private static final long[] PRICE_SCALES = {100, 1_000, 10_000, 100_000, 1_000_000};

  @Test
  @DisplayName(
      "when no leader bids again, the final price is the second-highest maximum plus one increment, capped at the highest")
  void sortedMaximumsWithoutLeaderRebids() {
    for (long seed = 1; seed <= SEQUENCES; seed++) {
      runChecked(seed, false);
    }
  }

  @Test
  @DisplayName(
      "with leaders raising their own maximums, every bid keeps the invariants and the final price follows the closed form")
  void sequencesWithLeaderRebids() {
    for (long seed = 100_001; seed <= 100_000 + SEQUENCES; seed++) {
      runChecked(seed, true);
    }
  }

  @Test
  @DisplayName(
      "the deadline only ever moves forward, only for accepted late bids in standard mode, and bids at or after it are refused")
  void deadlines() {
    for (long seed = 200_001; seed <= 200_000 + SEQUENCES; seed++) {
      try {
        checkDeadlines(new Random(seed));
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private static void runChecked(long seed, boolean leaderMayRebid) {
    try {
      new Sequence(new Random(seed), leaderMayRebid).run();
    } catch (AssertionError e) {
      throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
    }
  }

  /** One random auction, with the model's own bookkeeping of who should lead. */
  private static final class Sequence {
    private final Random random;
    private final boolean leaderMayRebid;
    private final long scale;
    private final int bidders;
    private LotState lot;

    // The model: each bidder's standing maximum, and the step at which it was set.
    private final Map<Long, Long> standingMax = new HashMap<>();
    private final Map<Long, Integer> maxSetAtStep = new HashMap<>();
    private final Map<Long, Integer> lastTakeoverStep = new HashMap<>();
    private final Map<Integer, Map<Long, Long>> standingMaxAfterStep = new HashMap<>();
    private long highestPlainAmount;

    Sequence(Random random, boolean leaderMayRebid) {
      this.random = random;
      this.leaderMayRebid = leaderMayRebid;
      this.scale = PRICE_SCALES[random.nextInt(PRICE_SCALES.length)];
      this.bidders = 2 + random.nextInt(4);
      long start = 1 + random.nextLong(scale);
      LotState queued = LotState.queued(SELLER, HOST, start, AuctionMode.STANDARD);
      if (random.nextBoolean()) {
        queued = queued.withReservePriceCents(start + random.nextLong(scale * 3));
      }
      this.lot = Lots.open(queued);
    }

    void run() {
      for (int step = 0; step < BIDS_PER_SEQUENCE; step++) {
        Bid bid = randomBid();
        if (bid == null) {
          continue;
        }
        Instant now = OPENED_AT.plusMillis(step + 1);
        LotState before = lot;
        BidOutcome outcome = ProxyBidding.placeBid(before, bid, now);
        assertEquals(expectedRefusal(before, bid), outcome.refusal(), "refusal of " + bid);
        if (outcome.accepted()) {
          checkAccepted(before, bid, outcome, step);
        } else {
          assertEquals(before, outcome.lot(), "a refused bid changes nothing");
        }
        lot = outcome.lot();
      }
      checkFinalPrice();
    }

    private Bid randomBid() {
      long bidder = randomBidder();
      if (!leaderMayRebid && lot.isLeader(bidder)) {
        return null;
      }
      long minNext = ProxyBidding.minNextBidCents(lot);
      long spread = Math.max(minNext / 5, 10);
      int kind = random.nextInt(100);
      long amount;
      if (kind < 10) {
        amount = minNext - 1 - random.nextLong(50);
      } else if (kind < 50) {
        amount = minNext;
      } else {
        amount = minNext + random.nextLong(spread);
      }
      int maxKind = random.nextInt(100);
      if (maxKind < 40) {
        return Bid.of(bidder, amount);
      } else if (maxKind < 45) {
        return Bid.upTo(bidder, amount, amount - 1);
      } else if (maxKind < 55 && lot.leader().isPresent()) {
        // Aim at a tie with the leader's maximum, when the amount allows it.
        long leaderMax = lot.leader().get().maxCents();
        return Bid.upTo(bidder, Math.min(amount, leaderMax), leaderMax);
      }
      return Bid.upTo(bidder, amount, amount + random.nextLong(spread * 3));
    }

    private long randomBidder() {
      int pick = random.nextInt(100);
      if (pick < 2) {
        return SELLER;
      }
      if (pick < 4) {
        return HOST;
      }
      return 100 + random.nextInt(bidders);
    }

    private Optional<Refusal> expectedRefusal(LotState before, Bid bid) {
      if (bid.amountCents() <= 0 || bid.maxAmountCents() < bid.amountCents()) {
        return Optional.of(Refusal.INVALID_AMOUNT);
      }
      if (bid.bidderId() == SELLER || bid.bidderId() == HOST) {
        return Optional.of(Refusal.OWN_LOT);
      }
      long minNext =
          before.leader().isEmpty()
              ? before.startingPriceCents()
              : before.currentPriceCents() + BidIncrements.increment(before.currentPriceCents());
      if (bid.amountCents() < minNext) {
        return Optional.of(Refusal.BID_TOO_LOW);
      }
      Optional<Long> modelLeader = modelLeader();
      if (modelLeader.equals(Optional.of(bid.bidderId()))
          && bid.maxAmountCents() <= standingMax.get(bid.bidderId())) {
        return Optional.of(Refusal.ALREADY_LEADING);
      }
      return Optional.empty();
    }

    private void checkAccepted(LotState before, Bid bid, BidOutcome outcome, int step) {
      Optional<Long> leaderBefore = modelLeader();
      boolean selfRaise = leaderBefore.equals(Optional.of(bid.bidderId()));
      long bidder = bid.bidderId();
      // A loser's maximum is never above the price, so every accepted bid raises its bidder's
      // maximum.
      assertTrue(
          bid.maxAmountCents() > standingMax.getOrDefault(bidder, 0L), "accepted without raising");
      standingMax.put(bidder, bid.maxAmountCents());
      maxSetAtStep.put(bidder, step);
      standingMaxAfterStep.put(step, Map.copyOf(standingMax));
      long leaderAfter = modelLeader().orElseThrow();
      if (!leaderBefore.equals(Optional.of(leaderAfter))) {
        lastTakeoverStep.put(leaderAfter, step);
      }

      LotState after = outcome.lot();
      long price = after.currentPriceCents();
      assertEquals(leaderAfter, after.leader().orElseThrow().bidderId(), "leader");
      assertEquals(
          standingMax.get(leaderAfter), after.leader().get().maxCents(), "leader's maximum");
      assertEquals(leaderAfter == bidder, outcome.leading(), "leading");
      OptionalLong expectedOutbid =
          leaderBefore.isPresent() && leaderBefore.get() != leaderAfter
              ? OptionalLong.of(leaderBefore.get())
              : OptionalLong.empty();
      assertEquals(expectedOutbid, outcome.outbidBidderId(), "outbid");
      assertTrue(price >= before.currentPriceCents(), "the price never decreases");
      assertTrue(
          price <= after.leader().get().maxCents(), "the price never exceeds the leading maximum");
      assertEquals(before.bidCount() + 1, after.bidCount(), "bid count");
      if (after.hasReserve()) {
        assertEquals(
            price >= after.reservePriceCents(),
            after.reserveMet(),
            "reserve met iff price reached it");
      }
      if (selfRaise) {
        long expected =
            after.reserveMet() && after.hasReserve()
                ? Math.max(before.currentPriceCents(), after.reservePriceCents())
                : before.currentPriceCents();
        assertEquals(expected, price, "a leader's raise moves the price only up to the reserve");
      } else {
        assertTrue(price >= bid.amountCents(), "an accepted bid's amount is paid at least");
        highestPlainAmount = Math.max(highestPlainAmount, bid.amountCents());
      }
      assertFalse(outcome.extended(), "these bids are far from the deadline");
    }

    /** Highest standing maximum; between equals, the one set first. */
    private Optional<Long> modelLeader() {
      return standingMax.keySet().stream()
          .min(
              (a, b) -> {
                int byMax = Long.compare(standingMax.get(b), standingMax.get(a));
                return byMax != 0
                    ? byMax
                    : Integer.compare(maxSetAtStep.get(a), maxSetAtStep.get(b));
              });
    }

    private void checkFinalPrice() {
      Optional<Long> winner = modelLeader();
      if (winner.isEmpty()) {
        assertEquals(lot.startingPriceCents(), lot.currentPriceCents(), "no bids, no price change");
        return;
      }
      long w = winner.get();
      long highest = standingMax.get(w);
      long reserveTerm =
          lot.hasReserve() && highest >= lot.reservePriceCents() ? lot.reservePriceCents() : 0;
      long expected = Math.max(highestPlainAmount, reserveTerm);
      long secondHighest =
          standingMax.entrySet().stream()
              .filter(e -> e.getKey() != w)
              .mapToLong(Map.Entry::getValue)
              .max()
              .orElse(-1);
      if (secondHighest >= 0) {
        int secondSetAt =
            standingMax.entrySet().stream()
                .filter(e -> e.getKey() != w && e.getValue() == secondHighest)
                .mapToInt(e -> maxSetAtStep.get(e.getKey()))
                .max()
                .orElseThrow();
        int meetingStep = Math.max(secondSetAt, lastTakeoverStep.get(w));
        long winnerMaxThen = standingMaxAfterStep.get(meetingStep).get(w);
        long proxyTerm = Math.min(winnerMaxThen, BidIncrements.oneIncrementAbove(secondHighest));
        expected = Math.max(expected, proxyTerm);
        if (!leaderMayRebid) {
          assertEquals(
              highest, winnerMaxThen, "without re-bids the winner's maximum never changes");
          long textbook =
              Math.max(
                  Math.max(highestPlainAmount, reserveTerm),
                  Math.min(highest, secondHighest + BidIncrements.increment(secondHighest)));
          assertEquals(textbook, lot.currentPriceCents(), "textbook proxy price");
        }
      }
      assertEquals(expected, lot.currentPriceCents(), "final price from the sorted maximums");
      assertEquals(lot.reserveMet(), !lot.hasReserve() || highest >= lot.reservePriceCents());
    }
  }

  private static void checkDeadlines(Random random) {
    AuctionMode mode = random.nextInt(3) == 0 ? AuctionMode.SUDDEN_DEATH : AuctionMode.STANDARD;
    int extendSeconds = random.nextInt(21);
    Duration biddingTime = Duration.ofSeconds(5 + random.nextInt(26));
    LotState lot =
        ProxyBidding.open(
                LotState.queued(SELLER, HOST, 100, mode).withExtendSeconds(extendSeconds),
                OPENED_AT,
                biddingTime,
                List.of())
            .lot();
    Instant now = OPENED_AT;
    for (int step = 0; step < 200; step++) {
      now = now.plusMillis(random.nextInt(3_000));
      long minNext = ProxyBidding.minNextBidCents(lot);
      long amount = random.nextInt(4) == 0 ? minNext - 1 : minNext;
      BidOutcome outcome = ProxyBidding.placeBid(lot, Bid.of(100 + random.nextInt(3), amount), now);
      Instant deadline = lot.endsAt();
      if (!now.isBefore(deadline)) {
        assertEquals(
            Optional.of(Refusal.LOT_CLOSED), outcome.refusal(), "at or after the deadline");
        assertEquals(lot, outcome.lot());
        return;
      }
      boolean late =
          Duration.between(now, deadline).compareTo(Duration.ofSeconds(extendSeconds)) < 0;
      boolean shouldExtend = outcome.accepted() && mode == AuctionMode.STANDARD && late;
      assertEquals(shouldExtend, outcome.extended(), "extended");
      assertEquals(
          shouldExtend ? now.plusSeconds(extendSeconds) : deadline, outcome.endsAt(), "deadline");
      assertFalse(outcome.endsAt().isBefore(deadline), "the deadline never moves back");
      lot = outcome.lot();
    }
  }
}
