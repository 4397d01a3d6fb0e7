package io.showfloor.market.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.showfloor.market.engine.AuctionPrice.Decision;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Worked examples for each step of the price rule in docs/API.md "Market". */
@DisplayName("The call-auction clearing price")
class CallAuctionPriceTest {

  @Test
  @DisplayName("is the candidate with the most executable volume")
  void mostVolume() {
    // price:   99   100   101   102
    // demand: 600   600   300   100
    // supply: 200   400   700   700
    // volume: 200   400   300   100
    AuctionPrice price =
        new CallAuctionPrice()
            .buy(102, 100)
            .buy(101, 200)
            .buy(100, 300)
            .sell(99, 200)
            .sell(100, 200)
            .sell(101, 300)
            .clearingPrice(101);

    assertEquals(new AuctionPrice(100, 400, 200, Decision.MOST_VOLUME), price);
  }

  @Test
  @DisplayName("among equal volumes, is the candidate leaving the least surplus")
  void leastSurplus() {
    // price:   100   101
    // demand:  400   300
    // supply:  300   350
    // volume:  300   300
    // surplus: 100 buy, 50 sell -> 101
    AuctionPrice price =
        new CallAuctionPrice()
            .buy(101, 300)
            .buy(100, 100)
            .sell(100, 300)
            .sell(101, 50)
            .clearingPrice(100);

    assertEquals(new AuctionPrice(101, 300, -50, Decision.LEAST_SURPLUS), price);
  }

  @Test
  @DisplayName("with a buy surplus at every remaining candidate, is the highest of them")
  void buyPressure() {
    // price:   100   102   103
    // demand:  300   300   300
    // supply:  100   200   200
    // volume:  100   200   200 -> 102 and 103 tie, both with 100 more to buy -> 103
    AuctionPrice price =
        new CallAuctionPrice().buy(103, 300).sell(100, 100).sell(102, 100).clearingPrice(100);

    assertEquals(new AuctionPrice(103, 200, 100, Decision.BUY_PRESSURE), price);
  }

  @Test
  @DisplayName("with a sell surplus at every remaining candidate, is the lowest of them")
  void sellPressure() {
    // price:   100   101   103
    // demand:  200   200   100
    // supply:  300   300   300
    // volume:  200   200   100 -> 100 and 101 tie, both with 100 more to sell -> 100
    AuctionPrice price =
        new CallAuctionPrice().buy(103, 100).buy(101, 100).sell(100, 300).clearingPrice(103);

    assertEquals(new AuctionPrice(100, 200, -100, Decision.SELL_PRESSURE), price);
  }

  /**
   * A buy at 104 and a sell at 100, 100 shares each: both candidates execute 100 with no surplus,
   * so the reference price decides.
   */
  @Nested
  @DisplayName("when volume and surplus tie without pressure, the reference price decides:")
  class ReferencePriceDecides {
    private AuctionPrice at(long referencePriceCents) {
      return new CallAuctionPrice().buy(104, 100).sell(100, 100).clearingPrice(referencePriceCents);
    }

    @Test
    @DisplayName("the reference itself when it is a candidate")
    void referenceIsCandidate() {
      assertEquals(new AuctionPrice(104, 100, 0, Decision.REFERENCE_PRICE), at(104));
      assertEquals(new AuctionPrice(100, 100, 0, Decision.REFERENCE_PRICE), at(100));
    }

    @Test
    @DisplayName("else the nearest candidate")
    void nearestCandidate() {
      assertEquals(new AuctionPrice(100, 100, 0, Decision.NEAREST_TO_REFERENCE), at(101));
      assertEquals(new AuctionPrice(104, 100, 0, Decision.NEAREST_TO_REFERENCE), at(103));
    }

    @Test
    @DisplayName("the higher candidate when the reference lies exactly halfway")
    void halfwayTakesHigher() {
      assertEquals(new AuctionPrice(104, 100, 0, Decision.HALFWAY_TAKES_HIGHER), at(102));
    }

    @Test
    @DisplayName("the highest candidate when the reference is above them all")
    void referenceAboveAll() {
      assertEquals(new AuctionPrice(104, 100, 0, Decision.REFERENCE_ABOVE_ALL), at(150));
    }

    @Test
    @DisplayName("the lowest candidate when the reference is below them all")
    void referenceBelowAll() {
      assertEquals(new AuctionPrice(100, 100, 0, Decision.REFERENCE_BELOW_ALL), at(90));
    }
  }

  @Test
  @DisplayName(
      "a buy surplus at one candidate and a sell surplus at the other leave it to the reference price")
  void mixedSurplusGoesToReference() {
    // price:   100   104
    // demand:  150   100
    // supply:  100   150
    // volume:  100   100, surplus 50 buy vs 50 sell -> no pressure; 103 is nearest to 104
    AuctionPrice price =
        new CallAuctionPrice()
            .buy(104, 100)
            .buy(100, 50)
            .sell(100, 100)
            .sell(104, 50)
            .clearingPrice(103);

    assertEquals(new AuctionPrice(104, 100, -50, Decision.NEAREST_TO_REFERENCE), price);
  }

  @Test
  @DisplayName("is the reference price when only market orders can execute")
  void onlyMarketOrders() {
    // market orders match 50 each way at every candidate; neither limit order can add to that
    AuctionPrice price =
        new CallAuctionPrice()
            .marketBuy(50)
            .marketSell(50)
            .buy(99, 10)
            .sell(101, 10)
            .clearingPrice(100);

    assertEquals(new AuctionPrice(100, 50, 0, Decision.MARKET_ORDERS_ONLY), price);
  }

  @Test
  @DisplayName("is the reference price when the book holds market orders alone")
  void marketOrdersAlone() {
    AuctionPrice price = new CallAuctionPrice().marketBuy(30).marketSell(20).clearingPrice(1_234);

    assertEquals(new AuctionPrice(1_234, 20, 10, Decision.MARKET_ORDERS_ONLY), price);
  }

  @Test
  @DisplayName("takes a limit price when market orders meet limit orders there")
  void marketMeetsLimit() {
    AuctionPrice price = new CallAuctionPrice().marketBuy(100).sell(101, 100).clearingPrice(90);

    assertEquals(new AuctionPrice(101, 100, 0, Decision.MOST_VOLUME), price);
  }

  @Test
  @DisplayName("executes nothing when no buy and sell can meet")
  void nothingExecutes() {
    AuctionPrice price = new CallAuctionPrice().buy(99, 10).sell(101, 10).clearingPrice(100);

    assertEquals(Decision.NOTHING_EXECUTES, price.decision());
    assertFalse(price.executes());
    assertEquals(0, price.volume());
  }

  @Test
  @DisplayName("executes nothing when only buyers are present, market buys included")
  void onlyBuyers() {
    AuctionPrice price = new CallAuctionPrice().buy(99, 10).marketBuy(5).clearingPrice(100);

    assertEquals(new AuctionPrice(0, 0, 0, Decision.NOTHING_EXECUTES), price);
  }

  @Test
  @DisplayName("executes nothing in an empty book")
  void emptyBook() {
    assertEquals(Decision.NOTHING_EXECUTES, new CallAuctionPrice().clearingPrice(100).decision());
  }

  @Test
  @DisplayName("adds up quantities given at the same price")
  void samePriceAddsUp() {
    AuctionPrice split =
        new CallAuctionPrice().buy(100, 30).buy(100, 70).sell(100, 100).clearingPrice(50);

    assertEquals(new AuctionPrice(100, 100, 0, Decision.MOST_VOLUME), split);
  }
}
