package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.assertCash;
import static io.showfloor.testing.MarketFixture.book;
import static io.showfloor.testing.MarketFixture.holding;
import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.market;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Continuous trading over HTTP: price-time priority, order types, cancel and reduce")
class ContinuousTradingTest {
  private Listing listing;
  private String symbol;
  private TestUser seller;

  @BeforeEach
  void openMarket() {
    listing = listed("CNT");
    symbol = listing.symbol();
    seller = listing.seller();
    phase(symbol, "continuous");
  }

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static long id(JsonObject placed) {
    return placed.getJsonObject("order").getLong("id");
  }

  @Test
  @DisplayName(
      "a buy walks the asks level by level at each resting price, partly filling the last one")
  void partialFillsAcrossLevels() {
    place(seller, limit(symbol, "sell", 10_000, 3));
    place(seller, limit(symbol, "sell", 10_100, 4));
    long third = id(place(seller, limit(symbol, "sell", 10_200, 5)));
    TestUser buyer = trader(200_000);
    JsonObject placed = place(buyer, limit(symbol, "buy", 10_200, 10));
    JsonArray fills = placed.getJsonArray("fills");
    assertEquals(3, fills.size());
    assertEquals(10_000, fills.getJsonObject(0).getLong("priceCents"));
    assertEquals(3, fills.getJsonObject(0).getLong("quantity"));
    assertEquals(10_100, fills.getJsonObject(1).getLong("priceCents"));
    assertEquals(10_200, fills.getJsonObject(2).getLong("priceCents"));
    assertEquals(3, fills.getJsonObject(2).getLong("quantity"));
    assertEquals("filled", placed.getJsonObject("order").getString("status"));
    // it paid 30,000 + 40,400 + 30,600 = 101,000 of the 102,000 it locked
    assertCash(buyer, 200_000 - 101_000, 0);
    JsonObject rest = seller.api().get("/api/market/orders/" + third).json().getJsonObject("order");
    assertEquals("partial", rest.getString("status"));
    assertEquals(3, rest.getLong("filledQuantity"));
    assertEquals(2, book(symbol).getJsonArray("asks").getJsonObject(0).getLong("quantity"));
  }

  @Test
  @DisplayName("reading an order shows its own fills, from the buyer's side and from the seller's")
  void readingAnOrderShowsItsFills() {
    long firstAsk = id(place(seller, limit(symbol, "sell", 10_000, 3)));
    long secondAsk = id(place(seller, limit(symbol, "sell", 10_100, 4)));
    TestUser buyer = trader(200_000);
    long bid = id(place(buyer, limit(symbol, "buy", 10_100, 5)));
    place(buyer, limit(symbol, "buy", 10_100, 1));

    JsonArray bought = buyer.api().get("/api/market/orders/" + bid).json().getJsonArray("fills");
    assertEquals(2, bought.size());
    assertEquals(10_000, bought.getJsonObject(0).getLong("priceCents"));
    assertEquals(3, bought.getJsonObject(0).getLong("quantity"));
    assertEquals(10_100, bought.getJsonObject(1).getLong("priceCents"));
    assertEquals(2, bought.getJsonObject(1).getLong("quantity"));
    assertEquals("buy", bought.getJsonObject(1).getString("side"));

    JsonArray sold =
        seller.api().get("/api/market/orders/" + secondAsk).json().getJsonArray("fills");
    assertEquals(
        2, sold.size(), "the second ask traded with both bids, and only those fills are its own");
    assertEquals(2, sold.getJsonObject(0).getLong("quantity"));
    assertEquals(1, sold.getJsonObject(1).getLong("quantity"));
    assertEquals("sell", sold.getJsonObject(0).getString("side"));
    assertEquals(
        1, seller.api().get("/api/market/orders/" + firstAsk).json().getJsonArray("fills").size());
  }

  @Test
  @DisplayName("within a price level the earlier order fills first")
  void timePriority() {
    TestUser early = trader(100_000);
    TestUser late = trader(100_000);
    long first = id(place(early, limit(symbol, "buy", 9_900, 5)));
    long second = id(place(late, limit(symbol, "buy", 9_900, 5)));
    place(seller, limit(symbol, "sell", 9_900, 7));
    assertEquals(
        "filled",
        early
            .api()
            .get("/api/market/orders/" + first)
            .json()
            .getJsonObject("order")
            .getString("status"));
    JsonObject later = late.api().get("/api/market/orders/" + second).json().getJsonObject("order");
    assertEquals(2, later.getLong("filledQuantity"));
    assertEquals(1, book(symbol).getJsonArray("bids").getJsonObject(0).getInteger("orders"));
  }

  @Test
  @DisplayName("reducing an order keeps its place (AmendAndCancelAllTest covers increases)")
  void reduceKeepsPriority() {
    TestUser early = trader(100_000);
    TestUser late = trader(100_000);
    long first = id(place(early, limit(symbol, "buy", 9_900, 5)));
    long second = id(place(late, limit(symbol, "buy", 9_900, 5)));
    JsonObject reduced =
        early
            .api()
            .patch("/api/market/orders/" + first, new JsonObject().put("quantity", 2))
            .expect(200)
            .json();
    assertEquals(2, reduced.getJsonObject("order").getLong("quantity"));
    assertCash(early, 100_000 - 19_800, 19_800);
    place(seller, limit(symbol, "sell", 9_900, 3));
    assertEquals(
        "filled",
        early
            .api()
            .get("/api/market/orders/" + first)
            .json()
            .getJsonObject("order")
            .getString("status"));
    assertEquals(
        1,
        late.api()
            .get("/api/market/orders/" + second)
            .json()
            .getJsonObject("order")
            .getLong("filledQuantity"));
    late.api()
        .patch("/api/market/orders/" + second, new JsonObject().put("quantity", 1))
        .expectProblem(422, "quantity_not_above_filled");
  }

  @Test
  @DisplayName(
      "cancel releases the escrow of what is left; a second cancel answers 409 order_not_open")
  void cancel() {
    TestUser buyer = trader(100_000);
    long bid = id(place(buyer, limit(symbol, "buy", 9_800, 10)));
    place(seller, limit(symbol, "sell", 9_800, 4));
    JsonObject cancelled =
        buyer.api().delete("/api/market/orders/" + bid).expect(200).json().getJsonObject("order");
    assertEquals("cancelled", cancelled.getString("status"));
    assertEquals("cancelled_on_request", cancelled.getString("reason"));
    assertCash(buyer, 100_000 - 39_200, 0);
    buyer.api().delete("/api/market/orders/" + bid).expectProblem(409, "order_not_open");
    trader(0).api().delete("/api/market/orders/" + bid).expectProblem(404, "order_not_found");
  }

  @Test
  @DisplayName(
      "a market buy walks the book and its unfilled rest is cancelled, releasing its escrow")
  void marketBuy() {
    place(seller, limit(symbol, "sell", 10_000, 2));
    place(seller, limit(symbol, "sell", 10_500, 2));
    TestUser buyer = trader(100_000);
    JsonObject placed = place(buyer, market(symbol, "buy", 6));
    assertEquals(4, placed.getJsonObject("order").getLong("filledQuantity"));
    assertEquals("cancelled", placed.getJsonObject("order").getString("status"));
    assertEquals("unfilled_remainder", placed.getJsonObject("order").getString("reason"));
    assertCash(buyer, 100_000 - 41_000, 0);
  }

  @Test
  @DisplayName("a market buy with maxCostCents stops before spending more")
  void marketBuyCapped() {
    place(seller, limit(symbol, "sell", 10_000, 2));
    place(seller, limit(symbol, "sell", 10_500, 2));
    TestUser buyer = trader(100_000);
    // 20,000 buys the first level; the 10,000 left cannot pay for a share at 10,500
    JsonObject placed = place(buyer, market(symbol, "buy", 4).put("maxCostCents", 30_000));
    assertEquals(2, placed.getJsonObject("order").getLong("filledQuantity"));
    assertEquals("notional_cap_reached", placed.getJsonObject("order").getString("reason"));
    assertCash(buyer, 80_000, 0);
  }

  @Test
  @DisplayName("a market sell hits the best bids")
  void marketSell() {
    TestUser buyer = trader(100_000);
    place(buyer, limit(symbol, "buy", 9_700, 3));
    JsonObject placed = place(seller, market(symbol, "sell", 2));
    assertEquals(9_700, placed.getJsonArray("fills").getJsonObject(0).getLong("priceCents"));
    assertEquals(2, holding(buyer, symbol).getLong("shares"));
  }

  @Test
  @DisplayName("IOC fills what it can now and cancels the rest; FOK fills completely or not at all")
  void iocAndFok() {
    place(seller, limit(symbol, "sell", 10_000, 3));
    TestUser buyer = trader(100_000);
    JsonObject fok = place(buyer, limit(symbol, "buy", 10_000, 5).put("timeInForce", "FOK"));
    assertEquals("cancelled", fok.getJsonObject("order").getString("status"));
    assertEquals("fill_or_kill_unfillable", fok.getJsonObject("order").getString("reason"));
    assertEquals(0, fok.getJsonArray("fills").size());
    JsonObject ioc = place(buyer, limit(symbol, "buy", 10_000, 5).put("timeInForce", "IOC"));
    assertEquals(3, ioc.getJsonObject("order").getLong("filledQuantity"));
    assertEquals("cancelled", ioc.getJsonObject("order").getString("status"));
    assertEquals(0, book(symbol).getJsonArray("bids").size());
    assertCash(buyer, 70_000, 0);
  }

  @Test
  @DisplayName(
      "an order never trades with its owner's resting order: that one is cancelled and the rest goes on")
  void selfTradePrevention() {
    TestUser trader = trader(300_000);
    place(seller, limit(symbol, "sell", 10_000, 5));
    place(trader, limit(symbol, "buy", 10_000, 5));
    long ownAsk = id(place(trader, limit(symbol, "sell", 10_100, 2)));
    place(seller, limit(symbol, "sell", 10_200, 3));
    JsonObject placed = place(trader, limit(symbol, "buy", 10_200, 3));
    assertEquals(10_200, placed.getJsonArray("fills").getJsonObject(0).getLong("priceCents"));
    JsonObject own = trader.api().get("/api/market/orders/" + ownAsk).json().getJsonObject("order");
    assertEquals("cancelled", own.getString("status"));
    assertEquals("self_trade_prevention", own.getString("reason"));
    assertEquals(8, holding(trader, symbol).getLong("shares"));
    assertEquals(0, holding(trader, symbol).getLong("lockedShares"));
  }

  @Test
  @DisplayName("the same clientOrderId returns the same order instead of placing a second one")
  void clientOrderIdIsIdempotent() {
    TestUser buyer = trader(100_000);
    JsonObject body = limit(symbol, "buy", 9_500, 2).put("clientOrderId", "my-order-1");
    long first =
        buyer
            .api()
            .post("/api/market/orders", body)
            .expect(201)
            .json()
            .getJsonObject("order")
            .getLong("id");
    JsonObject again = buyer.api().post("/api/market/orders", body).expect(200).json();
    assertEquals(first, again.getJsonObject("order").getLong("id"));
    buyer
        .api()
        .post("/api/market/orders", body.copy().put("quantity", 3))
        .expectProblem(409, "client_order_id_reused");
    long viaHeader =
        buyer
            .api()
            .with("Idempotency-Key", "retry-key-7")
            .post("/api/market/orders", limit(symbol, "buy", 9_400, 1))
            .expect(201)
            .json()
            .getJsonObject("order")
            .getLong("id");
    assertEquals(
        viaHeader,
        buyer
            .api()
            .with("Idempotency-Key", "retry-key-7")
            .post("/api/market/orders", limit(symbol, "buy", 9_400, 1))
            .expect(200)
            .json()
            .getJsonObject("order")
            .getLong("id"));
    assertEquals(
        2, buyer.api().get("/api/market/orders?status=open").json().getJsonArray("items").size());
    assertCash(buyer, 100_000 - 19_000 - 9_400, 19_000 + 9_400);
  }

  @Test
  @DisplayName(
      "a retried order that has traded answers with the same fills, and trades nothing more")
  void clientOrderIdRetryAfterFills() {
    place(seller, limit(symbol, "sell", 10_000, 2));
    place(seller, limit(symbol, "sell", 10_050, 5));
    TestUser buyer = trader(200_000);
    JsonObject body = limit(symbol, "buy", 10_050, 4).put("clientOrderId", "filled-then-retried");
    JsonObject first = buyer.api().post("/api/market/orders", body).expect(201).json();
    JsonObject again = buyer.api().post("/api/market/orders", body).expect(200).json();
    assertEquals(
        first.getJsonObject("order").getLong("id"), again.getJsonObject("order").getLong("id"));
    assertEquals(first.getJsonArray("fills").size(), again.getJsonArray("fills").size());
    assertEquals(2, again.getJsonArray("fills").size(), "2 at 100.00, then 2 at 100.50");
    assertEquals(
        first.getJsonArray("fills").getJsonObject(1).getLong("quantity"),
        again.getJsonArray("fills").getJsonObject(1).getLong("quantity"));
    assertEquals("filled", again.getJsonObject("order").getString("status"));
  }

  @Test
  @DisplayName(
      "prices off the tick or outside the band and quantities over the maximum are refused with 422")
  void priceAndSizeRules() {
    Listing coarse =
        listed(
            "TCK",
            new JsonObject()
                .put("tickSizeCents", 5)
                .put("maxOrderQuantity", 50)
                .put("priceBandBps", 1000));
    phase(coarse.symbol(), "continuous");
    TestUser buyer = trader(100_000);
    buyer
        .api()
        .post("/api/market/orders", limit(coarse.symbol(), "buy", 10_002, 1))
        .expectProblem(422, "price_off_tick");
    buyer
        .api()
        .post("/api/market/orders", limit(coarse.symbol(), "buy", 8_995, 1))
        .expectProblem(422, "price_outside_band");
    buyer
        .api()
        .post("/api/market/orders", limit(coarse.symbol(), "buy", 11_005, 1))
        .expectProblem(422, "price_outside_band");
    buyer
        .api()
        .post("/api/market/orders", limit(coarse.symbol(), "buy", 9_000, 51))
        .expectProblem(422, "quantity_above_maximum");
    place(buyer, limit(coarse.symbol(), "buy", 9_000, 1));
    place(buyer, limit(coarse.symbol(), "buy", 11_000, 1));
    assertCash(buyer, 100_000 - 20_000, 20_000);
  }
}
