package io.showfloor.commerce.loyalty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The loyalty programme's arithmetic, with no I/O: tiers by rolling 12-month spend, points per
 * dollar times the tier's multiplier (rounded down: points are whole and never over-awarded), a
 * live-show bonus, and what a number of points is worth at checkout.
 */
public final class LoyaltyRules {
  /** A tier reached at {@code minSpendCents} of spend in the last 12 months. */
  public record Tier(String name, long minSpendCents, int multiplierPercent) {}

  /** Where a buyer stands: their tier, the next one, and the spend still needed to reach it. */
  public record Standing(
      Tier tier, @Nullable Tier next, long spendCents, long toNextCents, double progress) {}

  private final List<Tier> tiers;
  private final long pointsPerDollar;
  private final long pointValueCents;
  private final int maxRedeemPercent;
  private final int liveShowBonusPercent;

  public LoyaltyRules(
      List<Tier> tiers,
      long pointsPerDollar,
      long pointValueCents,
      int maxRedeemPercent,
      int liveShowBonusPercent) {
    List<Tier> sorted = new ArrayList<>(tiers);
    sorted.sort(Comparator.comparingLong(Tier::minSpendCents));
    if (sorted.isEmpty() || sorted.get(0).minSpendCents() != 0) {
      throw new IllegalArgumentException("the first loyalty tier must start at 0 spend");
    }
    if (pointsPerDollar < 0
        || pointValueCents < 1
        || maxRedeemPercent < 0
        || maxRedeemPercent > 100
        || liveShowBonusPercent < 0) {
      throw new IllegalArgumentException("loyalty settings out of range");
    }
    this.tiers = List.copyOf(sorted);
    this.pointsPerDollar = pointsPerDollar;
    this.pointValueCents = pointValueCents;
    this.maxRedeemPercent = maxRedeemPercent;
    this.liveShowBonusPercent = liveShowBonusPercent;
  }

  public Standing standing(long spendCents) {
    Tier tier = tiers.get(0);
    Tier next = null;
    for (Tier t : tiers) {
      if (spendCents >= t.minSpendCents()) {
        tier = t;
      } else {
        next = t;
        break;
      }
    }
    if (next == null) {
      return new Standing(tier, null, spendCents, 0, 1.0);
    }
    long span = next.minSpendCents() - tier.minSpendCents();
    double progress = span == 0 ? 1.0 : (double) (spendCents - tier.minSpendCents()) / span;
    return new Standing(
        tier,
        next,
        spendCents,
        next.minSpendCents() - Math.max(0, spendCents),
        Math.max(0, progress));
  }

  /**
   * Points for paying {@code cents} while in {@code tier}: whole dollars x points per dollar x
   * multiplier, rounded down.
   */
  public long pointsFor(long cents, Tier tier) {
    return Math.multiplyExact(Math.multiplyExact(cents, pointsPerDollar), tier.multiplierPercent())
        / (100L * 100L);
  }

  /** Extra points for buying in a live show, rounded down. */
  public long liveShowBonus(long points) {
    return Math.multiplyExact(points, liveShowBonusPercent) / 100;
  }

  /**
   * The discount {@code points} buy on {@code grossCents}: at most maxRedeemPercent of the gross,
   * in whole points. Answers {points spent, discount cents}.
   */
  public long[] redeem(long points, long grossCents) {
    long cap = Math.multiplyExact(grossCents, maxRedeemPercent) / 100;
    long spendable = Math.min(points, cap / pointValueCents);
    return new long[] {spendable, spendable * pointValueCents};
  }

  public long pointValueCents() {
    return pointValueCents;
  }
}
