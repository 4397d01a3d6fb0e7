package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.assertCash;
import static io.showfloor.testing.MarketFixture.holding;
import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stop-market, stop-limit and take-profit orders over HTTP, escrowed to the cent")
class TriggerOrdersTest {
  private Listing listing;
  private String symbol;
  private TestUser seller;

  @BeforeEach
  void openMarket() {
    listing = listed("TRG");
    symbol = listing.symbol();
    seller = listing.seller();
    phase(symbol, "continuous");
  }

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private JsonObject trigger(String type, String side, long stop, long quantity) {
    return new JsonObject()
        .put("symbol", symbol)
        .put("side", side)
        .put("type", type)
        .put("stopPriceCents", stop)
        .put("quantity", quantity);
  }

  private static long id(JsonObject placed) {
    return placed.getJsonObject("order").getLong("id");
  }

  private static JsonObject order(TestUser trader, long id) {
    return trader.api().get("/api/market/orders/" + id).expect(200).json().getJsonObject("order");
  }

  @Test
  @DisplayName(
      "a stop-market sell locks its shares, waits off the book, and sells at market in the batch of the trade that reaches it")
  void stopMarketSell() {
    TestUser buyer = trader(200_000);
    long sharesBefore = holding(seller, symbol).getLong("shares");
    JsonObject placed = place(seller, trigger("stop_market", "sell", 9_900, 4));
    JsonObject waiting = placed.getJsonObject("order");
    assertEquals("stop_market", waiting.getString("type"));
    assertEquals(false, waiting.getBoolean("triggered"));
    assertEquals(4, holding(seller, symbol).getLong("lockedShares"));
    assertEquals(0, MarketFixtureBook.asks(symbol), "a waiting stop is not on the book");

    place(buyer, limit(symbol, "buy", 9_900, 3));
    place(buyer, limit(symbol, "buy", 9_800, 5));
    assertEquals(4, holding(seller, symbol).getLong("lockedShares"));
    // a trade at 9,900 reaches the stop: it sells 2 at 9,900 and 2 at 9,800 at once
    TestUser other = trader(0);
    seller.api().post("/api/market/orders", limit(symbol, "sell", 9_900, 1)).expect(201);

    JsonObject stop = order(seller, id(placed));
    assertEquals("filled", stop.getString("status"));
    assertEquals(true, stop.getBoolean("triggered"));
    assertEquals(2 * 9_900 + 2 * 9_800, stop.getLong("filledValueCents"));
    assertEquals(sharesBefore - 5, holding(seller, symbol).getLong("shares"));
    assertEquals(0, holding(seller, symbol).getLong("lockedShares"));
    assertEquals(5, holding(buyer, symbol).getLong("shares"));
    // the buyer paid 3 x 9,900 + 2 x 9,800 and keeps 3 x 9,800 locked for the rest at 9,800
    assertCash(buyer, 200_000 - 29_700 - 19_600 - 29_400, 29_400);
    assertEquals(0, holding(other, symbol).getLong("shares"));
  }

  @Test
  @DisplayName(
      "a stop-limit buy locks limit x quantity, goes live when a trade reaches its stop, and rests the rest at its limit")
  void stopLimitBuy() {
    TestUser buyer = trader(100_000);
    TestUser trigger = trader(100_000);
    long orderId =
        id(place(buyer, trigger("stop_limit", "buy", 10_100, 5).put("priceCents", 10_200)));
    assertCash(buyer, 100_000 - 51_000, 51_000);
    place(seller, limit(symbol, "sell", 10_100, 3));
    place(trigger, limit(symbol, "buy", 10_100, 1));

    JsonObject live = order(buyer, orderId);
    assertEquals(true, live.getBoolean("triggered"));
    assertEquals("partial", live.getString("status"));
    assertEquals(2, live.getLong("filledQuantity"));
    // 2 bought at 10,100; 3 rest at 10,200
    assertCash(buyer, 100_000 - 20_200 - 30_600, 30_600);
    assertEquals(10_200, MarketFixtureBook.bestBid(symbol));
  }

  @Test
  @DisplayName(
      "a take-profit buy locks the band top, fires when the price falls to it, and keeps nothing locked after")
  void takeProfitBuy() {
    TestUser buyer = trader(100_000);
    long orderId = id(place(buyer, trigger("take_profit", "buy", 9_800, 2)));
    // a market buy waiting is escrowed at the band top (12,000)
    assertCash(buyer, 100_000 - 24_000, 24_000);
    place(seller, limit(symbol, "sell", 9_700, 3));
    TestUser trigger = trader(100_000);
    place(trigger, limit(symbol, "buy", 9_700, 1));

    JsonObject filled = order(buyer, orderId);
    assertEquals("filled", filled.getString("status"));
    assertCash(buyer, 100_000 - 19_400, 0);
    assertEquals(2, holding(buyer, symbol).getLong("shares"));
  }

  @Test
  @DisplayName("a waiting stop comes back from a rebuild and still fires")
  void survivesRebuild() {
    TestUser buyer = trader(100_000);
    long orderId = id(place(buyer, trigger("stop_market", "buy", 10_050, 2)));
    place(seller, limit(symbol, "sell", 10_050, 1));
    place(seller, limit(symbol, "sell", 10_100, 5));

    BookTakeover.rebuildFromDatabase(symbol);

    assertEquals(false, order(buyer, orderId).getBoolean("triggered"));
    assertCash(buyer, 100_000 - 24_000, 24_000);
    place(trader(100_000), limit(symbol, "buy", 10_050, 1));
    JsonObject filled = order(buyer, orderId);
    assertEquals("filled", filled.getString("status"));
    assertEquals(2 * 10_100, filled.getLong("filledValueCents"));
    assertCash(buyer, 100_000 - 20_200, 0);
  }

  @Test
  @DisplayName(
      "bad trigger orders get a stable code and change nothing: wrong side, no stop price, a stop price on a limit, "
          + "IOC, outside the band, an amend while waiting")
  void badTriggers() {
    TestUser buyer = trader(100_000);
    buyer
        .api()
        .post("/api/market/orders", trigger("stop_market", "buy", 9_900, 1))
        .expectProblem(422, "trigger_on_wrong_side");
    buyer
        .api()
        .post("/api/market/orders", trigger("take_profit", "buy", 10_100, 1))
        .expectProblem(422, "trigger_on_wrong_side");
    seller
        .api()
        .post("/api/market/orders", trigger("stop_market", "sell", 10_000, 1))
        .expectProblem(422, "trigger_on_wrong_side");
    JsonObject noStop = trigger("stop_market", "buy", 10_100, 1);
    noStop.remove("stopPriceCents");
    buyer.api().post("/api/market/orders", noStop).expectProblem(400, "stop_price_required");
    buyer
        .api()
        .post("/api/market/orders", limit(symbol, "buy", 9_000, 1).put("stopPriceCents", 9_500))
        .expectProblem(400, "stop_price_not_allowed");
    buyer
        .api()
        .post("/api/market/orders", trigger("stop_limit", "buy", 10_100, 1))
        .expectProblem(400, "price_required");
    buyer
        .api()
        .post(
            "/api/market/orders",
            trigger("stop_market", "buy", 10_100, 1).put("timeInForce", "IOC"))
        .expectProblem(422, "time_in_force_not_allowed");
    buyer
        .api()
        .post("/api/market/orders", trigger("stop_market", "buy", 13_000, 1))
        .expectProblem(422, "price_outside_band");
    assertCash(buyer, 100_000, 0);
    long waiting = id(place(buyer, trigger("stop_market", "buy", 10_100, 1)));
    buyer
        .api()
        .patch("/api/market/orders/" + waiting, new JsonObject().put("quantity", 2))
        .expectProblem(422, "order_waiting_for_trigger");
    buyer.api().delete("/api/market/orders/" + waiting).expect(200);
    assertCash(buyer, 100_000, 0);
  }
}
