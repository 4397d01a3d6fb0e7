package io.showfloor.market.engine;

import org.jspecify.annotations.Nullable;

/** All open orders at one price, oldest first, with their open quantity kept as a running total. */
final class PriceLevel {
  final long priceCents;
  @Nullable BookOrder head;
  @Nullable BookOrder tail;
  long openQuantity;
  int orderCount;

  PriceLevel(long priceCents) {
    this.priceCents = priceCents;
  }

  boolean isEmpty() {
    return head == null;
  }

  void append(BookOrder order) {
    order.level = this;
    order.prev = tail;
    order.next = null;
    if (tail == null) {
      head = order;
    } else {
      tail.next = order;
    }
    tail = order;
    openQuantity += order.open();
    orderCount++;
  }

  void unlink(BookOrder order) {
    if (order.prev == null) {
      head = order.next;
    } else {
      order.prev.next = order.next;
    }
    if (order.next == null) {
      tail = order.prev;
    } else {
      order.next.prev = order.prev;
    }
    openQuantity -= order.open();
    orderCount--;
    order.level = null;
    order.prev = null;
    order.next = null;
  }

  /** An order at this level traded or was reduced by {@code shares}, keeping its place. */
  void shrink(long shares) {
    openQuantity -= shares;
  }
}
