package io.showfloor.moderation;

import static io.showfloor.moderation.ModerationFixture.act;
import static io.showfloor.moderation.ModerationFixture.decision;
import static io.showfloor.moderation.ModerationFixture.moderator;
import static io.showfloor.moderation.ModerationFixture.notifications;
import static io.showfloor.moderation.ModerationFixture.report;
import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.market.Markets;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The market in the queue: surveillance flags as items, and reported listings")
class MarketItemsTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  /**
   * A round trip between a and b on a fresh listing, flagged by a scan; answers the flag's queue
   * item.
   */
  private static JsonObject washTrade(TestUser a, TestUser b, TestUser mod) {
    Listing listing = listed("MOD");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    place(listing.seller(), limit(symbol, "sell", 10_000, 5));
    place(a, limit(symbol, "buy", 10_000, 5));
    place(a, limit(symbol, "sell", 10_050, 5));
    place(b, limit(symbol, "buy", 10_050, 5));
    place(b, limit(symbol, "sell", 10_040, 5));
    place(a, limit(symbol, "buy", 10_040, 5));
    TestNode.get().vertx().eventBus().request(Markets.SURVEILLANCE_SCAN_ADDRESS, "").await();
    return mod
        .api()
        .get("/api/moderation/queue?targetType=market_flag&limit=200")
        .expect(200)
        .json()
        .getJsonArray("items")
        .stream()
        .map(i -> (JsonObject) i)
        .filter(i -> symbol.equals(i.getJsonObject("target").getString("symbol")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no queue item for the flag on " + symbol));
  }

  @Test
  @DisplayName(
      "a wash-trade flag is a queue item; deciding on it there closes the market's flag, the one record of its status")
  void flagsInQueue() {
    TestUser a = trader(100_000);
    TestUser b = trader(100_000);
    TestUser mod = moderator();
    JsonObject item = washTrade(a, b, mod);
    assertEquals("open", item.getString("status"));
    assertEquals(new JsonArray().add(a.id()).add(b.id()), item.getJsonArray("subjectUserIds"));
    assertEquals("wash_round_trip", item.getJsonObject("target").getString("kind"));
    assertTrue(
        item.getJsonObject("target").getString("rule").startsWith("wash_round_trip:"),
        "the queue shows the rule that fired: " + item.encode());
    assertEquals(2, item.getJsonObject("target").getJsonArray("tradeIds").size());
    long flagId = item.getLong("targetId");

    act(mod, item.getLong("id"), decision("warn_user").put("note", "self-dealing is not allowed"));
    JsonObject flag =
        mod
            .api()
            .get("/api/market/surveillance?status=confirmed&limit=200")
            .json()
            .getJsonArray("items")
            .stream()
            .map(f -> (JsonObject) f)
            .filter(f -> f.getLong("id") == flagId)
            .findFirst()
            .orElseThrow();
    assertEquals(mod.id(), flag.getLong("reviewedBy"));
    assertEquals("self-dealing is not allowed", flag.getString("reviewNote"));
    assertEquals(1, notifications(a, "moderation.warning").size());
    assertEquals(1, notifications(b, "moderation.warning").size());
    JsonObject closed = mod.api().get("/api/moderation/items/" + item.getLong("id")).json();
    assertEquals("actioned", closed.getString("status"));
    mod.api()
        .post("/api/moderation/items/" + item.getLong("id") + "/actions", decision("dismiss"))
        .expectProblem(409, "item_closed");
  }

  @Test
  @DisplayName("a flag closed on the market's own review page is closed in the queue as well")
  void flagReviewedInMarket() {
    TestUser mod = moderator();
    JsonObject item = washTrade(trader(100_000), trader(100_000), mod);
    mod.api()
        .post(
            "/api/market/surveillance/" + item.getLong("targetId") + "/review",
            new JsonObject().put("outcome", "dismissed"))
        .expect(200);
    assertEquals(
        "dismissed",
        mod.api().get("/api/moderation/items/" + item.getLong("id")).json().getString("status"));
    mod.api()
        .post("/api/moderation/items/" + item.getLong("id") + "/actions", decision("dismiss"))
        .expectProblem(409, "item_closed");
  }

  @Test
  @DisplayName(
      "removing a reported listing halts it (admins only, as in the market); a moderator may not")
  void haltListing() {
    Listing listing = listed("HLT");
    phase(listing.symbol(), "continuous");
    long item =
        report(Users.create(), "market_instrument", listing.symbol(), "fraud").getLong("itemId");
    moderator()
        .api()
        .post("/api/moderation/items/" + item + "/actions", decision("remove_content"))
        .expectProblem(403, "role_required");
    JsonObject done = act(Users.create("admin"), item, decision("remove_content"));
    assertEquals("halted", done.getJsonObject("effect").getString("listing"));
    assertEquals(
        "halted",
        TestNode.api()
            .get("/api/market/instruments/" + listing.symbol())
            .json()
            .getString("phase"));
    trader(100_000)
        .api()
        .post("/api/market/orders", limit(listing.symbol(), "buy", 10_000, 1))
        .expectProblem(409, "market_halted");
  }
}
