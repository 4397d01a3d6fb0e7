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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Trading phases: collecting, call auctions, close and halt over HTTP")
class TradingPhasesTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName("pre_open collects crossing orders without trading and shows the indicative uncross")
  void preOpenCollects() {
    Listing listing = listed("PRE");
    phase(listing.symbol(), "pre_open");
    TestUser buyer = trader(200_000);
    JsonObject bid = place(buyer, limit(listing.symbol(), "buy", 10_500, 10));
    JsonObject ask = place(listing.seller(), limit(listing.symbol(), "sell", 10_000, 8));
    assertEquals(0, bid.getJsonArray("fills").size());
    assertEquals(0, ask.getJsonArray("fills").size());
    JsonObject book = book(listing.symbol());
    assertEquals(10_500, book.getJsonArray("bids").getJsonObject(0).getLong("priceCents"));
    assertEquals(10_000, book.getJsonArray("asks").getJsonObject(0).getLong("priceCents"));
    JsonObject indicative = book.getJsonObject("indicative");
    assertEquals(8, indicative.getLong("volume"));
    assertEquals("pre_open", book.getString("phase"));
  }

  @Test
  @DisplayName(
      "leaving the opening auction uncrosses at the rule's price: equal volume and surplus, sell pressure takes the lowest")
  void openingAuctionUncross() {
    Listing listing = listed("OPN");
    String symbol = listing.symbol();
    phase(symbol, "pre_open");
    TestUser first = trader(200_000);
    TestUser second = trader(100_000);
    long b1 = place(first, limit(symbol, "buy", 10_500, 10)).getJsonObject("order").getLong("id");
    long b2 = place(second, limit(symbol, "buy", 10_300, 5)).getJsonObject("order").getLong("id");
    long s1 =
        place(listing.seller(), limit(symbol, "sell", 10_000, 8))
            .getJsonObject("order")
            .getLong("id");
    long s2 =
        place(listing.seller(), limit(symbol, "sell", 10_400, 6))
            .getJsonObject("order")
            .getLong("id");
    phase(symbol, "opening_auction");
    // demand at 10,000/10,300/10,400/10,500: 15/15/10/10; supply 8/8/14/14. Most volume (10) at
    // 10,400 and 10,500,
    // both with a sell surplus of 4: the lowest, 10,400, wins
    JsonObject moved = phase(symbol, "continuous");
    JsonObject uncross = moved.getJsonObject("uncross");
    assertEquals(10_400, uncross.getLong("priceCents"));
    assertEquals(10, uncross.getLong("volume"));
    assertEquals("sell_pressure", uncross.getString("decision"));
    assertEquals("continuous", moved.getJsonObject("instrument").getString("phase"));
    assertEquals(10_400, moved.getJsonObject("instrument").getLong("lastPriceCents"));

    // the earlier, higher buyer fills first; sellers fill in price order: S1's 8 then 2 of S2's
    JsonObject firstOrder = first.api().get("/api/market/orders/" + b1).expect(200).json();
    assertEquals("filled", firstOrder.getJsonObject("order").getString("status"));
    JsonArray fills = firstOrder.getJsonArray("fills");
    assertEquals(2, fills.size());
    assertEquals(8, fills.getJsonObject(0).getLong("quantity"));
    assertEquals(2, fills.getJsonObject(1).getLong("quantity"));
    assertTrue(fills.stream().allMatch(f -> ((JsonObject) f).getLong("priceCents") == 10_400));
    assertEquals(
        "active",
        second
            .api()
            .get("/api/market/orders/" + b2)
            .expect(200)
            .json()
            .getJsonObject("order")
            .getString("status"));
    assertEquals(
        "filled",
        listing
            .seller()
            .api()
            .get("/api/market/orders/" + s1)
            .json()
            .getJsonObject("order")
            .getString("status"));
    JsonObject rest =
        listing.seller().api().get("/api/market/orders/" + s2).json().getJsonObject("order");
    assertEquals("partial", rest.getString("status"));
    assertEquals(2, rest.getLong("filledQuantity"));

    // the book is uncrossed and trades continuously again
    JsonObject book = book(symbol);
    assertEquals(10_300, book.getJsonArray("bids").getJsonObject(0).getLong("priceCents"));
    assertEquals(10_400, book.getJsonArray("asks").getJsonObject(0).getLong("priceCents"));
    assertFalse(book.containsKey("indicative"));

    // escrow: the first buyer locked 105,000 and paid 104,000; the difference came back at the
    // uncross
    assertCash(first, 200_000 - 104_000, 0);
    assertCash(second, 100_000 - 51_500, 51_500);
    assertEquals(10, holding(first, symbol).getLong("shares"));
    // the seller paid 2% of 104,000 on the 10 shares sold
    assertEquals(104_000 - 2_080, io.showfloor.testing.MarketFixture.cash(listing.seller()));
  }

  @Test
  @DisplayName(
      "a market buy waits for the auction escrowed at the band top and fills at the clearing price")
  void marketOrdersInAuction() {
    Listing listing = listed("MKA");
    String symbol = listing.symbol();
    phase(symbol, "opening_auction");
    TestUser buyer = trader(200_000);
    JsonObject order = place(buyer, market(symbol, "buy", 5)).getJsonObject("order");
    // band top at ±20% of 10,000 is 12,000 per share
    assertEquals(60_000, order.getLong("lockedCents"));
    assertCash(buyer, 140_000, 60_000);
    place(listing.seller(), limit(symbol, "sell", 9_500, 3));
    JsonObject uncross = phase(symbol, "continuous").getJsonObject("uncross");
    assertEquals(9_500, uncross.getLong("priceCents"));
    assertEquals(3, uncross.getLong("volume"));
    JsonObject after =
        buyer.api().get("/api/market/orders/" + order.getLong("id")).json().getJsonObject("order");
    assertEquals("cancelled", after.getString("status"));
    assertEquals("unfilled_at_uncross", after.getString("reason"));
    assertEquals(3, after.getLong("filledQuantity"));
    assertCash(buyer, 200_000 - 28_500, 0);
  }

  @Test
  @DisplayName("when only market orders can execute they trade at the reference price")
  void marketOnlyAtReference() {
    Listing listing = listed("MKR");
    String symbol = listing.symbol();
    phase(symbol, "pre_open");
    TestUser buyer = trader(200_000);
    place(buyer, market(symbol, "buy", 4));
    place(listing.seller(), market(symbol, "sell", 4));
    JsonObject uncross = phase(symbol, "continuous").getJsonObject("uncross");
    assertEquals(10_000, uncross.getLong("priceCents"));
    assertEquals("market_orders_only", uncross.getString("decision"));
    assertCash(buyer, 160_000, 0);
  }

  @Test
  @DisplayName("IOC, FOK and maxCostCents are refused while collecting, and nothing is stored")
  void immediateOrdersRefusedInAuction() {
    Listing listing = listed("IOA");
    phase(listing.symbol(), "pre_open");
    TestUser buyer = trader(50_000);
    buyer
        .api()
        .post(
            "/api/market/orders",
            limit(listing.symbol(), "buy", 10_000, 1).put("timeInForce", "IOC"))
        .expectProblem(422, "time_in_force_not_allowed");
    buyer
        .api()
        .post(
            "/api/market/orders",
            limit(listing.symbol(), "buy", 10_000, 1).put("timeInForce", "FOK"))
        .expectProblem(422, "time_in_force_not_allowed");
    buyer
        .api()
        .post("/api/market/orders", market(listing.symbol(), "buy", 1).put("maxCostCents", 10_000))
        .expectProblem(422, "max_cost_not_allowed");
    assertEquals(0, buyer.api().get("/api/market/orders").json().getJsonArray("items").size());
    assertCash(buyer, 50_000, 0);
  }

  @Test
  @DisplayName(
      "the closing auction uncrosses at close, DAY orders expire and release their escrow, GTC orders stay")
  void closingAuctionAndClose() {
    Listing listing = listed("CLS");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser buyer = trader(300_000);
    long dayBid =
        place(buyer, limit(symbol, "buy", 9_000, 10).put("timeInForce", "DAY"))
            .getJsonObject("order")
            .getLong("id");
    long gtcBid =
        place(buyer, limit(symbol, "buy", 8_900, 10)).getJsonObject("order").getLong("id");
    phase(symbol, "closing_auction");
    place(buyer, limit(symbol, "buy", 10_100, 2));
    place(listing.seller(), limit(symbol, "sell", 10_100, 2));
    JsonObject closed = phase(symbol, "closed");
    assertEquals(10_100, closed.getJsonObject("uncross").getLong("priceCents"));
    assertEquals(1, closed.getInteger("expiredOrders"));
    assertEquals(
        "expired",
        buyer
            .api()
            .get("/api/market/orders/" + dayBid)
            .json()
            .getJsonObject("order")
            .getString("status"));
    assertEquals(
        "active",
        buyer
            .api()
            .get("/api/market/orders/" + gtcBid)
            .json()
            .getJsonObject("order")
            .getString("status"));
    assertCash(buyer, 300_000 - 20_200 - 89_000, 89_000);

    // closed: no new orders, but open ones can still be cancelled
    buyer
        .api()
        .post("/api/market/orders", limit(symbol, "buy", 9_000, 1))
        .expectProblem(409, "market_closed");
    buyer.api().delete("/api/market/orders/" + gtcBid).expect(200);
    assertCash(buyer, 300_000 - 20_200, 0);

    // the next pre-open starts a new day: the band is centred on the last price
    JsonObject next = phase(symbol, "pre_open").getJsonObject("instrument");
    assertEquals(10_100, next.getLong("referencePriceCents"));
    assertEquals(12_120, next.getLong("bandHighCents"));
  }

  @Test
  @DisplayName(
      "a halt refuses new orders but lets traders cancel; resuming continues where it stopped")
  void halt() {
    Listing listing = listed("HLT");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser buyer = trader(100_000);
    long bid = place(buyer, limit(symbol, "buy", 9_900, 5)).getJsonObject("order").getLong("id");
    phase(symbol, "halted");
    buyer
        .api()
        .post("/api/market/orders", limit(symbol, "buy", 9_900, 1))
        .expectProblem(409, "market_halted");
    buyer.api().patch("/api/market/orders/" + bid, new JsonObject().put("quantity", 3)).expect(200);
    phase(symbol, "continuous");
    JsonObject sold = place(listing.seller(), limit(symbol, "sell", 9_900, 3));
    assertEquals(3, sold.getJsonArray("fills").getJsonObject(0).getLong("quantity"));
    assertCash(buyer, 100_000 - 29_700, 0);
  }

  @Test
  @DisplayName("only an admin moves phases; unknown and unapproved instruments answer 404 and 409")
  void phaseRights() {
    Listing listing = listed("PHR");
    listing
        .seller()
        .api()
        .post(
            "/api/market/instruments/" + listing.symbol() + "/phase",
            new JsonObject().put("phase", "continuous"))
        .expectProblem(403, "role_required");
    LedgerCheck.admin()
        .api()
        .post("/api/market/instruments/NOPE1/phase", new JsonObject().put("phase", "continuous"))
        .expectProblem(404, "instrument_not_found");
    TestUser seller = io.showfloor.testing.Users.create("seller");
    String pending = io.showfloor.testing.MarketFixture.symbol("PEND");
    seller
        .api()
        .post(
            "/api/market/instruments",
            new JsonObject().put("symbol", pending).put("name", "Pending"))
        .expect(201);
    LedgerCheck.admin()
        .api()
        .post(
            "/api/market/instruments/" + pending + "/phase",
            new JsonObject().put("phase", "continuous"))
        .expectProblem(409, "instrument_not_approved");
  }

  @Test
  @DisplayName(
      "an instrument that follows the schedule is approved into the phase the schedule prescribes now")
  void approvalFollowsSchedule() {
    TestUser seller = io.showfloor.testing.Users.create("seller");
    String symbol = io.showfloor.testing.MarketFixture.symbol("SCH");
    seller
        .api()
        .post(
            "/api/market/instruments",
            new JsonObject().put("symbol", symbol).put("name", "Scheduled"))
        .expect(201);
    Instant before = Instant.now();
    JsonObject approved =
        LedgerCheck.admin()
            .api()
            .post("/api/market/instruments/" + symbol + "/approve")
            .expect(200)
            .json();
    MarketSettings settings = MarketSettings.from(TestNode.get().platform().settings());
    Phase expected = settings.schedule().phaseAt(before);
    assertEquals(expected.apiName(), approved.getString("phase"));
    assertTrue(approved.getBoolean("followsSchedule"));
  }
}
