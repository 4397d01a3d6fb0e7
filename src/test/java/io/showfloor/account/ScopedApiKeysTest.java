package io.showfloor.account;

import static io.showfloor.testing.MarketFixture.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scoped API keys, rotation and rate-limit headers")
class ScopedApiKeysTest {
  private static JsonObject createKey(TestUser owner, String... scopes) {
    JsonObject body = new JsonObject().put("name", "bot " + String.join("+", scopes));
    if (scopes.length > 0) {
      body.put("scopes", new JsonArray(List.of(scopes)));
    }
    return owner.api().post("/api/me/api-keys", body).expect(201).json();
  }

  private static Api withKey(JsonObject created) {
    return TestNode.api().with("X-API-Key", created.getString("key"));
  }

  @Test
  @DisplayName(
      "a read key only reads, a trade key places and cancels orders, a funds key moves wallet money")
  void scopesDecideWhatAKeyMayDo() {
    MarketFixture.Listing listing = MarketFixture.listed("SCP");
    MarketFixture.phase(listing.symbol(), "continuous");
    TestUser trader = MarketFixture.trader(100_000);

    JsonObject readKey = createKey(trader, "read");
    assertEquals(new JsonArray().add("read"), readKey.getJsonArray("scopes"));
    Api reader = withKey(readKey);
    assertEquals(trader.id(), reader.get("/api/me").expect(200).json().getLong("id"));
    reader.get("/api/market/portfolio").expect(200);
    JsonObject refused =
        reader
            .post("/api/market/orders", limit(listing.symbol(), "buy", 10_000, 1))
            .expectProblem(403, "insufficient_scope");
    assertTrue(refused.getString("detail").contains("trade"), refused.encode());
    reader
        .post("/api/wallet/deposits", new JsonObject().put("amountCents", 500))
        .expectProblem(403, "insufficient_scope");
    assertEquals(
        0,
        trader.api().get("/api/market/orders").expect(200).json().getJsonArray("items").size(),
        "a refused order leaves nothing behind");

    Api tradeBot = withKey(createKey(trader, "funds", "trade"));
    JsonObject placed =
        tradeBot
            .post("/api/market/orders", limit(listing.symbol(), "buy", 10_000, 2))
            .expect(201)
            .json();
    long orderId = placed.getJsonObject("order").getLong("id");
    tradeBot.delete("/api/market/orders/" + orderId).expect(200);
    tradeBot
        .get("/api/market/orders/" + orderId)
        .expectProblem(403, "insufficient_scope"); // no read scope: no GET at all

    Api tradeOnly = withKey(createKey(trader, "trade"));
    tradeOnly
        .post("/api/wallet/deposits", new JsonObject().put("amountCents", 500))
        .expectProblem(403, "insufficient_scope");
    long before = MarketFixture.cash(trader);
    tradeBot.post("/api/wallet/deposits", new JsonObject().put("amountCents", 500)).expect(201);
    assertEquals(before + 500, MarketFixture.cash(trader), "the funds key's deposit arrived");
  }

  @Test
  @DisplayName(
      "no key, whatever its scopes, requests payouts, manages keys or roles or reaches admin endpoints")
  void keysNeverDoPersonalOrAdminWork() {
    TestUser seller = Users.create("seller");
    Api bot = withKey(createKey(seller, "read", "trade", "funds"));
    bot.post("/api/payouts", new JsonObject().put("amountCents", 100))
        .expectProblem(403, "session_required");
    bot.post("/api/me/roles", new JsonObject().put("role", "creator"))
        .expectProblem(403, "session_required");
    JsonObject own = seller.api().get("/api/me/api-keys").expect(200).array().getJsonObject(0);
    bot.post("/api/me/api-keys/" + own.getLong("id") + "/rotate")
        .expectProblem(403, "session_required");

    TestUser admin = LedgerCheck.admin();
    Api adminBot = withKey(createKey(admin, "read", "trade", "funds"));
    adminBot.get("/api/admin/users").expectProblem(403, "session_required");
    adminBot
        .post(
            "/api/admin/users/" + seller.id() + "/roles", new JsonObject().put("role", "moderator"))
        .expectProblem(403, "session_required");
    // an admin-only operation outside /api/admin
    adminBot
        .post("/api/market/instruments/NOSUCH1/phase", new JsonObject().put("phase", "continuous"))
        .expectProblem(403, "session_required");
    admin.api().get("/api/admin/users").expect(200);
  }

  @Test
  @DisplayName("a key made without scopes, or before scopes existed, keeps all three")
  void unscopedKeysKeepEverything() {
    TestUser owner = Users.create();
    JsonObject created =
        owner
            .api()
            .post("/api/me/api-keys", new JsonObject().put("name", "new bot"))
            .expect(201)
            .json();
    JsonArray all = new JsonArray().add("read").add("trade").add("funds");
    assertEquals(all, created.getJsonArray("scopes"));
    // a key from before scopes: the migration's default gave it every scope
    TestNode.get()
        .platform()
        .db()
        .query(
            "INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES ($1, 'old bot', 'sfk_old', $2)",
            Tuple.of(owner.id(), "hash-" + owner.id()))
        .await();
    JsonObject listed = owner.api().get("/api/me/api-keys").expect(200).array().getJsonObject(0);
    assertEquals("old bot", listed.getString("name"));
    assertEquals(all, listed.getJsonArray("scopes"));
    owner
        .api()
        .post(
            "/api/me/api-keys",
            new JsonObject().put("name", "x").put("scopes", new JsonArray().add("admin")))
        .expectProblem(400, "validation_failed");
    owner
        .api()
        .post("/api/me/api-keys", new JsonObject().put("name", "x").put("scopes", new JsonArray()))
        .expectProblem(400, "validation_failed");
  }

  @Test
  @DisplayName("rotation with no grace period: the old secret stops at once, the new one works")
  void rotationWithoutGrace() {
    TestUser owner = Users.create();
    JsonObject old = createKey(owner, "read", "trade");
    withKey(old).get("/api/me").expect(200);

    JsonObject rotated =
        owner.api().post("/api/me/api-keys/" + old.getLong("id") + "/rotate").expect(201).json();
    assertEquals(old.getString("name"), rotated.getString("name"));
    assertEquals(old.getJsonArray("scopes"), rotated.getJsonArray("scopes"));
    assertEquals(old.getLong("id"), rotated.getLong("rotatedFrom"));
    assertTrue(!rotated.getString("key").equals(old.getString("key")));
    withKey(old).get("/api/me").expectProblem(401, "invalid_api_key");
    withKey(rotated).get("/api/me").expect(200);
    JsonArray keys = owner.api().get("/api/me/api-keys").expect(200).array();
    assertEquals(1, keys.size(), keys.encode());
    assertEquals(rotated.getLong("id"), keys.getJsonObject(0).getLong("id"));

    owner
        .api()
        .post("/api/me/api-keys/" + old.getLong("id") + "/rotate")
        .expectProblem(404, "api_key_not_found");
    Users.create()
        .api()
        .post("/api/me/api-keys/" + rotated.getLong("id") + "/rotate")
        .expectProblem(404, "api_key_not_found");
  }

  @Test
  @DisplayName(
      "rotation with a grace period: both secrets work until it ends, then only the new one")
  void rotationWithGrace() {
    // the rotation as a node with accounts.apiKeyRotationGraceSeconds = 600 does it (a second
    // node only for this would cost half a minute of start-up); the keys are used over HTTP
    AccountSettings settings =
        AccountSettings.from(
            TestNode.get().platform().settings().with("accounts.apiKeyRotationGraceSeconds", 600));
    assertEquals(600, settings.apiKeyRotationGraceSeconds());
    ApiKeys graceKeys =
        new ApiKeys(
            TestNode.get().platform().db(),
            settings.apiKeysPerUser(),
            settings.apiKeyRotationGraceSeconds());
    TestUser owner = Users.create();
    JsonObject old = createKey(owner, "read");

    Instant asked = Instant.now();
    JsonObject rotated = graceKeys.rotate(owner.id(), old.getLong("id")).await();
    Instant retires = Instant.parse(rotated.getString("previousRetiresAt"));
    assertTrue(
        Duration.between(asked, retires).getSeconds() >= 590
            && Duration.between(asked, retires).getSeconds() <= 610,
        "the old key retires after the configured grace: " + retires);
    withKey(old).get("/api/me").expect(200);
    withKey(rotated).get("/api/me").expect(200);
    JsonArray keys = owner.api().get("/api/me/api-keys").expect(200).array();
    assertEquals(2, keys.size(), keys.encode());
    JsonObject retiring = keys.getJsonObject(1);
    assertEquals(old.getLong("id"), retiring.getLong("id"));
    assertEquals(retires.toString(), Instant.parse(retiring.getString("retiresAt")).toString());
    assertNull(keys.getJsonObject(0).getString("retiresAt"));
    owner
        .api()
        .post("/api/me/api-keys/" + old.getLong("id") + "/rotate")
        .expectProblem(409, "api_key_already_rotated");

    // the grace period ends (moved back rather than waited for)
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE api_keys SET retires_at = now() - interval '1 second' WHERE id = $1",
            Tuple.of(old.getLong("id")))
        .await();
    withKey(old).get("/api/me").expectProblem(401, "invalid_api_key");
    withKey(rotated).get("/api/me").expect(200);
    assertEquals(1, owner.api().get("/api/me/api-keys").expect(200).array().size());
  }

  @Test
  @DisplayName(
      "every answer to a token or key carries RateLimit-Limit, -Remaining and -Reset, 429s too")
  void rateLimitHeaders() {
    TestUser user = Users.create();
    int limit = TestNode.get().platform().http().callerRequestsPerMinute();
    Api.Response first = user.api().get("/api/me").expect(200);
    assertEquals(String.valueOf(limit), first.header("RateLimit-Limit"));
    long remaining = Long.parseLong(first.header("RateLimit-Remaining"));
    long reset = Long.parseLong(first.header("RateLimit-Reset"));
    assertTrue(
        remaining == limit - 1 && reset >= 1 && reset <= 60,
        first.raw().headers().map().toString());
    Api.Response problem = user.api().get("/api/market/orders/999999999").expect(404);
    assertEquals(String.valueOf(remaining - 1), problem.header("RateLimit-Remaining"));

    Api key = withKey(createKey(user, "read"));
    assertEquals(
        String.valueOf(remaining - 3), // the key creation counted too: one allowance per user
        key.get("/api/me").expect(200).header("RateLimit-Remaining"));
    assertNull(
        TestNode.api().get("/api/market/instruments").expect(200).header("RateLimit-Limit"),
        "anonymous calls are not counted per caller");

    // the caller has used up the minute (counted straight into the shared counter)
    TestNode.get()
        .platform()
        .redis()
        .api()
        .set(List.of("rl:caller:" + user.id(), String.valueOf(limit - 1), "EX", "60"))
        .await();
    Api.Response last = key.get("/api/me").expect(200);
    assertEquals("0", last.header("RateLimit-Remaining"));
    Api.Response refused = key.get("/api/me");
    refused.expectProblem(429, "rate_limited");
    assertEquals(String.valueOf(limit), refused.header("RateLimit-Limit"));
    assertEquals("0", refused.header("RateLimit-Remaining"));
    assertEquals(refused.header("Retry-After"), refused.header("RateLimit-Reset"));
    user.api().get("/api/me").expectProblem(429, "rate_limited");
  }

  @Test
  @DisplayName("a 429 from a narrower limit says nothing remains until that limit resets")
  void narrowerLimitReportsExhaustion() {
    TestUser user = Users.create();
    int deposits = TestNode.get().platform().settings().integer("commerce.depositsPerMinute", 30);
    Api.Response refused = null;
    for (int i = 0; i <= deposits && refused == null; i++) {
      Api.Response response =
          user.api().post("/api/wallet/deposits", new JsonObject().put("amountCents", 100));
      if (response.status() == 429) {
        refused = response;
      }
    }
    assertNotNull(refused, "the deposit limit was reached");
    refused.expectProblem(429, "rate_limited");
    assertEquals("0", refused.header("RateLimit-Remaining"));
    assertEquals(refused.header("Retry-After"), refused.header("RateLimit-Reset"));
    assertNotNull(refused.header("RateLimit-Limit"));
  }
}
