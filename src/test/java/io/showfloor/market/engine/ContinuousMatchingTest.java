package io.showfloor.market.engine;

import static io.showfloor.market.engine.TestOrders.ALICE;
import static io.showfloor.market.engine.TestOrders.BOB;
import static io.showfloor.market.engine.TestOrders.CAROL;
import static io.showfloor.market.engine.TestOrders.DAVE;
import static io.showfloor.market.engine.TestOrders.buy;
import static io.showfloor.market.engine.TestOrders.fill;
import static io.showfloor.market.engine.TestOrders.marketBuy;
import static io.showfloor.market.engine.TestOrders.marketSell;
import static io.showfloor.market.engine.TestOrders.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Continuous matching")
class ContinuousMatchingTest {
  private OrderBook book;

  @BeforeEach
  void emptyBook() {
    book = new OrderBook();
  }

  @Test
  @DisplayName("an order that crosses nothing rests as active and trades nothing")
  void restsWhenNothingCrosses() {
    book.submit(sell(1, ALICE, 1_010, 10));

    SubmitResult result = book.submit(buy(2, BOB, 1_000, 5));

    assertEquals(OrderStatus.ACTIVE, result.order().status());
    assertEquals(List.of(), result.fills());
    assertEquals(List.of(), result.touched());
    assertEquals(1_000, book.bestBidCents().getAsLong());
    assertEquals(1_010, book.bestAskCents().getAsLong());
  }

  @Test
  @DisplayName(
      "a buy fills across ask levels best price first, each at the resting price, and rests the rest")
  void partialFillsAcrossLevels() {
    book.submit(sell(1, ALICE, 1_000, 10));
    book.submit(sell(2, BOB, 1_001, 10));
    book.submit(sell(3, CAROL, 1_003, 10));

    SubmitResult result = book.submit(buy(4, DAVE, 1_002, 25));

    assertEquals(
        List.of(
            fill(4, DAVE, 1, ALICE, 1_000, 10, Aggressor.BUYER),
            fill(4, DAVE, 2, BOB, 1_001, 10, Aggressor.BUYER)),
        result.fills());
    assertEquals(OrderStatus.PARTIAL, result.order().status());
    assertEquals(20, result.order().filledQuantity());
    assertEquals(5, result.order().openQuantity());
    assertEquals(
        List.of(OrderStatus.FILLED, OrderStatus.FILLED),
        result.touched().stream().map(OrderState::status).toList());
    assertEquals(1_002, book.bestBidCents().getAsLong(), "the remainder rests at its limit");
    assertEquals(1_003, book.bestAskCents().getAsLong());
  }

  @Test
  @DisplayName("a resting order partly filled is reported as partial with its filled quantity")
  void restingOrderPartlyFilled() {
    book.submit(sell(1, ALICE, 1_000, 10));

    SubmitResult result = book.submit(buy(2, BOB, 1_000, 4));

    assertEquals(OrderStatus.FILLED, result.order().status());
    OrderState resting = result.touched().get(0);
    assertEquals(OrderStatus.PARTIAL, resting.status());
    assertEquals(4, resting.filledQuantity());
    assertEquals(6, resting.openQuantity());
    assertEquals(resting, book.order(1).orElseThrow());
  }

  @Test
  @DisplayName("within one price level the older order fills first")
  void timePriorityWithinLevel() {
    book.submit(sell(1, ALICE, 1_000, 5));
    book.submit(sell(2, BOB, 1_000, 5));
    book.submit(sell(3, CAROL, 1_000, 5));

    SubmitResult result = book.submit(buy(4, DAVE, 1_000, 7));

    assertEquals(
        List.of(
            fill(4, DAVE, 1, ALICE, 1_000, 5, Aggressor.BUYER),
            fill(4, DAVE, 2, BOB, 1_000, 2, Aggressor.BUYER)),
        result.fills());
    assertEquals(5, book.order(3).orElseThrow().openQuantity(), "the youngest is untouched");
  }

  @Test
  @DisplayName("a better-priced order fills before an older one at a worse price")
  void priceBeforeTime() {
    book.submit(buy(1, ALICE, 990, 5));
    book.submit(buy(2, BOB, 995, 5));

    SubmitResult result = book.submit(sell(3, CAROL, 980, 5));

    assertEquals(List.of(fill(2, BOB, 3, CAROL, 995, 5, Aggressor.SELLER)), result.fills());
  }

  @Test
  @DisplayName("a market buy walks the book until filled, paying each level's price")
  void marketOrderWalksTheBook() {
    book.submit(sell(1, ALICE, 1_000, 3));
    book.submit(sell(2, BOB, 1_050, 3));
    book.submit(sell(3, CAROL, 1_100, 3));

    SubmitResult result = book.submit(marketBuy(4, DAVE, 7));

    assertEquals(
        List.of(
            fill(4, DAVE, 1, ALICE, 1_000, 3, Aggressor.BUYER),
            fill(4, DAVE, 2, BOB, 1_050, 3, Aggressor.BUYER),
            fill(4, DAVE, 3, CAROL, 1_100, 1, Aggressor.BUYER)),
        result.fills());
    assertEquals(OrderStatus.FILLED, result.order().status());
    assertEquals(0, result.order().priceCents());
  }

  @Test
  @DisplayName("a market order's unfilled remainder is cancelled and never rests")
  void marketRemainderCancelled() {
    book.submit(buy(1, ALICE, 1_000, 4));

    SubmitResult result = book.submit(marketSell(2, BOB, 10));

    assertEquals(OrderStatus.CANCELLED, result.order().status());
    assertEquals(StatusReason.UNFILLED_REMAINDER, result.order().reason());
    assertEquals(4, result.order().filledQuantity());
    assertEquals(0, book.openOrderCount());
  }

  @Test
  @DisplayName("a market order in an empty book is cancelled with nothing filled")
  void marketOrderIntoEmptyBook() {
    SubmitResult result = book.submit(marketBuy(1, ALICE, 10));

    assertEquals(OrderStatus.CANCELLED, result.order().status());
    assertEquals(0, result.order().filledQuantity());
    assertTrue(book.bestBidCents().isEmpty());
  }

  @Test
  @DisplayName("a capped market buy stops before its spend would exceed the cap")
  void marketBuyNotionalCap() {
    book.submit(sell(1, ALICE, 1_000, 5));
    book.submit(sell(2, BOB, 2_000, 5));

    // 5 x 10.00 = 50.00 leaves 25.00: one more share at 20.00 fits, a second would not
    SubmitResult result =
        book.submit(NewOrder.cappedMarketBuy(3, CAROL, 10, TimeInForce.IOC, 7_500));

    assertEquals(
        List.of(
            fill(3, CAROL, 1, ALICE, 1_000, 5, Aggressor.BUYER),
            fill(3, CAROL, 2, BOB, 2_000, 1, Aggressor.BUYER)),
        result.fills());
    assertEquals(OrderStatus.CANCELLED, result.order().status());
    assertEquals(StatusReason.NOTIONAL_CAP_REACHED, result.order().reason());
    assertEquals(4, book.order(2).orElseThrow().openQuantity());
  }

  @Test
  @DisplayName("only a market buy may carry a notional cap")
  void capOnlyOnMarketBuy() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new NewOrder(1, ALICE, Side.BUY, OrderType.LIMIT, 1_000, 1, TimeInForce.GTC, 5_000));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NewOrder(1, ALICE, Side.SELL, OrderType.MARKET, 0, 1, TimeInForce.GTC, 5_000));
  }

  @Test
  @DisplayName("IOC fills what it can at once and cancels the rest instead of resting")
  void immediateOrCancel() {
    book.submit(sell(1, ALICE, 1_000, 3));
    book.submit(sell(2, BOB, 1_010, 3));

    SubmitResult result = book.submit(buy(3, CAROL, 1_000, 5, TimeInForce.IOC));

    assertEquals(List.of(fill(3, CAROL, 1, ALICE, 1_000, 3, Aggressor.BUYER)), result.fills());
    assertEquals(OrderStatus.CANCELLED, result.order().status());
    assertEquals(StatusReason.UNFILLED_REMAINDER, result.order().reason());
    assertEquals(3, result.order().filledQuantity());
    assertTrue(book.bestBidCents().isEmpty(), "nothing of the IOC rests");
  }

  @Test
  @DisplayName("FOK that the book can cover fills completely across levels")
  void fillOrKillFills() {
    book.submit(sell(1, ALICE, 1_000, 3));
    book.submit(sell(2, BOB, 1_010, 3));

    SubmitResult result = book.submit(buy(3, CAROL, 1_010, 5, TimeInForce.FOK));

    assertEquals(OrderStatus.FILLED, result.order().status());
    assertEquals(2, result.fills().size());
    assertEquals(1, book.order(2).orElseThrow().openQuantity());
  }

  @Test
  @DisplayName("FOK that the book cannot cover is cancelled and changes nothing at all")
  void fillOrKillKilled() {
    book.submit(sell(1, ALICE, 1_000, 3));
    book.submit(sell(2, BOB, 1_010, 3));
    book.submit(sell(3, CAROL, 1_000, 2));
    BookDepth before = book.depth(10);

    // Carol's own 2 shares at 10.00 do not count: she may not trade with herself
    SubmitResult result = book.submit(buy(4, CAROL, 1_010, 7, TimeInForce.FOK));

    assertEquals(OrderStatus.CANCELLED, result.order().status());
    assertEquals(StatusReason.FILL_OR_KILL_UNFILLABLE, result.order().reason());
    assertEquals(List.of(), result.fills());
    assertEquals(List.of(), result.touched(), "not even Carol's own order is cancelled");
    assertEquals(before, book.depth(10));
  }

  @Test
  @DisplayName("a FOK market buy respects its notional cap when judging whether it can fill")
  void fillOrKillWithCap() {
    book.submit(sell(1, ALICE, 1_000, 5));

    SubmitResult result = book.submit(NewOrder.cappedMarketBuy(2, BOB, 5, TimeInForce.FOK, 4_999));

    assertEquals(StatusReason.FILL_OR_KILL_UNFILLABLE, result.order().reason());
    assertEquals(5, book.order(1).orElseThrow().openQuantity());
  }

  @Test
  @DisplayName(
      "an owner's incoming order cancels their own resting order instead of trading with it, and goes on matching")
  void selfTradePrevention() {
    book.submit(sell(1, ALICE, 1_000, 5));
    book.submit(sell(2, BOB, 1_000, 5));
    book.submit(sell(3, BOB, 1_005, 5));

    SubmitResult result = book.submit(buy(4, BOB, 1_005, 8));

    assertEquals(List.of(fill(4, BOB, 1, ALICE, 1_000, 5, Aggressor.BUYER)), result.fills());
    assertEquals(List.of(1L, 2L, 3L), result.touched().stream().map(OrderState::orderId).toList());
    OrderState ownAtSamePrice = result.touched().get(1);
    assertEquals(OrderStatus.CANCELLED, ownAtSamePrice.status());
    assertEquals(StatusReason.SELF_TRADE_PREVENTION, ownAtSamePrice.reason());
    assertEquals(StatusReason.SELF_TRADE_PREVENTION, result.touched().get(2).reason());
    assertEquals(OrderStatus.PARTIAL, result.order().status());
    assertEquals(1_005, book.bestBidCents().getAsLong());
    assertTrue(book.bestAskCents().isEmpty());
    assertFalse(book.isCrossed());
  }

  @Test
  @DisplayName("an order the incoming one never reaches is not cancelled by self-trade prevention")
  void selfTradeOnlyWhenReached() {
    book.submit(sell(1, ALICE, 1_000, 5));
    book.submit(sell(2, BOB, 1_000, 5));

    SubmitResult result = book.submit(buy(3, BOB, 1_000, 5));

    assertEquals(List.of(1L), result.touched().stream().map(OrderState::orderId).toList());
    assertTrue(book.order(2).isPresent());
  }

  @Test
  @DisplayName("reducing an order keeps its place in the queue")
  void reduceKeepsPriority() {
    book.submit(sell(1, ALICE, 1_000, 10));
    book.submit(sell(2, BOB, 1_000, 10));

    ReduceResult reduced = book.reduce(1, 4);
    SubmitResult result = book.submit(buy(3, CAROL, 1_000, 6));

    assertEquals(ReduceResult.Outcome.REDUCED, reduced.outcome());
    assertEquals(4, reduced.order().quantity());
    assertEquals(
        List.of(
            fill(3, CAROL, 1, ALICE, 1_000, 4, Aggressor.BUYER),
            fill(3, CAROL, 2, BOB, 1_000, 2, Aggressor.BUYER)),
        result.fills());
  }

  @Test
  @DisplayName("reduce counts the total quantity: a partly filled order keeps its filled shares")
  void reducePartlyFilled() {
    book.submit(sell(1, ALICE, 1_000, 10));
    book.submit(buy(2, BOB, 1_000, 3));

    ReduceResult reduced = book.reduce(1, 5);

    assertEquals(5, reduced.order().quantity());
    assertEquals(3, reduced.order().filledQuantity());
    assertEquals(2, reduced.order().openQuantity());
    assertEquals(OrderStatus.PARTIAL, reduced.order().status());
    assertEquals(List.of(new DepthLevel(1_000, 2, 1)), book.depth(5).asks());
  }

  @Test
  @DisplayName(
      "reduce refuses an increase, a quantity at or below the filled part, and unknown orders")
  void reduceRefusals() {
    book.submit(sell(1, ALICE, 1_000, 10));
    book.submit(buy(2, BOB, 1_000, 3));

    assertEquals(ReduceResult.Outcome.INCREASE_REFUSED, book.reduce(1, 11).outcome());
    assertEquals(ReduceResult.Outcome.NOT_ABOVE_FILLED, book.reduce(1, 3).outcome());
    assertEquals(ReduceResult.Outcome.UNCHANGED, book.reduce(1, 10).outcome());
    assertEquals(ReduceResult.Outcome.UNKNOWN_ORDER, book.reduce(99, 1).outcome());
    assertEquals(10, book.order(1).orElseThrow().quantity());
  }

  @Test
  @DisplayName(
      "cancel removes an open order and reports it cancelled; a second cancel finds nothing")
  void cancel() {
    book.submit(buy(1, ALICE, 1_000, 10));
    book.submit(buy(2, BOB, 990, 10));

    OrderState cancelled = book.cancel(1).orElseThrow();

    assertEquals(OrderStatus.CANCELLED, cancelled.status());
    assertEquals(StatusReason.CANCELLED_ON_REQUEST, cancelled.reason());
    assertEquals(990, book.bestBidCents().getAsLong(), "the emptied level is gone");
    assertTrue(book.cancel(1).isEmpty());
    assertTrue(book.cancel(42).isEmpty());
  }

  @Test
  @DisplayName("a filled order can no longer be cancelled")
  void cancelAfterFill() {
    book.submit(buy(1, ALICE, 1_000, 10));
    book.submit(sell(2, BOB, 1_000, 10));

    assertTrue(book.cancel(1).isEmpty());
  }

  @Test
  @DisplayName("the end of the day expires DAY orders and leaves GTC orders")
  void dayExpiry() {
    book.submit(buy(1, ALICE, 1_000, 10, TimeInForce.DAY));
    book.submit(buy(2, BOB, 1_000, 10, TimeInForce.GTC));
    book.submit(sell(3, CAROL, 1_010, 10, TimeInForce.DAY));

    List<OrderState> expired = book.expireDay();

    assertEquals(List.of(1L, 3L), expired.stream().map(OrderState::orderId).toList());
    assertTrue(
        expired.stream()
            .allMatch(
                order ->
                    order.status() == OrderStatus.EXPIRED
                        && order.reason() == StatusReason.DAY_ENDED));
    assertEquals(List.of(new DepthLevel(1_000, 10, 1)), book.depth(5).bids());
    assertEquals(List.of(), book.depth(5).asks());
  }

  @Test
  @DisplayName(
      "depth aggregates open shares and order counts per price, best first, up to N levels")
  void depthAggregation() {
    book.submit(buy(1, ALICE, 1_000, 10));
    book.submit(buy(2, BOB, 1_000, 5));
    book.submit(buy(3, CAROL, 998, 7));
    book.submit(buy(4, CAROL, 999, 1));
    book.submit(sell(5, DAVE, 1_002, 3));
    book.submit(sell(6, DAVE, 1_001, 4));
    book.submit(sell(7, ALICE, 1_001, 6));
    book.submit(buy(8, BOB, 1_001, 2)); // takes 2 of Dave's 4 at 10.01

    BookDepth depth = book.depth(2);

    assertEquals(List.of(new DepthLevel(1_000, 15, 2), new DepthLevel(999, 1, 1)), depth.bids());
    assertEquals(List.of(new DepthLevel(1_001, 8, 2), new DepthLevel(1_002, 3, 1)), depth.asks());
  }

  @Test
  @DisplayName("an id that is already open is refused")
  void duplicateId() {
    book.submit(buy(1, ALICE, 1_000, 10));

    assertThrows(IllegalArgumentException.class, () -> book.submit(sell(1, BOB, 1_010, 10)));
  }

  @Test
  @DisplayName("each accepted order gets a higher sequence than the one before")
  void sequenceIncreases() {
    long first = book.submit(buy(1, ALICE, 1_000, 10)).order().sequence();
    long second = book.submit(buy(2, ALICE, 1_000, 10)).order().sequence();

    assertTrue(second > first);
  }

  @Test
  @DisplayName("restoring saved orders rebuilds the same queue, filled parts and priority included")
  void restore() {
    OrderBook rebuilt = new OrderBook();
    rebuilt.restore(sell(1, ALICE, 1_000, 10), 4, 17);
    rebuilt.restore(sell(2, BOB, 1_000, 5), 0, 20);

    SubmitResult result = rebuilt.submit(buy(3, CAROL, 1_000, 7));

    assertEquals(
        List.of(
            fill(3, CAROL, 1, ALICE, 1_000, 6, Aggressor.BUYER),
            fill(3, CAROL, 2, BOB, 1_000, 1, Aggressor.BUYER)),
        result.fills());
    assertEquals(21, result.order().sequence());
    assertThrows(
        IllegalStateException.class,
        () -> rebuilt.restore(buy(4, DAVE, 1_000, 1), 0, 30),
        "a restored order may not cross a continuous book");
    assertThrows(
        IllegalArgumentException.class,
        () -> rebuilt.restore(buy(5, DAVE, 900, 1), 0, 5),
        "sequences must ascend");
  }
}
