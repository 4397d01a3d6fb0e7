package io.showfloor.market.engine;

import org.jspecify.annotations.Nullable;

/**
 * Open orders by id, for O(1) cancel and reduce. An open-addressing table on primitive keys: a
 * {@code HashMap<Long, …>} would box every id on the hot path.
 */
final class OrderIndex {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private long[] ids;
  private BookOrder[] orders;
  private int shift;
  private int size;

  OrderIndex() {
    allocate(1 << 12);
  }

  int size() {
    return size;
  }

  @Nullable BookOrder get(long id) {
    int mask = orders.length - 1;
    for (int slot = slot(id); ; slot = (slot + 1) & mask) {
      BookOrder order = orders[slot];
      if (order == null || ids[slot] == id) {
        return order;
      }
    }
  }

  void put(BookOrder order) {
    if (2 * (size + 1) > orders.length) {
      grow();
    }
    int mask = orders.length - 1;
    int slot = slot(order.id);
    while (orders[slot] != null) {
      if (ids[slot] == order.id) {
        throw new IllegalStateException("order " + order.id + " is already indexed");
      }
      slot = (slot + 1) & mask;
    }
    ids[slot] = order.id;
    orders[slot] = order;
    size++;
  }

  @Nullable BookOrder remove(long id) {
    int mask = orders.length - 1;
    int slot = slot(id);
    while (orders[slot] != null && ids[slot] != id) {
      slot = (slot + 1) & mask;
    }
    BookOrder removed = orders[slot];
    if (removed == null) {
      return null;
    }
    closeGap(slot, mask);
    size--;
    return removed;
  }

  /** Backward-shift deletion: keeps every probe chain unbroken without tombstones. */
  private void closeGap(int gap, int mask) {
    int slot = gap;
    while (true) {
      slot = (slot + 1) & mask;
      BookOrder order = orders[slot];
      if (order == null) {
        break;
      }
      int home = slot(ids[slot]);
      // move the entry into the gap unless its home lies cyclically within (gap, slot]
      boolean homeAfterGap =
          gap <= slot ? (gap < home && home <= slot) : (gap < home || home <= slot);
      if (!homeAfterGap) {
        ids[gap] = ids[slot];
        orders[gap] = order;
        gap = slot;
      }
    }
    orders[gap] = null;
  }

  private int slot(long id) {
    return (int) ((id * GOLDEN) >>> shift);
  }

  private void grow() {
    BookOrder[] oldOrders = orders;
    allocate(orders.length * 2);
    size = 0;
    for (int i = 0; i < oldOrders.length; i++) {
      if (oldOrders[i] != null) {
        put(oldOrders[i]);
      }
    }
  }

  private void allocate(int capacity) {
    ids = new long[capacity];
    orders = new BookOrder[capacity];
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
  }
}
