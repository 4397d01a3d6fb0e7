package io.showfloor.tournament.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * How a tournament's prize pool is shared: the platform's cut (rounded down) comes off the pool,
 * the rest is split among the places by their weights (rounded down each), and whatever rounding
 * leaves goes to the platform, so the parts always add up to the pool exactly. With fewer ranked
 * entrants than places, the places that exist share the rest by their own weights.
 */
public final class PrizeSplit {
  private PrizeSplit() {}

  /** Prizes by place (first place first) and the platform's part. */
  public record Shares(List<Long> prizes, long platformCents) {
    public long totalCents() {
      return platformCents + prizes.stream().mapToLong(Long::longValue).sum();
    }
  }

  public static Shares of(long poolCents, int cutBps, List<Integer> weights, int ranked) {
    if (poolCents < 0 || cutBps < 0 || cutBps > 10_000) {
      throw new IllegalArgumentException("pool and cut must be within range");
    }
    long cut = Math.floorDiv(Math.multiplyExact(poolCents, (long) cutBps), 10_000L);
    long rest = poolCents - cut;
    int places = Math.min(weights.size(), Math.max(0, ranked));
    long totalWeight = 0;
    for (int i = 0; i < places; i++) {
      totalWeight += weights.get(i);
    }
    List<Long> prizes = new ArrayList<>(places);
    long paid = 0;
    for (int i = 0; i < places; i++) {
      long prize = totalWeight == 0 ? 0 : Math.floorDiv(rest * weights.get(i), totalWeight);
      prizes.add(prize);
      paid += prize;
    }
    return new Shares(prizes, poolCents - paid);
  }
}
