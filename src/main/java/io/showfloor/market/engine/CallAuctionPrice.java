package io.showfloor.market.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * The single clearing price of a call auction, by the rule in docs/API.md "Market": the candidates
 * are the limit prices in the book; keep those with the most executable volume, then those with the
 * least surplus; if several remain, a buy surplus at all of them picks the highest and a sell
 * surplus at all of them the lowest; otherwise the reference price decides (itself if a candidate,
 * else the nearest, the higher one when exactly halfway). When only market orders can execute the
 * price is the reference price; when nothing can execute nothing trades.
 *
 * <p>Feed it the collected orders (or aggregated levels; quantities at one price add up), then ask
 * for {@link #clearingPrice(long)}. Runs once per auction, so clarity beats speed here.
 */
public final class CallAuctionPrice {
  private final TreeMap<Long, Long> buys = new TreeMap<>();
  private final TreeMap<Long, Long> sells = new TreeMap<>();
  private long marketBuys;
  private long marketSells;

  public CallAuctionPrice buy(long priceCents, long quantity) {
    buys.merge(positive(priceCents), positive(quantity), Long::sum);
    return this;
  }

  public CallAuctionPrice sell(long priceCents, long quantity) {
    sells.merge(positive(priceCents), positive(quantity), Long::sum);
    return this;
  }

  public CallAuctionPrice marketBuy(long quantity) {
    marketBuys += positive(quantity);
    return this;
  }

  public CallAuctionPrice marketSell(long quantity) {
    marketSells += positive(quantity);
    return this;
  }

  public AuctionPrice clearingPrice(long referencePriceCents) {
    positive(referencePriceCents);
    Candidates all = candidates();
    long maxVolume = 0;
    for (int i = 0; i < all.size(); i++) {
      maxVolume = Math.max(maxVolume, all.volume(i));
    }
    long marketOnlyVolume = Math.min(marketBuys, marketSells);
    if (maxVolume == 0 && marketOnlyVolume == 0) {
      return AuctionPrice.nothing();
    }
    // a limit order executes at a price only if volume there exceeds what market orders alone
    // match (they have priority), so "only market orders can execute" is exactly this:
    if (maxVolume <= marketOnlyVolume) {
      return new AuctionPrice(
          referencePriceCents,
          marketOnlyVolume,
          demandAt(referencePriceCents) - supplyAt(referencePriceCents),
          AuctionPrice.Decision.MARKET_ORDERS_ONLY);
    }

    Candidates mostVolume = all.keepMaxVolume();
    if (mostVolume.size() == 1) {
      return mostVolume.price(0, AuctionPrice.Decision.MOST_VOLUME);
    }
    Candidates leastSurplus = mostVolume.keepMinSurplus();
    if (leastSurplus.size() == 1) {
      return leastSurplus.price(0, AuctionPrice.Decision.LEAST_SURPLUS);
    }
    if (leastSurplus.allImbalanced(1)) {
      return leastSurplus.price(leastSurplus.size() - 1, AuctionPrice.Decision.BUY_PRESSURE);
    }
    if (leastSurplus.allImbalanced(-1)) {
      return leastSurplus.price(0, AuctionPrice.Decision.SELL_PRESSURE);
    }
    return leastSurplus.nearestTo(referencePriceCents);
  }

  private Candidates candidates() {
    TreeMap<Long, Long> prices = new TreeMap<>(buys);
    sells.keySet().forEach(price -> prices.putIfAbsent(price, 0L));
    Candidates candidates = new Candidates(prices.size());
    // one ascending pass: demand falls as buys drop below the price, supply grows with sells
    long buysBelow = 0;
    long sellsAtOrBelow = 0;
    long allBuys = sum(buys);
    for (long price : prices.keySet()) {
      sellsAtOrBelow += sells.getOrDefault(price, 0L);
      candidates.add(price, marketBuys + allBuys - buysBelow, marketSells + sellsAtOrBelow);
      buysBelow += buys.getOrDefault(price, 0L);
    }
    return candidates;
  }

  /** Buyers willing to pay {@code price}: market buys and limit buys at or above it. */
  private long demandAt(long price) {
    return marketBuys + sum(buys.tailMap(price, true));
  }

  /** Sellers willing to accept {@code price}: market sells and limit sells at or below it. */
  private long supplyAt(long price) {
    return marketSells + sum(sells.headMap(price, true));
  }

  private static long sum(Map<Long, Long> quantities) {
    long total = 0;
    for (long quantity : quantities.values()) {
      total += quantity;
    }
    return total;
  }

  private static long positive(long value) {
    if (value <= 0) {
      throw new IllegalArgumentException("must be positive: " + value);
    }
    return value;
  }

  /** Candidate prices in ascending order with demand and supply at each. */
  private static final class Candidates {
    private final long[] prices;
    private final long[] demand;
    private final long[] supply;
    private int size;

    Candidates(int capacity) {
      prices = new long[capacity];
      demand = new long[capacity];
      supply = new long[capacity];
    }

    int size() {
      return size;
    }

    void add(long price, long demandAtPrice, long supplyAtPrice) {
      prices[size] = price;
      demand[size] = demandAtPrice;
      supply[size] = supplyAtPrice;
      size++;
    }

    long volume(int i) {
      return Math.min(demand[i], supply[i]);
    }

    long imbalance(int i) {
      return demand[i] - supply[i];
    }

    Candidates keepMaxVolume() {
      long best = Long.MIN_VALUE;
      for (int i = 0; i < size; i++) {
        best = Math.max(best, volume(i));
      }
      Candidates kept = new Candidates(size);
      for (int i = 0; i < size; i++) {
        if (volume(i) == best) {
          kept.add(prices[i], demand[i], supply[i]);
        }
      }
      return kept;
    }

    Candidates keepMinSurplus() {
      long best = Long.MAX_VALUE;
      for (int i = 0; i < size; i++) {
        best = Math.min(best, Math.abs(imbalance(i)));
      }
      Candidates kept = new Candidates(size);
      for (int i = 0; i < size; i++) {
        if (Math.abs(imbalance(i)) == best) {
          kept.add(prices[i], demand[i], supply[i]);
        }
      }
      return kept;
    }

    /** Whether every candidate has a surplus on the side given by {@code sign} (1 buy, -1 sell). */
    boolean allImbalanced(int sign) {
      for (int i = 0; i < size; i++) {
        if (Long.signum(imbalance(i)) != sign) {
          return false;
        }
      }
      return true;
    }

    AuctionPrice nearestTo(long reference) {
      if (reference > prices[size - 1]) {
        return price(size - 1, AuctionPrice.Decision.REFERENCE_ABOVE_ALL);
      }
      if (reference < prices[0]) {
        return price(0, AuctionPrice.Decision.REFERENCE_BELOW_ALL);
      }
      int above = 0;
      while (prices[above] < reference) {
        above++;
      }
      if (prices[above] == reference) {
        return price(above, AuctionPrice.Decision.REFERENCE_PRICE);
      }
      long distanceBelow = reference - prices[above - 1];
      long distanceAbove = prices[above] - reference;
      if (distanceBelow == distanceAbove) {
        return price(above, AuctionPrice.Decision.HALFWAY_TAKES_HIGHER);
      }
      return price(
          distanceAbove < distanceBelow ? above : above - 1,
          AuctionPrice.Decision.NEAREST_TO_REFERENCE);
    }

    AuctionPrice price(int i, AuctionPrice.Decision decision) {
      return new AuctionPrice(prices[i], volume(i), imbalance(i), decision);
    }
  }
}
