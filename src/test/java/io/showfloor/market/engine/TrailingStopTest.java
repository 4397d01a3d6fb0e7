package io.showfloor.market.engine;

import static io.showfloor.market.engine.TestOrders.ALICE;
import static io.showfloor.market.engine.TestOrders.BOB;
import static io.showfloor.market.engine.TestOrders.CAROL;
import static io.showfloor.market.engine.TestOrders.DAVE;
import static io.showfloor.market.engine.TestOrders.buy;
import static io.showfloor.market.engine.TestOrders.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "A trailing stop follows the best trade price since placement, only its favourable way")
class TrailingStopTest {

  private static NewOrder trailingSell(long id, long owner, Trigger trigger, long quantity) {
    return new NewOrder(
        id,
        owner,
        Side.SELL,
        OrderType.MARKET,
        0,
        quantity,
        TimeInForce.GTC,
        NewOrder.NO_NOTIONAL_CAP,
        trigger);
  }

  private static long stopOf(OrderBook book, long id) {
    return book.order(id).orElseThrow().stopPriceCents();
  }

  @Test
  @DisplayName("by cents: a sell's stop rises with every higher trade, never falls, then fires")
  void sellByCents() {
    OrderBook book = new OrderBook();
    book.restoreLastPrice(1_000);
    book.submit(trailingSell(1, ALICE, Trigger.trailing(Side.SELL, 1_000, 20, 0), 2));
    assertEquals(980, stopOf(book, 1));

    // a rise to 1,050 moves the stop to 1,030, within the command that traded
    book.submit(sell(2, BOB, 1_050, 1));
    SubmitResult up = book.submit(buy(3, CAROL, 1_050, 1));
    assertTrue(
        up.touched().stream().anyMatch(s -> s.orderId() == 1 && s.stopPriceCents() == 1_030));
    // a fall to 1,040 leaves it where it is
    book.submit(sell(4, BOB, 1_040, 1));
    book.submit(buy(5, CAROL, 1_040, 1));
    assertEquals(1_030, stopOf(book, 1));
    assertTrue(book.order(1).orElseThrow().waiting());

    // a trade at 1,030 fires it: it sells at market into the bids
    book.submit(buy(6, DAVE, 1_020, 5));
    book.submit(buy(7, CAROL, 1_030, 1));
    SubmitResult fired = book.submit(sell(8, BOB, 1_030, 1));
    OrderState stop =
        fired.touched().stream()
            .filter(s -> s.orderId() == 1 && !s.waiting())
            .findFirst()
            .orElseThrow();
    assertEquals(OrderStatus.FILLED, stop.status());
    assertEquals(0, book.waitingOrderCount());
  }

  @Test
  @DisplayName(
      "the best price within one command counts: up then back down in one sweep fires it at once")
  void bestPriceWithinACommand() {
    OrderBook book = new OrderBook();
    book.restoreLastPrice(1_000);
    book.submit(trailingSell(1, ALICE, Trigger.trailing(Side.SELL, 1_000, 0, 100), 1));
    assertEquals(990, stopOf(book, 1));
    book.submit(buy(2, BOB, 1_100, 1));
    book.submit(buy(3, BOB, 1_080, 1));
    book.submit(buy(4, BOB, 900, 5));
    // one sell sweeps 1,100 (stop 1,089), then 1,080, which is below the stop: it fires
    SubmitResult sweep = book.submit(sell(5, CAROL, 1_000, 2));
    assertEquals(3, sweep.fills().size());
    assertEquals(900, sweep.fills().get(2).priceCents());
    assertEquals(0, book.waitingOrderCount());
  }

  @Test
  @DisplayName("a buy's stop falls with the price and never rises")
  void buyFollowsDown() {
    Trigger t = Trigger.trailing(Side.BUY, 1_000, 25, 0);
    assertEquals(1_025, t.priceCents());
    Trigger down = t.follow(Side.BUY, 950);
    assertEquals(975, down.priceCents());
    assertEquals(975, down.follow(Side.BUY, 960).priceCents());
    assertTrue(down.fires(Side.BUY, 975));
    assertEquals(
        981, Trigger.trailing(Side.SELL, 1_000, 0, 190).follow(Side.SELL, 990).priceCents());
  }

  @Test
  @DisplayName("a trail of zero, or by cents and bps at once, is not a trailing stop")
  void badTrails() {
    assertThrows(IllegalArgumentException.class, () -> Trigger.trailing(Side.SELL, 1_000, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Trigger.trailing(Side.SELL, 1_000, 5, 5));
    assertThrows(
        IllegalArgumentException.class, () -> Trigger.trailing(Side.SELL, 1_000, 1_000, 0));
  }
}
