package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Surveillance that knows market makers, shared addresses and repeated pairs")
class MarketMakerSurveillanceTest {

  private static JsonArray flagsOn(String symbol, TestUser moderator) {
    TestNode.get().vertx().eventBus().request(Markets.SURVEILLANCE_SCAN_ADDRESS, "").await();
    JsonArray mine = new JsonArray();
    moderator
        .api()
        .get("/api/market/surveillance?limit=200")
        .expect(200)
        .json()
        .getJsonArray("items")
        .forEach(
            f -> {
              if (symbol.equals(((JsonObject) f).getString("symbol"))) {
                mine.add(f);
              }
            });
    return mine;
  }

  private static long tradeId(JsonObject placed) {
    return placed.getJsonArray("fills").getJsonObject(0).getLong("tradeId");
  }

  @Test
  @DisplayName(
      "round trips against a liquidity provider's quotes are not flagged, while a real pair trading back and forth is, showing the rule and the trades")
  void liquidityProviderNotFlagged() {
    Listing listing = listed("LPQ");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser maker = trader(500_000);
    JsonObject granted =
        LedgerCheck.admin()
            .api()
            .post(
                "/api/admin/users/" + maker.id() + "/roles",
                new JsonObject().put("role", "liquidity_provider"))
            .expect(200)
            .json();
    assertTrue(granted.getJsonArray("roles").contains("liquidity_provider"), granted.encode());
    TestUser scalper = trader(500_000);
    TestUser a = trader(500_000);
    TestUser b = trader(500_000);
    place(listing.seller(), limit(symbol, "sell", 10_000, 20));
    place(maker, limit(symbol, "buy", 10_000, 10));
    place(scalper, limit(symbol, "buy", 10_000, 5));
    place(a, limit(symbol, "buy", 10_000, 5));

    // the scalper sells into the maker's bid and buys its ask, twice: four trades, both ways
    for (int i = 0; i < 2; i++) {
      place(maker, limit(symbol, "buy", 9_990, 2));
      place(maker, limit(symbol, "sell", 10_010, 2));
      place(scalper, limit(symbol, "sell", 9_990, 2));
      place(scalper, limit(symbol, "buy", 10_010, 2));
    }
    // A and B pass shares back and forth: four trades, both ways
    List<Long> washTrades = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      place(a, limit(symbol, "sell", 10_020, 2));
      washTrades.add(tradeId(place(b, limit(symbol, "buy", 10_020, 2))));
      place(b, limit(symbol, "sell", 10_030, 2));
      washTrades.add(tradeId(place(a, limit(symbol, "buy", 10_030, 2))));
    }

    TestUser moderator = Users.create("moderator");
    JsonArray flags = flagsOn(symbol, moderator);
    for (Object item : flags) {
      JsonObject flag = (JsonObject) item;
      assertTrue(
          flag.getLong("userA") != maker.id() && flag.getLong("userB") != maker.id(),
          "the liquidity provider's quotes are no wash leg: " + flag.encodePrettily());
    }
    JsonObject repeated = null;
    int roundTrips = 0;
    for (Object item : flags) {
      JsonObject flag = (JsonObject) item;
      assertEquals(
          List.of(Math.min(a.id(), b.id()), Math.max(a.id(), b.id())),
          List.of(
              Math.min(flag.getLong("userA"), flag.getLong("userB")),
              Math.max(flag.getLong("userA"), flag.getLong("userB"))),
          flag.encodePrettily());
      if ("repeated_pair".equals(flag.getString("kind"))) {
        repeated = flag;
      } else {
        assertEquals("wash_round_trip", flag.getString("kind"));
        assertTrue(flag.getString("rule").contains("within 60 s"), flag.getString("rule"));
        JsonArray legs = flag.getJsonArray("trades");
        assertEquals(2, legs.size(), flag.encodePrettily());
        assertEquals(
            legs.getJsonObject(0).getLong("sellerId"), legs.getJsonObject(1).getLong("buyerId"));
        roundTrips++;
      }
    }
    // each of the three later legs closes a round trip with every earlier opposite leg
    assertEquals(4, roundTrips, flags.encodePrettily());
    assertTrue(repeated != null, "the back-and-forth pair is flagged: " + flags.encodePrettily());
    assertTrue(repeated.getString("rule").contains("both directions"), repeated.getString("rule"));
    JsonArray trades = repeated.getJsonArray("trades");
    List<Long> shown = new ArrayList<>();
    trades.forEach(t -> shown.add(((JsonObject) t).getLong("id")));
    assertEquals(washTrades, shown, "the flag shows the pair's trades, oldest first");
    assertEquals(10_020L, trades.getJsonObject(0).getLong("priceCents"));
    assertEquals(a.id(), trades.getJsonObject(0).getLong("sellerId"));
    assertEquals(flags.size(), flagsOn(symbol, moderator).size(), "a second scan adds nothing");
  }

  @Test
  @DisplayName("accounts keeping the same shipping address that trade together are flagged once")
  void sharedAddress() {
    Listing listing = listed("ADR");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser first = trader(100_000);
    TestUser second = trader(100_000);
    first
        .api()
        .post(
            "/api/me/addresses",
            new JsonObject()
                .put("name", "One")
                .put("line1", "12 Harbour Street")
                .put("city", "Leith")
                .put("postalCode", "EH6 6AA")
                .put("country", "GB"))
        .expect(201);
    second
        .api()
        .post(
            "/api/me/addresses",
            new JsonObject()
                .put("name", "Two")
                .put("line1", "12 harbour street ")
                .put("city", "Edinburgh")
                .put("postalCode", "eh66aa")
                .put("country", "GB"))
        .expect(201);
    place(listing.seller(), limit(symbol, "sell", 10_000, 2));
    place(first, limit(symbol, "buy", 10_000, 2));
    place(first, limit(symbol, "sell", 10_100, 1));
    long trade = tradeId(place(second, limit(symbol, "buy", 10_100, 1)));
    place(first, limit(symbol, "sell", 10_100, 1));
    place(second, limit(symbol, "buy", 10_100, 1));

    JsonArray flags = flagsOn(symbol, Users.create("moderator"));
    assertEquals(1, flags.size(), flags.encodePrettily());
    JsonObject flag = flags.getJsonObject(0);
    assertEquals("shared_address", flag.getString("kind"));
    assertEquals(Math.min(first.id(), second.id()), flag.getLong("userA"));
    assertTrue(flag.getString("rule").contains("same shipping address"), flag.getString("rule"));
    assertEquals(1, flag.getJsonArray("trades").size());
    assertEquals(trade, flag.getJsonArray("trades").getJsonObject(0).getLong("id"));
  }
}
