package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.holding;
import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Listings, the leaderboard and watchlists")
class ListingsAndTradersTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName(
      "a seller lists 1,000 shares at $100 by default, holds them all, and the listing waits for approval")
  void listingDefaults() {
    TestUser seller = Users.create("seller");
    String symbol = MarketFixture.symbol("DEF");
    long product = io.showfloor.testing.Products.create(seller, 50_000, 1).getLong("id");
    JsonObject listed =
        seller
            .api()
            .post(
                "/api/market/instruments",
                new JsonObject()
                    .put("symbol", symbol)
                    .put("name", "Signed guitar")
                    .put("productId", product))
            .expect(201)
            .json();
    assertEquals("pending", listed.getString("status"));
    assertEquals(1_000, listed.getLong("totalShares"));
    assertEquals(10_000, listed.getLong("referencePriceCents"));
    assertEquals(8_000, listed.getLong("bandLowCents"));
    assertEquals(12_000, listed.getLong("bandHighCents"));
    assertEquals(1_000, listed.getLong("maxOrderQuantity"));
    assertEquals(product, listed.getLong("productId"));
    JsonObject held = holding(seller, symbol);
    assertEquals(1_000, held.getLong("shares"));
    assertEquals(10_000, held.getLong("averageCostCents"));
    seller
        .api()
        .post("/api/market/orders", limit(symbol, "sell", 10_000, 1))
        .expectProblem(409, "instrument_not_approved");

    JsonObject approved =
        LedgerCheck.admin()
            .api()
            .post(
                "/api/market/instruments/" + symbol + "/approve",
                new JsonObject().put("followsSchedule", false).put("feeBasisPoints", 150))
            .expect(200)
            .json();
    assertEquals("approved", approved.getString("status"));
    assertEquals("closed", approved.getString("phase"));
    assertEquals(150, approved.getInteger("feeBps"));
    assertEquals(
        "approved",
        TestNode.api()
            .get("/api/market/instruments/" + symbol)
            .expect(200)
            .json()
            .getString("status"));
  }

  @Test
  @DisplayName(
      "approved instruments are listed by symbol page by page; pending ones only to their seller and admins")
  void listingPages() {
    TestUser seller = Users.create("seller");
    String pending = MarketFixture.symbol("LST");
    seller
        .api()
        .post(
            "/api/market/instruments",
            new JsonObject().put("symbol", pending).put("name", "Pending"))
        .expect(201);
    MarketFixture.listed("LST");
    MarketFixture.listed("LST");
    JsonObject page = TestNode.api().get("/api/market/instruments?limit=1").expect(200).json();
    assertEquals(1, page.getJsonArray("items").size());
    String next = page.getString("nextAfter");
    assertNotNull(next);
    JsonObject second =
        TestNode.api().get("/api/market/instruments?limit=1&after=" + next).expect(200).json();
    assertTrue(
        second.getJsonArray("items").getJsonObject(0).getString("symbol").compareTo(next) > 0);
    assertFalse(
        symbols(TestNode.api().get("/api/market/instruments?limit=200").json()).contains(pending));
    assertTrue(
        symbols(seller.api().get("/api/market/instruments?status=pending&limit=200").json())
            .contains(pending));
    assertTrue(
        symbols(
                LedgerCheck.admin()
                    .api()
                    .get("/api/market/instruments?status=pending&limit=200")
                    .json())
            .contains(pending));
    assertFalse(
        symbols(trader(0).api().get("/api/market/instruments?status=pending&limit=200").json())
            .contains(pending));
    LedgerCheck.admin().api().post("/api/market/instruments/" + pending + "/reject").expect(200);
    assertEquals(
        "rejected",
        seller.api().get("/api/market/instruments/" + pending).json().getString("status"));
  }

  private static List<String> symbols(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getString("symbol"))
        .toList();
  }

  @Test
  @DisplayName(
      "the day's leaderboard ranks realized P&L, shows the caller's rank and streak, and is rebuilt from the database")
  void leaderboard() {
    // a $10,000 share bought at the band bottom and sold at the band top makes a profit no other
    // test comes near
    TestUser seller = Users.create("seller");
    String symbol = MarketFixture.symbol("LDR");
    seller
        .api()
        .post(
            "/api/market/instruments",
            new JsonObject()
                .put("symbol", symbol)
                .put("name", "Expensive")
                .put("totalShares", 100)
                .put("referencePriceCents", 1_000_000))
        .expect(201);
    LedgerCheck.admin()
        .api()
        .post(
            "/api/market/instruments/" + symbol + "/approve",
            new JsonObject().put("followsSchedule", false))
        .expect(200);
    phase(symbol, "continuous");
    TestUser winner = trader(9_000_000);
    TestUser buyer = trader(10_000_000);
    buyer
        .api()
        .post("/api/wallet/deposits", new JsonObject().put("amountCents", 3_000_000))
        .expect(201);
    place(seller, limit(symbol, "sell", 800_000, 10));
    place(winner, limit(symbol, "buy", 800_000, 10));
    place(buyer, limit(symbol, "buy", 1_200_000, 10));
    place(winner, limit(symbol, "sell", 1_200_000, 10));
    // proceeds 12,000,000 - 2% = 11,760,000 for shares that cost 8,000,000
    long winnerPnl = 3_760_000;
    // the seller's shares cost the reference, 10,000,000: sold for 8,000,000 - 160,000
    long sellerPnl = -2_160_000;

    JsonObject board = winner.api().get("/api/market/leaderboard?period=day").expect(200).json();
    JsonObject top = board.getJsonArray("entries").getJsonObject(0);
    assertEquals(winner.id(), top.getLong("userId"));
    assertEquals(winnerPnl, top.getLong("pnlCents"));
    assertEquals(winner.displayName(), top.getString("displayName"));
    assertEquals(1, top.getInteger("winStreak"));
    assertEquals(1, board.getJsonObject("you").getInteger("rank"));
    JsonObject sellerView =
        seller.api().get("/api/market/leaderboard").expect(200).json().getJsonObject("you");
    assertEquals(sellerPnl, sellerView.getLong("pnlCents"));
    assertEquals(0, sellerView.getInteger("winStreak"));
    JsonObject anonymous = TestNode.api().get("/api/market/leaderboard").expect(200).json();
    assertNull(anonymous.getValue("you"));
    assertTrue(anonymous.getJsonArray("entries").size() <= 50);

    // Redis loses the set: the next read rebuilds the same ranking from market_trades
    LocalDate day = LocalDate.parse(board.getString("day"));
    TestNode.get()
        .platform()
        .redis()
        .api()
        .del(List.of(Leaderboard.key(day), Leaderboard.key(day) + ":built"))
        .await();
    JsonObject rebuilt = winner.api().get("/api/market/leaderboard").expect(200).json();
    assertEquals(winner.id(), rebuilt.getJsonArray("entries").getJsonObject(0).getLong("userId"));
    assertEquals(winnerPnl, rebuilt.getJsonArray("entries").getJsonObject(0).getLong("pnlCents"));
    assertEquals(
        sellerPnl,
        seller
            .api()
            .get("/api/market/leaderboard")
            .json()
            .getJsonObject("you")
            .getLong("pnlCents"));
  }

  @Test
  @DisplayName(
      "a trader watches approved instruments; watching twice changes nothing and unwatching removes it")
  void watchlist() {
    String symbol = MarketFixture.listed("WCH").symbol();
    TestUser trader = trader(0);
    trader.api().send("PUT", "/api/market/watchlist/" + symbol, null, null).expect(204);
    trader.api().send("PUT", "/api/market/watchlist/" + symbol, null, null).expect(204);
    JsonArray items =
        trader.api().get("/api/market/watchlist").expect(200).json().getJsonArray("items");
    assertEquals(1, items.size());
    assertEquals(symbol, items.getJsonObject(0).getString("symbol"));
    trader.api().delete("/api/market/watchlist/" + symbol).expect(204);
    assertEquals(0, trader.api().get("/api/market/watchlist").json().getJsonArray("items").size());
  }

  @Test
  @DisplayName(
      "order and trade history come newest first, page by page, filtered by status and symbol")
  void history() {
    var listing = MarketFixture.listed("HIS");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser trader = trader(100_000);
    long first = place(trader, limit(symbol, "buy", 9_000, 1)).getJsonObject("order").getLong("id");
    place(listing.seller(), limit(symbol, "sell", 9_500, 3));
    long second =
        place(trader, limit(symbol, "buy", 9_500, 2)).getJsonObject("order").getLong("id");
    long third = place(trader, limit(symbol, "buy", 9_500, 1)).getJsonObject("order").getLong("id");
    JsonObject page = trader.api().get("/api/market/orders?limit=2").expect(200).json();
    assertEquals(List.of(third, second), ids(page.getJsonArray("items"), "id"));
    JsonObject rest =
        trader.api().get("/api/market/orders?limit=2&before=" + page.getLong("nextBefore")).json();
    assertEquals(List.of(first), ids(rest.getJsonArray("items"), "id"));
    assertEquals(
        List.of(first),
        ids(
            trader
                .api()
                .get("/api/market/orders?status=open&symbol=" + symbol)
                .json()
                .getJsonArray("items"),
            "id"));
    assertEquals(
        List.of(third, second),
        ids(
            trader.api().get("/api/market/orders?status=filled").json().getJsonArray("items"),
            "id"));
    JsonArray fills =
        trader
            .api()
            .get("/api/market/fills?symbol=" + symbol)
            .expect(200)
            .json()
            .getJsonArray("items");
    assertEquals(2, fills.size());
    assertEquals(third, fills.getJsonObject(0).getLong("orderId"));
    assertEquals("buy", fills.getJsonObject(0).getString("side"));
    JsonArray sellerFills =
        listing.seller().api().get("/api/market/fills").json().getJsonArray("items");
    assertEquals("sell", sellerFills.getJsonObject(0).getString("side"));
    assertEquals(190, sellerFills.getJsonObject(0).getLong("feeCents"));
  }

  private static List<Long> ids(JsonArray items, String field) {
    return items.stream().map(i -> ((JsonObject) i).getLong(field)).toList();
  }
}
