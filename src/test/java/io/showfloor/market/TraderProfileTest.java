package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Trader profiles, public trader pages and leaderboard periods")
class TraderProfileTest {

  @Test
  @DisplayName(
      "PATCH /api/me changes name, bio and avatar, refuses bad values changing nothing, and the public page shows them")
  void editProfile() {
    TestUser user = Users.create();
    JsonObject changed =
        user.api()
            .patch(
                "/api/me",
                new JsonObject()
                    .put("displayName", "  Scalper Sam ")
                    .put("bio", "Momentum, mostly.\nNever on Fridays.")
                    .put("avatarUrl", "https://images.example/sam.png"))
            .expect(200)
            .json();
    assertEquals("Scalper Sam", changed.getString("displayName"));
    assertEquals("Momentum, mostly.\nNever on Fridays.", changed.getString("bio"));
    assertEquals("https://images.example/sam.png", changed.getString("avatarUrl"));

    user.api()
        .patch("/api/me", new JsonObject().put("bio", "x".repeat(501)))
        .expectProblem(400, "invalid_bio");
    user.api()
        .patch("/api/me", new JsonObject().put("bio", "bell\u0007"))
        .expectProblem(400, "invalid_bio");
    for (String bad :
        new String[] {"http://images.example/a.png", "javascript:alert(1)", "https://", "/etc/x"}) {
      user.api()
          .patch("/api/me", new JsonObject().put("avatarUrl", bad))
          .expectProblem(400, "invalid_avatar_url");
    }
    user.api()
        .patch("/api/me", new JsonObject().put("displayName", " ").put("bio", "new"))
        .expectProblem(400, "invalid_display_name");
    user.api().patch("/api/me", new JsonObject()).expectProblem(400, "validation_failed");
    user.api()
        .patch("/api/me", new JsonObject().put("email", "x@example.com"))
        .expectProblem(400, "validation_failed");
    JsonObject me = user.api().get("/api/me").expect(200).json();
    assertEquals("Scalper Sam", me.getString("displayName"));
    assertEquals("Momentum, mostly.\nNever on Fridays.", me.getString("bio"), "nothing changed");

    String key =
        user.api()
            .post("/api/me/api-keys", new JsonObject().put("name", "bot"))
            .expect(201)
            .json()
            .getString("key");
    TestNode.api()
        .with("X-API-Key", key)
        .patch("/api/me", new JsonObject().put("bio", "hacked"))
        .expectProblem(403, "session_required");

    // only the fields sent change; null clears
    user.api().patch("/api/me", new JsonObject().putNull("bio")).expect(200);
    JsonObject page = TestNode.api().get("/api/traders/" + user.id()).expect(200).json();
    assertEquals("Scalper Sam", page.getString("displayName"));
    assertNull(page.getString("bio"));
    assertEquals("https://images.example/sam.png", page.getString("avatarUrl"));
    assertEquals(0L, page.getLong("totalTrades"));
    assertNull(page.getValue("winRateBps"));
    assertNull(page.getValue("rank"));
    assertNull(page.getValue("bestTrade"));
    TestNode.api().get("/api/traders/999999999").expectProblem(404, "trader_not_found");
  }

  @Test
  @DisplayName(
      "the trader page counts trades, volume, round-trip wins, best trade and streaks from known trades; week, month and all-time boards rank them")
  void statsFromKnownTrades() {
    MarketFixture.Listing listing = MarketFixture.listed("PRO");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser sam = trader(200_000);
    TestUser other = trader(200_000);
    place(listing.seller(), limit(symbol, "sell", 10_000, 10));
    place(sam, limit(symbol, "buy", 10_000, 10));
    // four round trips, the seller paying 2%: win, loss, win, win
    long[][] sales = {{10_500, 2}, {9_500, 2}, {11_000, 3}, {10_800, 3}};
    for (long[] sale : sales) {
      place(sam, limit(symbol, "sell", sale[0], sale[1]));
      place(other, limit(symbol, "buy", sale[0], sale[1]));
    }
    // 21,000 - 420 - 20,000 = 580; 19,000 - 380 - 20,000 = -1,380; 33,000 - 660 - 30,000 = 2,340;
    // 32,400 - 648 - 30,000 = 1,752
    long realized = 580 - 1_380 + 2_340 + 1_752;

    JsonObject page = TestNode.api().get("/api/traders/" + sam.id()).expect(200).json();
    assertEquals(sam.displayName(), page.getString("displayName"));
    assertEquals(5L, page.getLong("totalTrades"));
    assertEquals(100_000L + 21_000 + 19_000 + 33_000 + 32_400, page.getLong("volumeCents"));
    assertEquals(4L, page.getLong("roundTrips"));
    assertEquals(3L, page.getLong("winningRoundTrips"));
    assertEquals(7_500, page.getInteger("winRateBps"));
    assertEquals(realized, page.getLong("realizedPnlCents"));
    JsonObject best = page.getJsonObject("bestTrade");
    assertEquals(symbol, best.getString("symbol"));
    assertEquals(11_000L, best.getLong("priceCents"));
    assertEquals(3L, best.getLong("quantity"));
    assertEquals(2_340L, best.getLong("pnlCents"));
    assertEquals(2L, page.getLong("currentStreak"));
    assertEquals(2L, page.getLong("longestStreak"));
    assertTrue(page.getLong("rank") >= 1, page.encode());

    JsonObject otherPage = TestNode.api().get("/api/traders/" + other.id()).expect(200).json();
    assertEquals(4L, otherPage.getLong("totalTrades"));
    assertEquals(0L, otherPage.getLong("roundTrips"), "buying closes nothing");

    for (String period : new String[] {"day", "week", "month", "all"}) {
      JsonObject board =
          sam.api().get("/api/market/leaderboard?period=" + period).expect(200).json();
      assertEquals(period, board.getString("period"));
      JsonObject you = board.getJsonObject("you");
      assertEquals(realized, you.getLong("pnlCents"), period + ": " + you);
      JsonArray entries = board.getJsonArray("entries");
      assertTrue(entries.size() <= 50);
      for (int i = 1; i < entries.size(); i++) {
        assertTrue(
            entries.getJsonObject(i - 1).getLong("pnlCents")
                >= entries.getJsonObject(i).getLong("pnlCents"),
            period + " is ranked by P&L");
        assertEquals(i + 1, entries.getJsonObject(i).getInteger("rank"));
      }
      if ("all".equals(period)) {
        assertEquals(
            page.getLong("rank").intValue(),
            you.getInteger("rank"),
            "the page's rank is the all-time board's");
      }
    }
    LocalDate day =
        LocalDate.parse(sam.api().get("/api/market/leaderboard").json().getString("day"));
    JsonObject week = sam.api().get("/api/market/leaderboard?period=week").json();
    assertEquals(DayOfWeek.MONDAY, LocalDate.parse(week.getString("from")).getDayOfWeek());
    assertTrue(!LocalDate.parse(week.getString("from")).isAfter(day));
    assertEquals(
        1,
        LocalDate.parse(
                sam.api().get("/api/market/leaderboard?period=month").json().getString("from"))
            .getDayOfMonth());
    TestNode.api()
        .get("/api/market/leaderboard?period=year")
        .expectProblem(400, "validation_failed");
  }
}
