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

@DisplayName("Amending an order and cancelling them all, over HTTP, with escrow to the cent")
class AmendAndCancelAllTest {
  private Listing listing;
  private String symbol;
  private TestUser seller;

  @BeforeEach
  void openMarket() {
    listing = listed("AMD");
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

  private static JsonObject amend(TestUser trader, long orderId, JsonObject body) {
    return trader.api().patch("/api/market/orders/" + orderId, body).expect(200).json();
  }

  private static JsonObject order(TestUser trader, long orderId) {
    return trader
        .api()
        .get("/api/market/orders/" + orderId)
        .expect(200)
        .json()
        .getJsonObject("order");
  }

  @Test
  @DisplayName(
      "a buy's new price loses its place and moves its escrow to exactly price x quantity, up or down")
  void priceChangeMovesEscrowAndPriority() {
    TestUser early = trader(100_000);
    TestUser late = trader(100_000);
    long first = id(place(early, limit(symbol, "buy", 9_900, 5)));
    long second = id(place(late, limit(symbol, "buy", 9_900, 5)));
    assertCash(early, 100_000 - 49_500, 49_500);

    JsonObject up = amend(early, first, new JsonObject().put("priceCents", 9_950));
    assertEquals(9_950, up.getJsonObject("order").getLong("priceCents"));
    assertEquals(0, up.getJsonArray("fills").size());
    assertCash(early, 100_000 - 49_750, 49_750);
    amend(early, first, new JsonObject().put("priceCents", 9_900).put("quantity", 4));
    assertCash(early, 100_000 - 39_600, 39_600);

    // back at 9,900 the amended order queues behind the one that never moved
    place(seller, limit(symbol, "sell", 9_900, 5));
    assertEquals("filled", order(late, second).getString("status"));
    assertEquals("active", order(early, first).getString("status"));
    assertCash(late, 100_000 - 49_500, 0);
  }

  @Test
  @DisplayName("a lower quantity keeps the order's place; a larger one locks more and goes last")
  void quantityChanges() {
    TestUser early = trader(100_000);
    TestUser late = trader(100_000);
    long first = id(place(early, limit(symbol, "buy", 9_900, 5)));
    long second = id(place(late, limit(symbol, "buy", 9_900, 5)));
    amend(early, first, new JsonObject().put("quantity", 2));
    assertCash(early, 100_000 - 19_800, 19_800);
    place(seller, limit(symbol, "sell", 9_900, 2));
    assertEquals("filled", order(early, first).getString("status"));

    amend(late, second, new JsonObject().put("quantity", 8));
    assertCash(late, 100_000 - 79_200, 79_200);
    TestUser third = trader(100_000);
    long other = id(place(third, limit(symbol, "buy", 9_900, 1)));
    amend(late, second, new JsonObject().put("quantity", 9));
    // the increase sent late's order behind third's
    place(seller, limit(symbol, "sell", 9_900, 1));
    assertEquals("filled", order(third, other).getString("status"));
    assertEquals(0, order(late, second).getLong("filledQuantity"));
    assertCash(late, 100_000 - 89_100, 89_100);
  }

  @Test
  @DisplayName(
      "a new price that crosses trades at once, at the resting prices, and keeps only what the rest needs")
  void crossingAmendTrades() {
    place(seller, limit(symbol, "sell", 10_000, 2));
    place(seller, limit(symbol, "sell", 10_050, 2));
    TestUser buyer = trader(100_000);
    long orderId = id(place(buyer, limit(symbol, "buy", 9_900, 5)));

    JsonObject amended = amend(buyer, orderId, new JsonObject().put("priceCents", 10_100));

    JsonArray fills = amended.getJsonArray("fills");
    assertEquals(2, fills.size());
    assertEquals(10_000, fills.getJsonObject(0).getLong("priceCents"));
    assertEquals(10_050, fills.getJsonObject(1).getLong("priceCents"));
    assertEquals("partial", amended.getJsonObject("order").getString("status"));
    // 4 shares cost 40,100; the last share rests at 10,100
    assertCash(buyer, 100_000 - 40_100 - 10_100, 10_100);
    assertEquals(4, holding(buyer, symbol).getLong("shares"));
    assertEquals(10_100, book(symbol).getJsonArray("bids").getJsonObject(0).getLong("priceCents"));
  }

  @Test
  @DisplayName(
      "a sell's amend moves its locked shares; selling more than is held is 422 and changes nothing")
  void sellAmendLocksShares() {
    TestUser holder = trader(200_000);
    place(seller, limit(symbol, "sell", 10_000, 10));
    place(holder, limit(symbol, "buy", 10_000, 10));
    long sell = id(place(holder, limit(symbol, "sell", 10_500, 4)));
    assertEquals(4, holding(holder, symbol).getLong("lockedShares"));

    amend(holder, sell, new JsonObject().put("quantity", 9).put("priceCents", 10_400));
    assertEquals(9, holding(holder, symbol).getLong("lockedShares"));
    holder
        .api()
        .patch("/api/market/orders/" + sell, new JsonObject().put("quantity", 11))
        .expectProblem(422, "insufficient_shares");
    amend(holder, sell, new JsonObject().put("quantity", 3));
    assertEquals(3, holding(holder, symbol).getLong("lockedShares"));
    JsonObject now = order(holder, sell);
    assertEquals(10_400, now.getLong("priceCents"));
    assertEquals(3, now.getLong("quantity"));
  }

  @Test
  @DisplayName(
      "bad amends are refused with a stable code and change nothing: no cash, ended orders, off tick, "
          + "outside the band, not above the fills, a market order's price, someone else's order")
  void badAmends() {
    TestUser buyer = trader(70_000);
    long orderId = id(place(buyer, limit(symbol, "buy", 9_900, 5)));
    String path = "/api/market/orders/" + orderId;
    buyer
        .api()
        .patch(path, new JsonObject().put("quantity", 8))
        .expectProblem(422, "insufficient_funds");
    buyer
        .api()
        .patch(path, new JsonObject().put("priceCents", 12_001))
        .expectProblem(422, "price_outside_band");
    buyer
        .api()
        .patch(path, new JsonObject().put("priceCents", 0))
        .expectProblem(400, "validation_failed");
    trader(0)
        .api()
        .patch(path, new JsonObject().put("quantity", 1))
        .expectProblem(404, "order_not_found");
    buyer.api().patch(path, new JsonObject()).expectProblem(400, "validation_failed");
    assertCash(buyer, 70_000 - 49_500, 49_500);
    JsonObject unchanged = order(buyer, orderId);
    assertEquals(9_900, unchanged.getLong("priceCents"));
    assertEquals(5, unchanged.getLong("quantity"));

    place(seller, limit(symbol, "sell", 9_900, 2));
    buyer
        .api()
        .patch(path, new JsonObject().put("quantity", 2))
        .expectProblem(422, "quantity_not_above_filled");
    place(seller, limit(symbol, "sell", 9_900, 3));
    buyer
        .api()
        .patch(path, new JsonObject().put("priceCents", 9_800))
        .expectProblem(409, "order_not_open");
    long cancelled = id(place(buyer, limit(symbol, "buy", 9_000, 1)));
    buyer.api().delete("/api/market/orders/" + cancelled).expect(200);
    buyer
        .api()
        .patch("/api/market/orders/" + cancelled, new JsonObject().put("quantity", 1))
        .expectProblem(409, "order_not_open");

    String auction = listed("AMA").symbol();
    phase(auction, "pre_open");
    long marketBuy = id(place(buyer, market(auction, "buy", 1)));
    buyer
        .api()
        .patch("/api/market/orders/" + marketBuy, new JsonObject().put("priceCents", 10_000))
        .expectProblem(422, "price_not_allowed");
  }

  @Test
  @DisplayName(
      "an amended order comes back from a rebuild at its new price, quantity, escrow and place")
  void amendSurvivesRebuild() {
    TestUser early = trader(100_000);
    TestUser late = trader(100_000);
    long first = id(place(early, limit(symbol, "buy", 9_800, 5)));
    long second = id(place(late, limit(symbol, "buy", 9_900, 5)));
    amend(early, first, new JsonObject().put("priceCents", 9_900).put("quantity", 6));
    JsonObject before = book(symbol);
    before.remove("serverTime");

    BookTakeover.rebuildFromDatabase(symbol);

    JsonObject after = book(symbol);
    after.remove("serverTime");
    assertEquals(before, after);
    assertCash(early, 100_000 - 59_400, 59_400);
    place(seller, limit(symbol, "sell", 9_900, 5));
    assertEquals("filled", order(late, second).getString("status"));
    assertEquals(0, order(early, first).getLong("filledQuantity"));
    // a second amend after the rebuild posts under a new ledger key (amend:2)
    amend(early, first, new JsonObject().put("quantity", 7));
    assertCash(early, 100_000 - 69_300, 69_300);
  }

  @Test
  @DisplayName(
      "cancel-all cancels the caller's open orders in one book, or in every book, and releases all escrow")
  void cancelAll() {
    TestUser trader = trader(100_000);
    String other = listed("AMC").symbol();
    phase(other, "continuous");
    place(trader, limit(symbol, "buy", 9_000, 2));
    place(trader, limit(symbol, "buy", 9_100, 3));
    place(trader, limit(other, "buy", 9_500, 1));
    TestUser bystander = trader(50_000);
    long theirs = id(place(bystander, limit(symbol, "buy", 9_000, 1)));
    assertCash(trader, 100_000 - 18_000 - 27_300 - 9_500, 18_000 + 27_300 + 9_500);

    JsonArray one =
        trader
            .api()
            .delete("/api/market/orders?symbol=" + symbol)
            .expect(200)
            .json()
            .getJsonArray("items");
    assertEquals(2, one.size());
    assertEquals("cancelled", one.getJsonObject(0).getString("status"));
    assertCash(trader, 100_000 - 9_500, 9_500);
    assertEquals("active", order(bystander, theirs).getString("status"));

    place(trader, limit(symbol, "buy", 9_200, 1));
    JsonArray all =
        trader.api().delete("/api/market/orders").expect(200).json().getJsonArray("items");
    assertEquals(2, all.size());
    assertCash(trader, 100_000, 0);
    assertEquals(
        0,
        trader.api().delete("/api/market/orders").expect(200).json().getJsonArray("items").size());
    trader
        .api()
        .delete("/api/market/orders?symbol=NOPE1")
        .expectProblem(404, "instrument_not_found");
  }
}
