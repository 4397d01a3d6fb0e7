package io.showfloor.market.engine;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One side of the book: its price levels sorted so that the best one sits at the end of an array.
 * Nearly all activity happens at or near the touch, so inserts and removals there move few or no
 * elements, and the best level is one array read. Levels are found by binary search over a parallel
 * array of primitive keys, so nothing is boxed.
 */
final class BookSide {
  private static final int INITIAL_LEVELS = 64;

  final Side side;

  /** Market orders collected during a call auction; they come before every limit price. */
  final PriceLevel marketOrders = new PriceLevel(0);

  /** Ascending; a bid's key is its price and an ask's key its negated price, so best = largest. */
  private long[] keys = new long[INITIAL_LEVELS];

  private PriceLevel[] levels = new PriceLevel[INITIAL_LEVELS];
  private int size;

  BookSide(Side side) {
    this.side = side;
  }

  int levelCount() {
    return size;
  }

  /** The level {@code rank} steps away from the best (rank 0 is the best). */
  PriceLevel level(int rank) {
    return levels[size - 1 - rank];
  }

  @Nullable PriceLevel best() {
    return size == 0 ? null : levels[size - 1];
  }

  /**
   * The order that trades next on this side: collected market orders first, then the best price.
   */
  @Nullable BookOrder front() {
    if (marketOrders.head != null) {
      return marketOrders.head;
    }
    return size == 0 ? null : levels[size - 1].head;
  }

  /** The level for {@code priceCents}, created if the side has none yet. */
  PriceLevel levelAt(long priceCents) {
    long key = key(priceCents);
    if (size > 0 && keys[size - 1] <= key) {
      return keys[size - 1] == key ? levels[size - 1] : insert(size, priceCents, key);
    }
    int index = Arrays.binarySearch(keys, 0, size, key);
    return index >= 0 ? levels[index] : insert(-index - 1, priceCents, key);
  }

  /** Drops a level once its last order has gone; the market-order queue always stays. */
  void removeIfEmpty(PriceLevel level) {
    if (!level.isEmpty() || level == marketOrders) {
      return;
    }
    long key = key(level.priceCents);
    int index = size - 1;
    if (keys[index] != key) {
      index = Arrays.binarySearch(keys, 0, size, key);
      System.arraycopy(keys, index + 1, keys, index, size - 1 - index);
      System.arraycopy(levels, index + 1, levels, index, size - 1 - index);
    }
    size--;
    levels[size] = null;
  }

  private PriceLevel insert(int index, long priceCents, long key) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      levels = Arrays.copyOf(levels, size * 2);
    }
    System.arraycopy(keys, index, keys, index + 1, size - index);
    System.arraycopy(levels, index, levels, index + 1, size - index);
    PriceLevel level = new PriceLevel(priceCents);
    keys[index] = key;
    levels[index] = level;
    size++;
    return level;
  }

  private long key(long priceCents) {
    return side == Side.BUY ? priceCents : -priceCents;
  }
}
