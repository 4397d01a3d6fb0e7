package io.showfloor.market.engine;

import static io.showfloor.market.engine.TestOrders.ALICE;
import static io.showfloor.market.engine.TestOrders.BOB;
import static io.showfloor.market.engine.TestOrders.CAROL;
import static io.showfloor.market.engine.TestOrders.DAVE;
import static io.showfloor.market.engine.TestOrders.ERIN;
import static io.showfloor.market.engine.TestOrders.FRANK;
import static io.showfloor.market.engine.TestOrders.buy;
import static io.showfloor.market.engine.TestOrders.fill;
import static io.showfloor.market.engine.TestOrders.marketBuy;
import static io.showfloor.market.engine.TestOrders.marketSell;
import static io.showfloor.market.engine.TestOrders.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.market.engine.AuctionPrice.Decision;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Call auction in the order book")
class CallAuctionTest {
  private OrderBook book;

  @BeforeEach
  void collecting() {
    book = new OrderBook();
    book.enterCallAuction();
  }

  @Test
  @DisplayName("while collecting, crossing orders rest without trading, market orders included")
  void collectsWithoutMatching() {
    SubmitResult first = book.submit(buy(1, ALICE, 1_010, 10));
    SubmitResult second = book.submit(sell(2, BOB, 1_000, 10));
    SubmitResult market = book.submit(marketSell(3, CAROL, 5));

    assertEquals(List.of(), second.fills());
    assertEquals(OrderStatus.ACTIVE, first.order().status());
    assertEquals(OrderStatus.ACTIVE, market.order().status());
    assertTrue(book.isCrossed(), "a collecting book may be crossed");
    assertEquals(3, book.openOrderCount());
    assertEquals(BookMode.CALL_AUCTION, book.mode());
  }

  @Test
  @DisplayName("IOC and FOK orders are rejected while collecting: they cannot wait for the uncross")
  void immediateOrdersRejected() {
    SubmitResult ioc = book.submit(buy(1, ALICE, 1_000, 10, TimeInForce.IOC));
    SubmitResult fok = book.submit(sell(2, BOB, 1_000, 10, TimeInForce.FOK));

    assertEquals(OrderStatus.REJECTED, ioc.order().status());
    assertEquals(StatusReason.NOT_ALLOWED_IN_AUCTION, ioc.order().reason());
    assertEquals(OrderStatus.REJECTED, fok.order().status());
    assertEquals(0, book.openOrderCount());
  }

  @Test
  @DisplayName(
      "uncross fills buyers and sellers in price then time priority, all at the clearing price")
  void uncrossAllocation() {
    book.submit(buy(1, ALICE, 1_020, 100));
    book.submit(buy(2, BOB, 1_010, 100));
    book.submit(buy(3, CAROL, 1_020, 50));
    book.submit(marketBuy(4, DAVE, 30));
    book.submit(sell(5, ERIN, 1_000, 150));
    book.submit(sell(6, FRANK, 990, 100));
    book.submit(sell(7, ALICE, 1_030, 50));

    // price:   990  1000  1010  1020  1030
    // demand:  280   280   280   180    30
    // supply:  100   250   250   250   300
    // 1000 and 1010 both execute 250 with 30 more to buy -> the higher, 1010
    UncrossResult result = book.uncross(1_000);

    assertEquals(new AuctionPrice(1_010, 250, 30, Decision.BUY_PRESSURE), result.price());
    assertEquals(
        List.of(
            fill(
                4,
                DAVE,
                6,
                FRANK,
                1_010,
                30,
                Aggressor.AUCTION), // market buy first, lowest sell first
            fill(
                1,
                ALICE,
                6,
                FRANK,
                1_010,
                70,
                Aggressor.AUCTION), // 1020: Alice is older than Carol
            fill(1, ALICE, 5, ERIN, 1_010, 30, Aggressor.AUCTION),
            fill(3, CAROL, 5, ERIN, 1_010, 50, Aggressor.AUCTION),
            fill(2, BOB, 5, ERIN, 1_010, 70, Aggressor.AUCTION)), // 1010 gets what is left
        result.fills());

    Map<Long, OrderState> touched =
        result.touched().stream()
            .collect(Collectors.toMap(OrderState::orderId, Function.identity()));
    assertEquals(
        List.of(4L, 6L, 1L, 5L, 3L, 2L),
        result.touched().stream().map(OrderState::orderId).toList());
    assertEquals(OrderStatus.PARTIAL, touched.get(2L).status());
    assertEquals(30, touched.get(2L).openQuantity());
    assertEquals(OrderStatus.FILLED, touched.get(5L).status());

    assertEquals(BookMode.CONTINUOUS, book.mode());
    assertFalse(book.isCrossed());
    assertEquals(List.of(new DepthLevel(1_010, 30, 1)), book.depth(5).bids());
    assertEquals(List.of(new DepthLevel(1_030, 50, 1)), book.depth(5).asks());
  }

  @Test
  @DisplayName(
      "after the uncross, market orders left unfilled are cancelled and limit remainders rest")
  void remaindersAfterUncross() {
    book.submit(marketBuy(1, ALICE, 100));
    book.submit(sell(2, BOB, 500, 40));
    book.submit(buy(3, CAROL, 400, 10));

    UncrossResult result = book.uncross(450);

    assertEquals(new AuctionPrice(500, 40, 60, Decision.MOST_VOLUME), result.price());
    OrderState market = result.touched().get(0);
    assertEquals(1, market.orderId());
    assertEquals(OrderStatus.CANCELLED, market.status());
    assertEquals(StatusReason.UNFILLED_AT_UNCROSS, market.reason());
    assertEquals(40, market.filledQuantity());
    assertEquals(List.of(new DepthLevel(400, 10, 1)), book.depth(5).bids());
    assertEquals(1, book.openOrderCount());
  }

  @Test
  @DisplayName("when only market orders can execute, they trade at the reference price")
  void marketOrdersOnlyAtReference() {
    book.submit(marketBuy(1, ALICE, 20));
    book.submit(marketSell(2, BOB, 15));
    book.submit(buy(3, CAROL, 900, 5));

    // at 9.00 demand is 25 and supply 15: the limit buy would add nothing the market orders lack
    UncrossResult result = book.uncross(1_000);

    assertEquals(List.of(fill(1, ALICE, 2, BOB, 1_000, 15, Aggressor.AUCTION)), result.fills());
    assertEquals(Decision.MARKET_ORDERS_ONLY, result.price().decision());
    assertTrue(book.order(1).isEmpty(), "the market buy's unfilled 5 are cancelled");
    assertEquals(List.of(new DepthLevel(900, 5, 1)), book.depth(5).bids());
  }

  @Test
  @DisplayName(
      "when nothing can execute nothing trades, market orders are cancelled and limits stay")
  void nothingExecutes() {
    book.submit(buy(1, ALICE, 990, 10));
    book.submit(buy(2, BOB, 980, 10));
    book.submit(marketBuy(3, CAROL, 10));

    UncrossResult result = book.uncross(1_000);

    assertEquals(List.of(), result.fills());
    assertEquals(Decision.NOTHING_EXECUTES, result.price().decision());
    assertEquals(List.of(3L), result.touched().stream().map(OrderState::orderId).toList());
    assertEquals(2, book.openOrderCount());
    assertEquals(BookMode.CONTINUOUS, book.mode());
  }

  @Test
  @DisplayName(
      "a new order cancels the same owner's resting orders it would cross, so the uncross never self-trades")
  void selfTradePreventionWhileCollecting() {
    book.submit(sell(1, ALICE, 1_000, 10));
    book.submit(sell(2, ALICE, 1_050, 10));
    book.submit(marketSell(3, ALICE, 10));
    book.submit(sell(4, BOB, 1_000, 10));

    SubmitResult result = book.submit(buy(5, ALICE, 1_020, 10));

    assertEquals(List.of(3L, 1L), result.touched().stream().map(OrderState::orderId).toList());
    assertTrue(
        result.touched().stream()
            .allMatch(order -> order.reason() == StatusReason.SELF_TRADE_PREVENTION));
    assertTrue(book.order(2).isPresent(), "Alice's sell at 10.50 does not cross her buy at 10.20");
    UncrossResult uncross = book.uncross(1_000);
    assertEquals(List.of(fill(5, ALICE, 4, BOB, 1_000, 10, Aggressor.AUCTION)), uncross.fills());
  }

  @Test
  @DisplayName("the indicative price shows what the uncross would do without doing it")
  void indicativePrice() {
    book.submit(buy(1, ALICE, 1_010, 10));
    book.submit(sell(2, BOB, 1_000, 6));

    AuctionPrice indicative = book.indicativeUncross(1_005);

    assertEquals(new AuctionPrice(1_010, 6, 4, Decision.BUY_PRESSURE), indicative);
    assertEquals(2, book.openOrderCount());
    assertEquals(indicative, book.uncross(1_005).price());
  }

  @Test
  @DisplayName("cancel and reduce work while collecting; DAY expiry covers collected market orders")
  void commandsWhileCollecting() {
    book.submit(buy(1, ALICE, 1_010, 10));
    book.submit(NewOrder.market(2, BOB, Side.SELL, 10, TimeInForce.DAY));

    assertEquals(ReduceResult.Outcome.REDUCED, book.reduce(1, 4).outcome());
    assertEquals(List.of(2L), book.expireDay().stream().map(OrderState::orderId).toList());
    assertTrue(book.cancel(1).isPresent());
    assertEquals(0, book.openOrderCount());
  }

  @Test
  @DisplayName(
      "a capped market buy is rejected while collecting: its cash limit needs a known price")
  void cappedMarketBuyRejected() {
    SubmitResult result =
        book.submit(NewOrder.cappedMarketBuy(1, ALICE, 10, TimeInForce.GTC, 5_000));

    assertEquals(OrderStatus.REJECTED, result.order().status());
    assertEquals(StatusReason.NOT_ALLOWED_IN_AUCTION, result.order().reason());
    assertEquals(0, book.openOrderCount());
  }

  @Test
  @DisplayName("uncross outside an auction is a programming error")
  void uncrossNeedsAuction() {
    OrderBook continuous = new OrderBook();

    assertThrows(IllegalStateException.class, () -> continuous.uncross(1_000));
  }

  @Test
  @DisplayName("after the uncross, new orders match continuously again")
  void continuousAfterUncross() {
    book.submit(sell(1, ALICE, 1_000, 10));
    book.uncross(1_000);

    SubmitResult result = book.submit(buy(2, BOB, 1_000, 4));

    assertEquals(List.of(fill(2, BOB, 1, ALICE, 1_000, 4, Aggressor.BUYER)), result.fills());
  }
}
