package io.showfloor.market;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which book holds an order placed through this node, and whose it is, for routing its cancel or
 * reduce without a database read. Both facts never change once the order exists, so a remembered
 * entry is never wrong; whether the order is still open is the book's to say. Orders placed through
 * other nodes, and those that have aged out, are looked up in PostgreSQL as before.
 */
final class PlacedOrders {
  private static final int CAPACITY = 100_000;

  record Placed(String symbol, long userId) {}

  // shared by the HTTP event loops; the critical sections are a map get or put
  private final Map<Long, Placed> orders =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Placed> eldest) {
          return size() > CAPACITY;
        }
      };

  synchronized void remember(long orderId, String symbol, long userId) {
    orders.put(orderId, new Placed(symbol, userId));
  }

  synchronized @Nullable Placed find(long orderId) {
    return orders.get(orderId);
  }
}
