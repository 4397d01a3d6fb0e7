package io.showfloor.market.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The open-order index")
class OrderIndexTest {

  @Test
  @DisplayName("agrees with a HashMap through many random puts and removes, growth included")
  void agreesWithHashMap() {
    OrderIndex index = new OrderIndex();
    Map<Long, BookOrder> expected = new HashMap<>();
    Random random = new Random(11);
    for (int step = 0; step < 200_000; step++) {
      // a narrow id range forces collisions, removals and re-insertions of the same ids
      long id = random.nextInt(20_000) - 1_000;
      if (expected.containsKey(id)) {
        assertSame(expected.remove(id), index.remove(id));
      } else {
        BookOrder order = order(id);
        expected.put(id, order);
        index.put(order);
      }
      long probe = random.nextInt(20_000) - 1_000;
      assertSame(expected.get(probe), index.get(probe));
    }
    assertEquals(expected.size(), index.size());
    expected.forEach((id, order) -> assertSame(order, index.get(id)));
  }

  @Test
  @DisplayName("finds nothing for an id never put or already removed")
  void missing() {
    OrderIndex index = new OrderIndex();
    index.put(order(7));

    assertNull(index.get(8));
    assertSame(index.get(7), index.remove(7));
    assertNull(index.get(7));
    assertNull(index.remove(7));
  }

  private static BookOrder order(long id) {
    return new BookOrder(NewOrder.limit(id, 1, Side.BUY, 100, 1, TimeInForce.GTC), id, 0);
  }
}
