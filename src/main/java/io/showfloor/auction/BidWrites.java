package io.showfloor.auction;

import io.showfloor.auction.rules.Leader;
import io.showfloor.auction.rules.LotState;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one transaction of bids writes, gathered column by column: every bid row (accepted, pre-bid
 * or refused, in the order decided) and each lot's state after its last accepted bid. {@link
 * LotSql#WRITE_BIDS} writes them all in one statement, so a batch of a hundred bids over a hundred
 * lots is one insert and one update, not a hundred of each.
 */
final class BidWrites {
  private final List<Long> lotIds = new ArrayList<>();
  private final List<Long> bidderIds = new ArrayList<>();
  private final List<String> bidderNames = new ArrayList<>();
  private final List<Long> amounts = new ArrayList<>();
  private final List<Long> maximums = new ArrayList<>();
  private final List<Boolean> preBids = new ArrayList<>();
  private final List<Boolean> accepted = new ArrayList<>();
  private final List<Boolean> leading = new ArrayList<>();
  private final List<@Nullable String> reasons = new ArrayList<>();
  private final List<Long> pricesAfter = new ArrayList<>();
  private final List<@Nullable OffsetDateTime> endsAfter = new ArrayList<>();
  private final List<@Nullable String> keys = new ArrayList<>();
  private final List<String> outcomes = new ArrayList<>();
  private final List<String> replies = new ArrayList<>();

  private final List<Long> updatedLots = new ArrayList<>();
  private final List<Long> prices = new ArrayList<>();
  private final List<Long> leaderIds = new ArrayList<>();
  private final List<@Nullable String> leaderNames = new ArrayList<>();
  private final List<Long> leaderMaximums = new ArrayList<>();
  private final List<OffsetDateTime> leadersSince = new ArrayList<>();
  private final List<Integer> bidCounts = new ArrayList<>();
  private final List<@Nullable OffsetDateTime> deadlines = new ArrayList<>();

  /** One bid row; {@code reply} is the answer stored for a replay of its key. */
  void bid(
      long lotId,
      long bidderId,
      String bidderName,
      long amountCents,
      long maxAmountCents,
      boolean preBid,
      boolean isAccepted,
      boolean isLeading,
      @Nullable String reason,
      long priceAfterCents,
      @Nullable OffsetDateTime endsAtAfter,
      @Nullable String idempotencyKey,
      String outcome,
      JsonObject reply) {
    lotIds.add(lotId);
    bidderIds.add(bidderId);
    bidderNames.add(bidderName);
    amounts.add(amountCents);
    maximums.add(maxAmountCents);
    preBids.add(preBid);
    accepted.add(isAccepted);
    leading.add(isLeading);
    reasons.add(reason);
    pricesAfter.add(priceAfterCents);
    endsAfter.add(endsAtAfter);
    keys.add(idempotencyKey);
    outcomes.add(outcome);
    replies.add(reply.encode());
  }

  /** A lot's state after its last accepted bid of the transaction (called once per such lot). */
  void lot(Lot lot) {
    LotState state = lot.state();
    Leader leader = state.leader().orElseThrow();
    updatedLots.add(lot.id());
    prices.add(state.currentPriceCents());
    leaderIds.add(leader.bidderId());
    leaderNames.add(lot.leaderName());
    leaderMaximums.add(leader.maxCents());
    leadersSince.add(BidService.offset(leader.maxSince()));
    bidCounts.add(state.bidCount());
    deadlines.add(BidService.offset(state.endsAt()));
  }

  int bids() {
    return lotIds.size();
  }

  /** The parameters of {@link LotSql#WRITE_BIDS}. */
  Tuple tuple() {
    return Tuple.tuple()
        .addValue(lotIds.toArray(Long[]::new))
        .addValue(bidderIds.toArray(Long[]::new))
        .addValue(bidderNames.toArray(String[]::new))
        .addValue(amounts.toArray(Long[]::new))
        .addValue(maximums.toArray(Long[]::new))
        .addValue(preBids.toArray(Boolean[]::new))
        .addValue(accepted.toArray(Boolean[]::new))
        .addValue(leading.toArray(Boolean[]::new))
        .addValue(reasons.toArray(String[]::new))
        .addValue(pricesAfter.toArray(Long[]::new))
        .addValue(endsAfter.toArray(OffsetDateTime[]::new))
        .addValue(keys.toArray(String[]::new))
        .addValue(outcomes.toArray(String[]::new))
        .addValue(replies.toArray(String[]::new))
        .addValue(updatedLots.toArray(Long[]::new))
        .addValue(prices.toArray(Long[]::new))
        .addValue(leaderIds.toArray(Long[]::new))
        .addValue(leaderNames.toArray(String[]::new))
        .addValue(leaderMaximums.toArray(Long[]::new))
        .addValue(leadersSince.toArray(OffsetDateTime[]::new))
        .addValue(bidCounts.toArray(Integer[]::new))
        .addValue(deadlines.toArray(OffsetDateTime[]::new));
  }
}
