package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("P&L over time from the daily snapshots")
class PnlHistoryTest {
  private static final ZoneId MARKET_ZONE = ZoneId.of("America/New_York");

  /** One pass of the daily job as if the market's clock showed {@code day} at {@code time}. */
  private static String runJobAt(LocalDate day, Duration time) {
    String at = day.atStartOfDay(MARKET_ZONE).toInstant().plus(time).toString();
    return TestNode.get()
        .vertx()
        .eventBus()
        .<String>request(Markets.PNL_SNAPSHOT_ADDRESS, at)
        .await()
        .body();
  }

  private static JsonObject point(
      String day, long cash, long marketValue, long realized, long unrealized, boolean live) {
    return new JsonObject()
        .put("day", day)
        .put("realizedPnlCents", realized)
        .put("unrealizedPnlCents", unrealized)
        .put("pnlCents", realized + unrealized)
        .put("live", live)
        .put("cashCents", cash)
        .put("marketValueCents", marketValue)
        .put("equityCents", cash + marketValue);
  }

  private static JsonObject publicPoint(JsonObject owners) {
    JsonObject copy = owners.copy();
    copy.remove("cashCents");
    copy.remove("marketValueCents");
    copy.remove("equityCents");
    return copy;
  }

  @Test
  @DisplayName(
      "trades on two days show each day's end-of-day equity and P&L to the cent, today's point live;"
          + " a day is taken once, a late pass takes nothing")
  void twoDaysOfTrades() {
    // days long past, so the node's own job (which only ever takes yesterday) cannot race the test
    LocalDate today = LocalDate.now(MARKET_ZONE);
    LocalDate dayOne = today.minusDays(20);
    LocalDate dayTwo = today.minusDays(19);
    Duration justAfterMidnight = Duration.ofMinutes(5);

    Listing listing = listed("PNL");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser alice = trader(100_000);
    TestUser bob = trader(100_000);

    // day one: Alice buys 5 at $100.00 (the seller pays the 2 % fee)
    place(listing.seller(), limit(symbol, "sell", 10_000, 5));
    place(alice, limit(symbol, "buy", 10_000, 5));
    assertEquals(dayOne.toString(), runJobAt(dayOne.plusDays(1), justAfterMidnight));

    // day two: Alice sells 2 at $105.00 to Bob: realized 21,000 - 20,000 - 420 fee = 580
    place(bob, limit(symbol, "buy", 10_500, 2));
    place(alice, limit(symbol, "sell", 10_500, 2));
    assertEquals("", runJobAt(dayOne.plusDays(1), Duration.ofHours(1)), "day one is taken once");
    assertEquals(
        "", runJobAt(dayTwo.plusDays(1), Duration.ofHours(7)), "too late in the day: nothing");
    assertEquals(dayTwo.toString(), runJobAt(dayTwo.plusDays(1), justAfterMidnight));

    // today the price moves: Bob buys 1 at $102.00 from the seller
    place(listing.seller(), limit(symbol, "sell", 10_200, 1));
    place(bob, limit(symbol, "buy", 10_200, 1));

    JsonArray expected =
        new JsonArray()
            .add(point(dayOne.toString(), 50_000, 50_000, 0, 0, false))
            .add(point(dayTwo.toString(), 70_580, 31_500, 580, 1_500, false))
            .add(point(today.toString(), 70_580, 30_600, 580, 600, true));
    JsonObject series =
        alice.api().get("/api/me/market/pnl?from=" + dayOne + "&to=" + today).expect(200).json();
    assertEquals(dayOne.toString(), series.getString("from"));
    assertEquals(expected, series.getJsonArray("items"), series.encodePrettily());

    // anyone sees the P&L on Alice's trader page, not what she holds
    JsonArray publicExpected = new JsonArray();
    expected.forEach(p -> publicExpected.add(publicPoint((JsonObject) p)));
    JsonObject publicSeries =
        TestNode.api()
            .get("/api/traders/" + alice.id() + "/pnl?from=" + dayOne + "&to=" + today)
            .expect(200)
            .json();
    assertEquals(publicExpected, publicSeries.getJsonArray("items"));

    // a range that ends before today has no live point
    JsonArray past =
        alice
            .api()
            .get("/api/me/market/pnl?from=" + dayTwo + "&to=" + dayTwo)
            .expect(200)
            .json()
            .getJsonArray("items");
    assertEquals(new JsonArray().add(expected.getJsonObject(1)), past);

    // Bob traded only on day two and today: day one has no point for him
    JsonArray bobs =
        bob.api()
            .get("/api/me/market/pnl?from=" + dayOne + "&to=" + today)
            .expect(200)
            .json()
            .getJsonArray("items");
    assertEquals(2, bobs.size(), bobs.encodePrettily());
    assertEquals(dayTwo.toString(), bobs.getJsonObject(0).getString("day"));
  }

  @Test
  @DisplayName(
      "a trader without snapshots sees today's point computed live; bad ranges are refused")
  void emptyStateAndBadInput() {
    TestUser newcomer = trader(25_000);
    JsonObject series = newcomer.api().get("/api/me/market/pnl").expect(200).json();
    LocalDate today = LocalDate.now(MARKET_ZONE);
    assertEquals(today.minusDays(29).toString(), series.getString("from"));
    assertEquals(
        new JsonArray().add(point(today.toString(), 25_000, 0, 0, 0, true)),
        series.getJsonArray("items"));
    assertEquals(
        new JsonArray(),
        newcomer
            .api()
            .get("/api/me/market/pnl?from=2026-01-01&to=2026-01-31")
            .expect(200)
            .json()
            .getJsonArray("items"),
        "no snapshot in a past range: no point");

    newcomer
        .api()
        .get("/api/me/market/pnl?from=2026-02-02&to=2026-02-01")
        .expectProblem(400, "pnl_range_reversed");
    newcomer
        .api()
        .get("/api/me/market/pnl?from=2024-01-01&to=2026-01-01")
        .expectProblem(400, "pnl_range_too_long");
    newcomer.api().get("/api/me/market/pnl?from=yesterday").expectProblem(400, "validation_failed");
    TestNode.api().get("/api/me/market/pnl").expectProblem(401, "unauthorized");
    TestNode.api().get("/api/traders/999999999/pnl").expectProblem(404, "trader_not_found");
    JsonObject visitorView =
        TestNode.api().get("/api/traders/" + newcomer.id() + "/pnl").expect(200).json();
    JsonObject todays = visitorView.getJsonArray("items").getJsonObject(0);
    assertTrue(todays.getBoolean("live"));
    assertNull(todays.getValue("equityCents"), "a visitor does not see the cash");
    assertFalse(todays.containsKey("cashCents"));
  }
}
