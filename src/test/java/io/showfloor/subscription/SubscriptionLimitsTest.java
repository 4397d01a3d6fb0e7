package io.showfloor.subscription;

import static io.showfloor.testing.MarketFixture.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.Api;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Subscribers;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What Pro gives, enforced by the server: API-key calls, history, export, watchlist")
class SubscriptionLimitsTest {
  private static int perMinute(String plan) {
    return TestNode.get()
        .platform()
        .settings()
        .integer("subscriptions.plans." + plan + ".requestsPerMinute", 0);
  }

  private static Api withKey(TestUser owner) {
    JsonObject key =
        owner
            .api()
            .post("/api/me/api-keys", new JsonObject().put("name", "bot"))
            .expect(201)
            .json();
    return TestNode.api().with("X-API-Key", key.getString("key"));
  }

  /** The caller has made {@code calls} calls this minute (straight into the shared counter). */
  private static void used(TestUser user, int calls) {
    TestNode.get()
        .platform()
        .redis()
        .api()
        .set(List.of("rl:caller:" + user.id(), String.valueOf(calls), "EX", "60"))
        .await();
  }

  @Test
  @DisplayName(
      "an API key gets the plan's calls a minute: the call past Free's limit is 429, the same call with Pro is answered")
  void rateLimitPerPlan() {
    int free = perMinute("free");
    int pro = perMinute("pro");
    TestUser user = Users.create();
    Api key = withKey(user);
    used(user, free - 1);
    Api.Response last = key.get("/api/me").expect(200);
    assertEquals(String.valueOf(free), last.header("RateLimit-Limit"));
    assertEquals("0", last.header("RateLimit-Remaining"));
    key.get("/api/me").expectProblem(429, "rate_limited");

    used(user, 0); // a new minute
    Subscribers.pro(user);
    used(user, free);
    Api.Response asPro = key.get("/api/me").expect(200);
    assertEquals(String.valueOf(pro), asPro.header("RateLimit-Limit"));
    assertEquals(String.valueOf(pro - free - 1), asPro.header("RateLimit-Remaining"));
  }

  @Test
  @DisplayName(
      "market data export is Pro only: Free gets 403 pro_required on both export endpoints, Pro gets the file")
  void exportIsPro() {
    TestUser user = Users.create();
    String instrument = "/api/market/instruments/NOSUCH1/export?kind=trades";
    user.api().get(instrument).expectProblem(403, "pro_required");
    user.api().get("/api/me/market/export?kind=fills").expectProblem(403, "pro_required");
    Subscribers.pro(user);
    user.api().get("/api/me/market/export?kind=fills&format=json").expect(200);
    user.api().get(instrument).expectProblem(404, "instrument_not_found");
  }

  @Test
  @DisplayName("Free sees 30 days of trade history, Pro all of it")
  void historyDays() {
    MarketFixture.Listing listing = MarketFixture.listed("HST");
    String symbol = listing.symbol();
    MarketFixture.phase(symbol, "continuous");
    TestUser buyer = MarketFixture.trader(100_000);
    listing.seller().api().post("/api/market/orders", limit(symbol, "sell", 10_000, 2)).expect(201);
    buyer.api().post("/api/market/orders", limit(symbol, "buy", 10_000, 1)).expect(201);
    buyer.api().post("/api/market/orders", limit(symbol, "buy", 10_000, 1)).expect(201);
    // the first trade was 40 days ago
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE market_trades SET executed_at = now() - interval '40 days' WHERE id ="
                + " (SELECT min(id) FROM market_trades WHERE symbol = $1)",
            Tuple.of(symbol))
        .await();
    String fills = "/api/market/fills?symbol=" + symbol;
    assertEquals(1, buyer.api().get(fills).expect(200).json().getJsonArray("items").size());
    Subscribers.pro(buyer);
    assertEquals(2, buyer.api().get(fills).expect(200).json().getJsonArray("items").size());
  }

  @Test
  @DisplayName("a Free watchlist holds 20 instruments (409 watchlist_full), a Pro one more")
  void watchlistPerPlan() {
    TestUser user = Users.create();
    int free =
        TestNode.get().platform().settings().integer("subscriptions.plans.free.watchlistMax", 0);
    for (int i = 0; i <= free; i++) {
      String symbol = MarketFixture.listed("WL").symbol();
      var answer = user.api().send("PUT", "/api/market/watchlist/" + symbol, null, null);
      if (i < free) {
        answer.expect(204);
      } else {
        answer.expectProblem(409, "watchlist_full");
        Subscribers.pro(user);
        user.api().send("PUT", "/api/market/watchlist/" + symbol, null, null).expect(204);
      }
    }
    assertEquals(
        free + 1,
        user.api().get("/api/market/watchlist").expect(200).json().getJsonArray("items").size());
  }

  @Test
  @DisplayName(
      "the shipped plans: Free 30 key calls a minute, 30 days of history, no export, 20 watched; Pro 120, all history, export, 100 watched")
  void shippedDefaults() throws Exception {
    JsonObject plans =
        new JsonObject(java.nio.file.Files.readString(java.nio.file.Path.of("config/default.json")))
            .getJsonObject("subscriptions")
            .getJsonObject("plans");
    JsonObject free = plans.getJsonObject("free");
    JsonObject pro = plans.getJsonObject("pro");
    assertEquals(30, free.getInteger("requestsPerMinute"));
    assertEquals(120, pro.getInteger("requestsPerMinute"));
    assertEquals(30, free.getInteger("historyDays"));
    assertEquals(0, pro.getInteger("historyDays"));
    assertEquals(false, free.getBoolean("export"));
    assertEquals(true, pro.getBoolean("export"));
    assertEquals(20, free.getInteger("watchlistMax"));
    assertEquals(100, pro.getInteger("watchlistMax"));
  }

  private static Api.Response hostPrivate(TestUser host) {
    return host.api()
        .post(
            "/api/tournaments",
            new JsonObject()
                .put("name", "Friends' cup")
                .put("private", true)
                .put("marketMaker", false)
                .put("startsAt", java.time.Instant.now().plusSeconds(3600).toString())
                .put("endsAt", java.time.Instant.now().plusSeconds(7200).toString())
                .put(
                    "instruments",
                    new io.vertx.core.json.JsonArray()
                        .add(new JsonObject().put("base", "FRN").put("referencePriceCents", 500))));
  }

  @Test
  @DisplayName(
      "downgrade at period end: a cancelled Pro keeps export, its key allowance and private hosting until the period ends, then gets Free's limits; nothing already watched or hosted is taken back")
  void downgradeAtPeriodEnd() {
    TestUser user = Users.create();
    hostPrivate(user).expectProblem(403, "private_hosting_not_allowed");
    Subscribers.pro(user);
    Api key = withKey(user);
    int free =
        TestNode.get().platform().settings().integer("subscriptions.plans.free.watchlistMax", 0);
    for (int i = 0; i <= free; i++) {
      user.api()
          .send("PUT", "/api/market/watchlist/" + MarketFixture.listed("DG").symbol(), null, null)
          .expect(204);
    }
    JsonObject hosted = hostPrivate(user).expect(201).json();
    long tournament = hosted.getLong("id");
    String invite = hosted.getString("inviteCode");
    assertEquals(10, invite.length(), hosted.encode());

    // cancelled: still Pro until the period ends
    user.api().post("/api/me/subscription/cancel").expect(200);
    user.api().get("/api/me/market/export?kind=fills&format=json").expect(200);
    assertEquals(
        String.valueOf(perMinute("pro")), key.get("/api/me").expect(200).header("RateLimit-Limit"));

    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE subscriptions SET current_period_end = now() - interval '1 second' WHERE user_id = $1",
            Tuple.of(user.id()))
        .await();
    // the test moved the period end under the nodes' plan caches (which hold the old end), so wait
    // for the sweep, whose announcement makes every node read the plan again
    io.showfloor.testing.Eventually.until(
        () ->
            "cancelled"
                .equals(
                    user.api()
                        .get("/api/me/subscription")
                        .expect(200)
                        .json()
                        .getJsonObject("subscription")
                        .getString("status")),
        "the sweep ends the cancelled subscription at period end");
    io.showfloor.testing.Eventually.until(
        () -> user.api().get("/api/me/market/export?kind=fills").status() == 403,
        "the announcement reaches the plan cache");
    assertEquals(
        "free", user.api().get("/api/me/subscription").expect(200).json().getString("plan"));

    // Free's limits now
    user.api().get("/api/me/market/export?kind=fills").expectProblem(403, "pro_required");
    assertEquals(
        String.valueOf(perMinute("free")),
        key.get("/api/me").expect(200).header("RateLimit-Limit"));
    String oneMore = MarketFixture.listed("DG").symbol();
    user.api()
        .send("PUT", "/api/market/watchlist/" + oneMore, null, null)
        .expectProblem(409, "watchlist_full");
    hostPrivate(user).expectProblem(403, "private_hosting_not_allowed");
    // ... and nothing taken back: the watchlist keeps what it had, the private tournament runs on
    assertEquals(
        free + 1,
        user.api().get("/api/market/watchlist").expect(200).json().getJsonArray("items").size());
    assertEquals(
        "open",
        user.api().get("/api/tournaments/" + tournament).expect(200).json().getString("status"));
    TestUser guest = Users.create();
    guest
        .api()
        .post("/api/tournaments/" + tournament + "/entries", new JsonObject())
        .expectProblem(403, "invite_code_invalid");
    guest
        .api()
        .post(
            "/api/tournaments/" + tournament + "/entries",
            new JsonObject().put("inviteCode", invite))
        .expect(201);
    user.api().post("/api/tournaments/" + tournament + "/cancel").expect(200);
  }
}
