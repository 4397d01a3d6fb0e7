package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.assertCash;
import static io.showfloor.testing.MarketFixture.holding;
import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.market;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One-cancels-other pairs and brackets over HTTP, escrowed once and to the cent")
class OcoBracketOrdersTest {
  private String symbol;
  private TestUser seller;

  @BeforeEach
  void openMarket() {
    Listing listing = listed("OCO");
    symbol = listing.symbol();
    seller = listing.seller();
    phase(symbol, "continuous");
  }

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
    io.showfloor.testing.MarketFixture.assertHoldsReconciled();
  }

  private static JsonObject stopLeg(long stop) {
    return new JsonObject().put("type", "stop_market").put("stopPriceCents", stop);
  }

  private static long id(JsonObject order) {
    return order.getLong("id");
  }

  private static JsonObject order(TestUser trader, long id) {
    return trader.api().get("/api/market/orders/" + id).expect(200).json().getJsonObject("order");
  }

  private long lockedShares(TestUser trader) {
    return holding(trader, symbol).getLong("lockedShares");
  }

  private void assertCancelledByOther(TestUser trader, long id) {
    JsonObject leg = order(trader, id);
    assertEquals("cancelled", leg.getString("status"), leg.encode());
    assertEquals("one_cancels_other", leg.getString("reason"));
  }

  @Test
  @DisplayName(
      "a sell OCO locks its shares once; a partial fill of the target cancels the stop in the same batch, and a cancel frees the rest")
  void sellOcoTargetFills() {
    TestUser buyer = trader(100_000);
    JsonObject placed = place(seller, limit(symbol, "sell", 10_500, 10).put("oco", stopLeg(9_500)));
    JsonObject target = placed.getJsonObject("order");
    JsonObject stop = placed.getJsonArray("linkedOrders").getJsonObject(0);
    assertEquals(id(stop), target.getLong("ocoGroupId"), "the stop is placed first");
    assertEquals(id(stop), stop.getLong("ocoGroupId"));
    assertEquals(false, stop.getBoolean("triggered"));
    assertEquals(10, lockedShares(seller), "10 shares locked once, not twice");

    place(buyer, limit(symbol, "buy", 10_500, 4));
    assertCancelledByOther(seller, id(stop));
    JsonObject partly = order(seller, id(target));
    assertEquals("partial", partly.getString("status"));
    assertEquals(6, lockedShares(seller));
    assertCash(buyer, 100_000 - 42_000, 0);

    seller.api().delete("/api/market/orders/" + id(target)).expect(200);
    assertEquals(0, lockedShares(seller));
    assertEquals(996, holding(seller, symbol).getLong("shares"));
  }

  @Test
  @DisplayName(
      "a sell OCO whose stop fires sells at market and takes the target off the book in the same batch")
  void sellOcoStopFires() {
    TestUser buyer = trader(200_000);
    JsonObject placed = place(seller, limit(symbol, "sell", 10_500, 5).put("oco", stopLeg(9_900)));
    long target = id(placed.getJsonObject("order"));
    long stop = id(placed.getJsonArray("linkedOrders").getJsonObject(0));
    place(buyer, limit(symbol, "buy", 9_900, 3));
    place(buyer, limit(symbol, "buy", 9_800, 5));
    // a trade at 9,900 reaches the stop: it sells 2 at 9,900 and 3 at 9,800
    place(seller, limit(symbol, "sell", 9_900, 1));

    JsonObject fired = order(seller, stop);
    assertEquals("filled", fired.getString("status"));
    assertEquals(2 * 9_900 + 3 * 9_800, fired.getLong("filledValueCents"));
    assertCancelledByOther(seller, target);
    assertEquals(0, MarketFixtureBook.asks(symbol), "the target left the book");
    assertEquals(0, lockedShares(seller));
    assertEquals(994, holding(seller, symbol).getLong("shares"));
    assertCash(buyer, 200_000 - 29_700 - 29_400 - 19_600, 19_600);
  }

  @Test
  @DisplayName(
      "a buy OCO locks the larger of its legs' needs once; after a rebuild a fill of the limit leg moves that escrow to it")
  void buyOcoAcrossRebuild() {
    TestUser buyer = trader(500_000);
    JsonObject placed =
        place(
            buyer,
            limit(symbol, "buy", 9_500, 10)
                .put(
                    "oco",
                    new JsonObject().put("type", "stop_market").put("stopPriceCents", 10_500)));
    long limitLeg = id(placed.getJsonObject("order"));
    JsonObject stop = placed.getJsonArray("linkedOrders").getJsonObject(0);
    // the stop-market leg needs the band top (12,000) for 10 shares, more than 9,500 x 10
    assertCash(buyer, 500_000 - 120_000, 120_000);
    assertEquals(120_000, stop.getLong("lockedCents"));
    assertEquals(0, placed.getJsonObject("order").getLong("lockedCents"));

    BookTakeover.rebuildFromDatabase(symbol);

    place(seller, limit(symbol, "sell", 9_500, 4));
    assertCancelledByOther(buyer, id(stop));
    JsonObject partly = order(buyer, limitLeg);
    assertEquals(4, partly.getLong("filledQuantity"));
    // the limit leg now holds what its 6 open shares need; the rest came back
    assertEquals(57_000, partly.getLong("lockedCents"));
    assertCash(buyer, 500_000 - 38_000 - 57_000, 57_000);
    place(seller, limit(symbol, "sell", 9_400, 6));
    assertCash(buyer, 500_000 - 95_000, 0);
    assertEquals(10, holding(buyer, symbol).getLong("shares"));
  }

  @Test
  @DisplayName(
      "cancelling one leg cancels both; cancel-all lists both legs of a pair once and frees everything")
  void cancelLegAndCancelAll() {
    TestUser buyer = trader(300_000);
    JsonObject first =
        place(
            buyer,
            limit(symbol, "buy", 9_000, 5)
                .put(
                    "oco",
                    new JsonObject().put("type", "take_profit").put("stopPriceCents", 9_500)));
    long stop = id(first.getJsonArray("linkedOrders").getJsonObject(0));
    assertCash(buyer, 300_000 - 60_000, 60_000);
    buyer.api().delete("/api/market/orders/" + stop).expect(200);
    assertEquals("cancelled_on_request", order(buyer, stop).getString("reason"));
    assertCancelledByOther(buyer, id(first.getJsonObject("order")));
    assertCash(buyer, 300_000, 0);

    place(seller, limit(symbol, "sell", 10_400, 3).put("oco", stopLeg(9_600)));
    JsonArray cancelled =
        seller
            .api()
            .delete("/api/market/orders?symbol=" + symbol)
            .expect(200)
            .json()
            .getJsonArray("items");
    assertEquals(2, cancelled.size(), cancelled.encode());
    assertEquals(0, lockedShares(seller));
  }

  @Test
  @DisplayName(
      "a bracket's children go live when the entry ends having filled, for the filled quantity; the target's fill cancels the stop")
  void bracketPartialEntry() {
    TestUser buyer = trader(100_000);
    JsonObject entry =
        place(
                buyer,
                limit(symbol, "buy", 10_000, 5)
                    .put(
                        "bracket",
                        new JsonObject()
                            .put("stopPriceCents", 9_500)
                            .put("targetPriceCents", 10_800)))
            .getJsonObject("order");
    assertEquals(10_800, entry.getJsonObject("bracket").getLong("targetPriceCents"));
    assertCash(buyer, 100_000 - 50_000, 50_000);
    place(seller, limit(symbol, "sell", 10_000, 3));
    // the entry is still open for 2: no children yet, 20,000 still locked for the rest
    assertCash(buyer, 100_000 - 30_000 - 20_000, 20_000);
    assertEquals(0, lockedShares(buyer));

    buyer.api().delete("/api/market/orders/" + id(entry)).expect(200);
    assertCash(buyer, 70_000, 0);
    JsonArray children =
        buyer
            .api()
            .get("/api/market/orders?symbol=" + symbol + "&status=open")
            .expect(200)
            .json()
            .getJsonArray("items");
    assertEquals(2, children.size(), children.encode());
    for (Object child : children) {
      JsonObject leg = (JsonObject) child;
      assertEquals(id(entry), leg.getLong("parentOrderId"));
      assertEquals(3, leg.getLong("quantity"));
      assertEquals("sell", leg.getString("side"));
    }
    assertEquals(3, lockedShares(buyer), "3 shares locked once for the pair");

    TestUser taker = trader(100_000);
    place(taker, limit(symbol, "buy", 10_800, 3));
    assertEquals(0, lockedShares(buyer));
    assertEquals(0, holding(buyer, symbol).getLong("shares"));
    // sold 3 x 10,800 = 32,400 less the seller's 2% fee (648)
    assertCash(buyer, 70_000 + 32_400 - 648, 0);
    JsonArray open =
        buyer
            .api()
            .get("/api/market/orders?symbol=" + symbol + "&status=open")
            .expect(200)
            .json()
            .getJsonArray("items");
    assertEquals(0, open.size(), "the stop was cancelled with the target's fill");
  }

  @Test
  @DisplayName(
      "a market bracket fills at once and answers with its children; after a rebuild the stop still fires and cancels the target")
  void bracketAcrossRebuild() {
    TestUser buyer = trader(100_000);
    place(seller, limit(symbol, "sell", 10_000, 4));
    JsonObject placed =
        place(
            buyer,
            market(symbol, "buy", 4)
                .put(
                    "bracket",
                    new JsonObject()
                        .put("stopPriceCents", 9_700)
                        .put("stopLimitPriceCents", 9_600)
                        .put("targetPriceCents", 10_500)));
    JsonArray children = placed.getJsonArray("linkedOrders");
    assertEquals(2, children.size(), placed.encode());
    JsonObject stop = children.getJsonObject(0);
    JsonObject target = children.getJsonObject(1);
    assertEquals("stop_limit", stop.getString("type"));
    assertEquals("limit", target.getString("type"));
    assertEquals(id(stop), target.getLong("ocoGroupId"));
    assertEquals(4, lockedShares(buyer));
    assertCash(buyer, 60_000, 0);

    BookTakeover.rebuildFromDatabase(symbol);

    TestUser bidder = trader(100_000);
    place(bidder, limit(symbol, "buy", 9_700, 5));
    place(seller, limit(symbol, "sell", 9_700, 1));
    // the stop fired at 9,700 and sold its 4 at 9,700 against the bid (its limit is 9,600)
    JsonObject fired = order(buyer, id(stop));
    assertEquals("filled", fired.getString("status"), fired.encode());
    assertCancelledByOther(buyer, id(target));
    assertEquals(0, lockedShares(buyer));
    assertEquals(0, holding(buyer, symbol).getLong("shares"));
    long proceeds = 4 * 9_700;
    assertCash(buyer, 60_000 + proceeds - 776, 0);
    assertNull(order(buyer, id(stop)).getValue("bracket"));
  }

  @Test
  @DisplayName(
      "an entry that fills below its bracket's stop answers with its children: the stop fires at once, sells and cancels the target")
  void bracketStopReachedByEntryFill() {
    TestUser buyer = trader(100_000);
    TestUser bidder = trader(100_000);
    place(seller, limit(symbol, "sell", 9_400, 3));
    place(bidder, limit(symbol, "buy", 9_300, 3));
    // the entry buys 3 at 9,400, under its stop (9,500): the stop child fires as it is placed
    JsonObject placed =
        place(
            buyer,
            limit(symbol, "buy", 10_000, 3)
                .put(
                    "bracket",
                    new JsonObject().put("stopPriceCents", 9_500).put("targetPriceCents", 10_800)));
    assertEquals("filled", placed.getJsonObject("order").getString("status"), placed.encode());
    JsonArray children = placed.getJsonArray("linkedOrders");
    assertEquals(2, children.size(), placed.encode());
    long stop = id(children.getJsonObject(0));
    long target = id(children.getJsonObject(1));
    JsonObject fired = order(buyer, stop);
    assertEquals("filled", fired.getString("status"), fired.encode());
    assertEquals(3 * 9_300, fired.getLong("filledValueCents"));
    assertCancelledByOther(buyer, target);
    assertEquals(0, lockedShares(buyer));
    assertEquals(0, holding(buyer, symbol).getLong("shares"));
    // bought 3 x 9,400, sold 3 x 9,300 less the seller's 2% fee (558)
    assertCash(buyer, 100_000 - 28_200 + 27_900 - 558, 0);
    assertCash(bidder, 100_000 - 27_900, 0);

    // the book still takes orders
    place(seller, limit(symbol, "sell", 10_100, 1));
  }

  @Test
  @DisplayName(
      "bad OCO and bracket orders get a stable code and change nothing; legs and bracket entries are not amended")
  void badInput() {
    TestUser buyer = trader(100_000);
    JsonObject bracket =
        new JsonObject().put("stopPriceCents", 9_500).put("targetPriceCents", 10_500);
    post(buyer, limit(symbol, "sell", 10_000, 1).put("bracket", bracket), 400, "bracket_buy_only");
    post(
        buyer,
        limit(symbol, "buy", 9_500, 1).put("bracket", bracket),
        422,
        "bracket_stop_not_below_entry");
    post(
        buyer,
        limit(symbol, "buy", 10_500, 1).put("bracket", bracket),
        422,
        "bracket_target_not_above_entry");
    post(
        buyer,
        limit(symbol, "buy", 10_000, 1)
            .put("bracket", bracket.copy().put("targetPriceCents", 13_000)),
        422,
        "price_outside_band");
    post(buyer, limit(symbol, "buy", 10_000, 0).put("bracket", bracket), 400, "validation_failed");
    post(
        buyer,
        limit(symbol, "buy", 10_000, 1).put("bracket", bracket.copy().put("stopPriceCents", 0)),
        400,
        "validation_failed");
    post(
        buyer,
        limit(symbol, "buy", 9_000, 1)
            .put("oco", new JsonObject().put("type", "limit").put("priceCents", 9_100)),
        400,
        "oco_needs_trigger");
    post(buyer, market(symbol, "buy", 1).put("oco", stopLeg(10_500)), 400, "oco_leg_not_allowed");
    post(
        buyer,
        limit(symbol, "buy", 9_000, 1).put("oco", stopLeg(10_500)).put("bracket", bracket),
        400,
        "oco_with_bracket");
    post(
        buyer,
        limit(symbol, "buy", 9_000, 1).put("oco", stopLeg(9_500)),
        422,
        "trigger_on_wrong_side");
    post(
        buyer,
        limit(symbol, "buy", 9_000, 9).put("oco", stopLeg(10_500)),
        422,
        "insufficient_funds");
    post(
        trader(0),
        limit(symbol, "sell", 10_500, 1).put("oco", stopLeg(9_500)),
        422,
        "insufficient_shares");
    assertCash(buyer, 100_000, 0);

    JsonObject pair = place(buyer, limit(symbol, "buy", 9_000, 1).put("oco", stopLeg(10_500)));
    long leg = id(pair.getJsonObject("order"));
    buyer
        .api()
        .patch("/api/market/orders/" + leg, new JsonObject().put("quantity", 2))
        .expectProblem(422, "order_linked");
    long entry =
        id(
            place(buyer, limit(symbol, "buy", 9_900, 1).put("bracket", bracket))
                .getJsonObject("order"));
    buyer
        .api()
        .patch("/api/market/orders/" + entry, new JsonObject().put("priceCents", 9_800))
        .expectProblem(422, "order_linked");
    buyer.api().delete("/api/market/orders?symbol=" + symbol).expect(200);
    assertCash(buyer, 100_000, 0);
  }

  private void post(TestUser trader, JsonObject order, int status, String code) {
    trader.api().post("/api/market/orders", order).expectProblem(status, code);
  }
}
