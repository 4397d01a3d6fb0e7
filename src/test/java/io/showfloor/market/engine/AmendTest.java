package io.showfloor.market.engine;

import static io.showfloor.market.engine.TestOrders.ALICE;
import static io.showfloor.market.engine.TestOrders.BOB;
import static io.showfloor.market.engine.TestOrders.CAROL;
import static io.showfloor.market.engine.TestOrders.buy;
import static io.showfloor.market.engine.TestOrders.fill;
import static io.showfloor.market.engine.TestOrders.marketBuy;
import static io.showfloor.market.engine.TestOrders.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Amending an order")
class AmendTest {
  private OrderBook book;

  @BeforeEach
  void emptyBook() {
    book = new OrderBook();
  }

  @Test
  @DisplayName("a lower quantity at the same price keeps the order's place in the queue")
  void decreaseKeepsPriority() {
    book.submit(buy(1, ALICE, 1_000, 10));
    book.submit(buy(2, BOB, 1_000, 10));

    AmendResult result = book.amend(1, 1_000, 4);

    assertEquals(AmendResult.Outcome.REDUCED, result.outcome());
    assertEquals(
        List.of(fill(1, ALICE, 3, CAROL, 1_000, 4, Aggressor.SELLER)),
        book.submit(sell(3, CAROL, 1_000, 4)).fills());
  }

  @Test
  @DisplayName("a larger quantity sends the order behind the others at its price")
  void increaseLosesPriority() {
    book.submit(buy(1, ALICE, 1_000, 10));
    book.submit(buy(2, BOB, 1_000, 10));

    AmendResult result = book.amend(1, 1_000, 12);

    assertEquals(AmendResult.Outcome.REQUEUED, result.outcome());
    assertEquals(12, result.order().quantity());
    assertEquals(
        List.of(fill(2, BOB, 3, CAROL, 1_000, 4, Aggressor.SELLER)),
        book.submit(sell(3, CAROL, 1_000, 4)).fills());
  }

  @Test
  @DisplayName("a new price loses priority even back at the old price, and may trade at once")
  void priceChangeRequeuesAndMatches() {
    book.submit(buy(1, ALICE, 1_000, 10));
    book.submit(buy(2, BOB, 1_000, 10));
    book.submit(sell(3, CAROL, 1_020, 6));

    book.amend(1, 990, 10);
    book.amend(1, 1_000, 10);
    AmendResult crossing = book.amend(2, 1_030, 10);

    assertEquals(List.of(fill(2, BOB, 3, CAROL, 1_020, 6, Aggressor.BUYER)), crossing.fills());
    assertEquals(OrderStatus.PARTIAL, crossing.order().status());
    assertEquals(OrderStatus.FILLED, crossing.touched().get(0).status());
    assertEquals(1_030, book.bestBidCents().getAsLong());
  }

  @Test
  @DisplayName("a partly filled order keeps its fills; a quantity not above them is refused")
  void keepsFills() {
    book.submit(sell(1, ALICE, 1_000, 10));
    book.submit(buy(2, BOB, 1_000, 4));

    assertEquals(AmendResult.Outcome.NOT_ABOVE_FILLED, book.amend(1, 1_000, 4).outcome());
    AmendResult moved = book.amend(1, 1_010, 8);
    assertEquals(4, moved.order().filledQuantity());
    assertEquals(OrderStatus.PARTIAL, moved.order().status());
    assertEquals(4, book.depth(1).asks().get(0).quantity());
    assertEquals(AmendResult.Outcome.UNCHANGED, book.amend(1, 1_010, 8).outcome());
    assertEquals(AmendResult.Outcome.UNKNOWN_ORDER, book.amend(99, 1_010, 8).outcome());
  }

  @Test
  @DisplayName("while collecting an amended order only rests, even when it crosses")
  void collectingOnlyRests() {
    book.enterCallAuction();
    book.submit(sell(1, ALICE, 1_000, 10));
    book.submit(buy(2, BOB, 990, 10));

    AmendResult result = book.amend(2, 1_010, 10);

    assertEquals(List.of(), result.fills());
    assertEquals(true, book.isCrossed());
    assertThrows(IllegalArgumentException.class, () -> book.amend(2, 0, 10));
    book.submit(marketBuy(3, CAROL, 5));
    assertThrows(IllegalArgumentException.class, () -> book.amend(3, 1_000, 5));
    assertEquals(AmendResult.Outcome.REQUEUED, book.amend(3, 0, 7).outcome());
  }
}
