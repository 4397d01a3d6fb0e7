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

@DisplayName("Trailing stops over HTTP: the stop follows the best price, escrowed to the cent")
class TrailingStopOrdersTest {
  private String symbol;
  private TestUser seller;

  @BeforeEach
  void openMarket() {
    Listing listing = listed("TRL");
    symbol = listing.symbol();
    seller = listing.seller();
    phase(symbol, "continuous");
  }

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private JsonObject trailing(String side, String by, long trail, long quantity) {
    return new JsonObject()
        .put("symbol", symbol)
        .put("side", side)
        .put("type", "trailing_stop")
        .put(by, trail)
        .put("quantity", quantity);
  }

  private static long id(JsonObject placed) {
    return placed.getJsonObject("order").getLong("id");
  }

  private static JsonObject order(TestUser trader, long id) {
    return trader.api().get("/api/market/orders/" + id).expect(200).json().getJsonObject("order");
  }

  /** One trade at {@code price}: the seller sells one share to {@code buyer}. */
  private void tradeAt(TestUser buyer, long price) {
    place(buyer, limit(symbol, "buy", price, 1));
    place(seller, limit(symbol, "sell", price, 1));
  }

  @Test
  @DisplayName(
      "a sell trailing by cents locks its shares, ratchets up with the price and not down, survives a rebuild, "
          + "and sells at market in the batch of the trade that reaches it")
  void sellTrailsUpThroughARebuild() {
    TestUser buyer = trader(200_000);
    long sharesBefore = holding(seller, symbol).getLong("shares");
    JsonObject placed =
        place(seller, trailing("sell", "trailCents", 100, 3)).getJsonObject("order");
    long orderId = placed.getLong("id");
    assertEquals("trailing_stop", placed.getString("type"));
    assertEquals(100, placed.getLong("trailCents"));
    assertEquals(9_900, placed.getLong("stopPriceCents"), "one trail below the reference");
    assertEquals(false, placed.getBoolean("triggered"));
    assertEquals(3, holding(seller, symbol).getLong("lockedShares"));
    assertEquals(0, MarketFixtureBook.asks(symbol), "a waiting trailing stop is not on the book");

    tradeAt(buyer, 10_200);
    assertEquals(10_100, order(seller, orderId).getLong("stopPriceCents"), "it follows the rise");
    tradeAt(buyer, 10_150);
    assertEquals(10_100, order(seller, orderId).getLong("stopPriceCents"), "never back down");

    BookTakeover.rebuildFromDatabase(symbol);

    JsonObject restored = order(seller, orderId);
    assertEquals(false, restored.getBoolean("triggered"));
    assertEquals(10_100, restored.getLong("stopPriceCents"));
    assertEquals(3, holding(seller, symbol).getLong("lockedShares"));
    // the rebuilt book carries on from the stored stop: 10,300 moves it to 10,200
    tradeAt(buyer, 10_300);
    assertEquals(10_200, order(seller, orderId).getLong("stopPriceCents"));

    place(buyer, limit(symbol, "buy", 10_200, 4));
    place(seller, limit(symbol, "sell", 10_200, 1));

    JsonObject fired = order(seller, orderId);
    assertEquals("filled", fired.getString("status"));
    assertEquals(true, fired.getBoolean("triggered"));
    assertEquals(3 * 10_200, fired.getLong("filledValueCents"));
    assertEquals(0, holding(seller, symbol).getLong("lockedShares"));
    assertEquals(sharesBefore - 7, holding(seller, symbol).getLong("shares"));
    assertEquals(7, holding(buyer, symbol).getLong("shares"));
    assertCash(buyer, 200_000 - 10_200 - 10_150 - 10_300 - 4 * 10_200, 0);
  }

  @Test
  @DisplayName(
      "a buy trailing by bps locks the band top, follows the price down, fires on the way back up and "
          + "keeps nothing locked after")
  void buyTrailsDownByBps() {
    TestUser buyer = trader(100_000);
    TestUser other = trader(100_000);
    long orderId = id(place(buyer, trailing("buy", "trailBps", 100, 2)));
    // waits like a market buy: escrowed at the band top (12,000) for every share
    assertCash(buyer, 100_000 - 24_000, 24_000);
    assertEquals(10_100, order(buyer, orderId).getLong("stopPriceCents"));

    tradeAt(other, 9_800);
    assertEquals(9_898, order(buyer, orderId).getLong("stopPriceCents"), "1% above the low");
    assertCash(buyer, 100_000 - 24_000, 24_000);

    place(seller, limit(symbol, "sell", 9_900, 5));
    place(other, limit(symbol, "buy", 9_900, 1));

    JsonObject filled = order(buyer, orderId);
    assertEquals("filled", filled.getString("status"));
    assertEquals(2 * 9_900, filled.getLong("filledValueCents"));
    assertCash(buyer, 100_000 - 19_800, 0);
    assertEquals(2, holding(buyer, symbol).getLong("shares"));
  }

  @Test
  @DisplayName(
      "bad trailing stops get a stable code and change nothing: no trail, both trails, a zero trail, a trail on a "
          + "limit, a stop price, a trail as large as the price, IOC, an amend while waiting")
  void badTrails() {
    TestUser buyer = trader(100_000);
    JsonObject none = trailing("buy", "trailCents", 1, 1);
    none.remove("trailCents");
    buyer.api().post("/api/market/orders", none).expectProblem(400, "trail_required");
    buyer
        .api()
        .post("/api/market/orders", trailing("buy", "trailCents", 10, 1).put("trailBps", 10))
        .expectProblem(400, "trail_ambiguous");
    buyer
        .api()
        .post("/api/market/orders", trailing("buy", "trailCents", 0, 1))
        .expectProblem(400, "trail_not_positive");
    buyer
        .api()
        .post("/api/market/orders", trailing("buy", "trailBps", 0, 1))
        .expectProblem(400, "trail_not_positive");
    buyer
        .api()
        .post("/api/market/orders", limit(symbol, "buy", 9_000, 1).put("trailCents", 50))
        .expectProblem(400, "trail_not_allowed");
    buyer
        .api()
        .post(
            "/api/market/orders",
            trailing("buy", "trailCents", 50, 1).put("stopPriceCents", 10_100))
        .expectProblem(400, "stop_price_not_allowed");
    seller
        .api()
        .post("/api/market/orders", trailing("sell", "trailCents", 10_000, 1))
        .expectProblem(422, "trail_too_large");
    buyer
        .api()
        .post("/api/market/orders", trailing("buy", "trailCents", 50, 1).put("timeInForce", "IOC"))
        .expectProblem(422, "time_in_force_not_allowed");
    assertCash(buyer, 100_000, 0);
    assertEquals(0, holding(seller, symbol).getLong("lockedShares"));

    long waiting = id(place(buyer, trailing("buy", "trailCents", 50, 1)));
    buyer
        .api()
        .patch("/api/market/orders/" + waiting, new JsonObject().put("quantity", 2))
        .expectProblem(422, "order_waiting_for_trigger");
    buyer.api().delete("/api/market/orders/" + waiting).expect(200);
    assertCash(buyer, 100_000, 0);
  }
}
