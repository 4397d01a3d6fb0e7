package io.showfloor.insight.lots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Empirical quantiles of hammer/start ratios of the most similar sold lots: same seller and
 * category, else same category, else same seller, else the whole platform, whichever first has
 * {@link #MIN_SIMILAR} lots. (Tribuo 4.3 has no quantile loss for regression — its SGD losses are
 * squared, absolute and Huber — so the percentiles come from the lots themselves.)
 */
public final class HammerEstimator {
  public static final int MIN_SIMILAR = 20;

  private HammerEstimator() {}

  /** The range for a lot starting at {@code startCents}, or null without enough similar lots. */
  public static @Nullable HammerEstimate estimate(
      long startCents, long currentCents, boolean bidding, List<SoldLot> sold) {
    String[] names = {"seller and category", "category", "seller", "platform"};
    List<Predicate<SoldLot>> filters =
        List.of(
            l -> l.sameSeller() && l.sameCategory(),
            SoldLot::sameCategory,
            SoldLot::sameSeller,
            l -> true);
    for (int i = 0; i < names.length; i++) {
      List<SoldLot> group = sold.stream().filter(filters.get(i)).toList();
      if (group.size() >= MIN_SIMILAR) {
        return estimate(startCents, currentCents, bidding, group, names[i]);
      }
    }
    return null;
  }

  private static HammerEstimate estimate(
      long startCents, long currentCents, boolean bidding, List<SoldLot> group, String basis) {
    double[] ratios = group.stream().mapToDouble(SoldLot::ratio).sorted().toArray();
    long low = Math.round(startCents * quantile(ratios, 0.10));
    long median = Math.round(startCents * quantile(ratios, 0.50));
    long high = Math.round(startCents * quantile(ratios, 0.90));
    if (bidding) {
      // a lot that sells sells at or above the bid standing now
      low = Math.max(low, currentCents);
      median = Math.max(median, currentCents);
      high = Math.max(high, currentCents);
    }
    // held-out coverage: ranges from the older three quarters, tried on the newest quarter
    List<SoldLot> byTime = new ArrayList<>(group);
    byTime.sort(Comparator.comparing(SoldLot::closedAt));
    int cut = byTime.size() * 3 / 4;
    double[] train = byTime.subList(0, cut).stream().mapToDouble(SoldLot::ratio).sorted().toArray();
    double q10 = quantile(train, 0.10);
    double q90 = quantile(train, 0.90);
    int inside = 0;
    List<SoldLot> test = byTime.subList(cut, byTime.size());
    for (SoldLot lot : test) {
      long lo = Math.round(lot.startCents() * q10);
      long hi = Math.round(lot.startCents() * q90);
      if (lot.hammerCents() >= lo && lot.hammerCents() <= hi) {
        inside++;
      }
    }
    return new HammerEstimate(low, median, high, basis, group.size(), test.size(), inside);
  }

  /** Linear interpolation between order statistics (R's type 7). */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 1;
    }
    double[] s = sorted;
    if (!isSorted(s)) {
      s = s.clone();
      Arrays.sort(s);
    }
    double h = (s.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(s.length - 1, lo + 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  }

  private static boolean isSorted(double[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i] < a[i - 1]) {
        return false;
      }
    }
    return true;
  }
}
