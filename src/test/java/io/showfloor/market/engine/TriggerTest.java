package io.showfloor.market.engine;

import static io.showfloor.market.engine.TestOrders.ALICE;
import static io.showfloor.market.engine.TestOrders.BOB;
import static io.showfloor.market.engine.TestOrders.CAROL;
import static io.showfloor.market.engine.TestOrders.DAVE;
import static io.showfloor.market.engine.TestOrders.ERIN;
import static io.showfloor.market.engine.TestOrders.buy;
import static io.showfloor.market.engine.TestOrders.fill;
import static io.showfloor.market.engine.TestOrders.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stop and take-profit orders wait off the book until a trade reaches their trigger")
class TriggerTest {
  private OrderBook book;

  @BeforeEach
  void emptyBook() {
    book = new OrderBook();
  }

  private static NewOrder stopMarketSell(long id, long owner, long stop, long quantity) {
    return new NewOrder(
        id,
        owner,
        Side.SELL,
        OrderType.MARKET,
        0,
        quantity,
        TimeInForce.GTC,
        NewOrder.NO_NOTIONAL_CAP,
        new Trigger(Trigger.Kind.STOP, stop));
  }

  @Test
  @DisplayName(
      "a sell stop fires in the same command as the trade that reaches it, and its fills are that command's")
  void stopFiresInTheSameCommand() {
    book.submit(buy(1, ALICE, 1_000, 5));
    book.submit(buy(2, BOB, 990, 10));
    SubmitResult waiting = book.submit(stopMarketSell(3, CAROL, 1_000, 4));
    assertTrue(waiting.order().waiting());
    assertEquals(1_000, book.bestBidCents().getAsLong());

    SubmitResult trigger = book.submit(sell(4, DAVE, 1_000, 2));

    assertEquals(
        List.of(
            fill(1, ALICE, 4, DAVE, 1_000, 2, Aggressor.SELLER),
            fill(1, ALICE, 3, CAROL, 1_000, 3, Aggressor.SELLER),
            fill(2, BOB, 3, CAROL, 990, 1, Aggressor.SELLER)),
        trigger.fills());
    OrderState stop =
        trigger.touched().stream().filter(s -> s.orderId() == 3).findFirst().orElseThrow();
    assertEquals(OrderStatus.FILLED, stop.status());
    assertFalse(stop.waiting());
  }

  @Test
  @DisplayName(
      "a take-profit fires when the price moves its way; triggers cascade in the order they were placed")
  void takeProfitAndCascade() {
    book.submit(sell(1, ALICE, 1_010, 3));
    book.submit(sell(2, ALICE, 1_020, 3));
    book.submit(
        new NewOrder(
            3,
            BOB,
            Side.BUY,
            OrderType.LIMIT,
            1_020,
            2,
            TimeInForce.GTC,
            NewOrder.NO_NOTIONAL_CAP,
            new Trigger(Trigger.Kind.STOP, 1_010)));
    book.submit(
        new NewOrder(
            4,
            CAROL,
            Side.BUY,
            OrderType.MARKET,
            0,
            2,
            TimeInForce.GTC,
            NewOrder.NO_NOTIONAL_CAP,
            new Trigger(Trigger.Kind.STOP, 1_020)));
    SubmitResult result = book.submit(buy(5, DAVE, 1_010, 1));
    // DAVE's trade at 1,010 fires BOB's stop-limit, which trades 2 at 1,010; nothing at 1,020 yet
    assertEquals(
        List.of(
            fill(5, DAVE, 1, ALICE, 1_010, 1, Aggressor.BUYER),
            fill(3, BOB, 1, ALICE, 1_010, 2, Aggressor.BUYER)),
        result.fills());
    assertEquals(1, book.waitingOrderCount());
    SubmitResult next = book.submit(buy(6, ERIN, 1_020, 1));
    assertEquals(
        List.of(
            fill(6, ERIN, 2, ALICE, 1_020, 1, Aggressor.BUYER),
            fill(4, CAROL, 2, ALICE, 1_020, 2, Aggressor.BUYER)),
        next.fills());
    assertEquals(0, book.waitingOrderCount());
  }

  @Test
  @DisplayName(
      "a waiting order can be cancelled, expires at the day's end, and is restored waiting")
  void cancelExpireRestore() {
    book.submit(stopMarketSell(1, ALICE, 900, 2));
    assertEquals(OrderStatus.CANCELLED, book.cancel(1).orElseThrow().status());
    book.submit(
        new NewOrder(
            2,
            ALICE,
            Side.SELL,
            OrderType.MARKET,
            0,
            2,
            TimeInForce.DAY,
            NewOrder.NO_NOTIONAL_CAP,
            new Trigger(Trigger.Kind.STOP, 900)));
    assertEquals(List.of(2L), book.expireDay().stream().map(OrderState::orderId).toList());

    OrderBook rebuilt = new OrderBook();
    rebuilt.restoreLastPrice(1_000);
    rebuilt.restore(buy(3, BOB, 950, 5), 0, 7);
    rebuilt.restoreWaiting(stopMarketSell(4, ALICE, 960, 5), 8);
    rebuilt.submit(buy(5, CAROL, 970, 1));
    assertEquals(1, rebuilt.waitingOrderCount());
    SubmitResult fired = rebuilt.submit(sell(6, DAVE, 960, 1));
    assertEquals(List.of(), fired.fills().stream().filter(f -> f.sellOrderId() == 4).toList());
    assertEquals(1, rebuilt.waitingOrderCount(), "the last trade was at 970, above the stop");
    SubmitResult down = rebuilt.submit(sell(7, DAVE, 950, 1));
    assertEquals(4, down.fills().get(1).sellOrderId());
    assertEquals(0, rebuilt.waitingOrderCount());
  }
}
