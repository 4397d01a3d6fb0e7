package io.showfloor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("API keys for bots")
class ApiKeysTest {

  @Test
  @DisplayName(
      "a key is shown once, listed by its prefix, works as X-API-Key, and stops working once revoked")
  void lifecycle() {
    Users.TestUser owner = Users.create("seller");
    JsonObject created =
        owner
            .api()
            .post("/api/me/api-keys", new JsonObject().put("name", "Repricing bot"))
            .expect(201)
            .json();
    String key = created.getString("key");
    assertTrue(key.startsWith("sfk_") && key.length() > 40, key);
    assertEquals(key.substring(0, 12), created.getString("prefix"));
    assertEquals("Repricing bot", created.getString("name"));
    assertNull(created.getString("lastUsedAt"));

    String stored =
        TestNode.get()
            .platform()
            .db()
            .one("SELECT key_hash FROM api_keys WHERE id = $1", Tuple.of(created.getLong("id")))
            .await()
            .getString("key_hash");
    assertFalse(stored.contains(key.substring(4)), "the key itself must not be stored");

    Api bot = TestNode.api().with("X-API-Key", key);
    JsonObject me = bot.get("/api/me").expect(200).json();
    assertEquals(owner.id(), me.getLong("id"));

    JsonArray listed = owner.api().get("/api/me/api-keys").expect(200).array();
    assertEquals(1, listed.size());
    JsonObject entry = listed.getJsonObject(0);
    assertEquals(created.getString("prefix"), entry.getString("prefix"));
    assertNotNull(entry.getString("lastUsedAt"), "using the key records when");
    assertFalse(entry.containsKey("key"), "the key is never shown again");

    owner.api().delete("/api/me/api-keys/" + created.getLong("id")).expect(204);
    bot.get("/api/me").expectProblem(401, "invalid_api_key");
    assertEquals(0, owner.api().get("/api/me/api-keys").expect(200).array().size());
    owner
        .api()
        .delete("/api/me/api-keys/" + created.getLong("id"))
        .expectProblem(404, "api_key_not_found");
  }

  @Test
  @DisplayName("nobody can revoke another user's key")
  void ownership() {
    Users.TestUser owner = Users.create();
    Users.TestUser other = Users.create();
    JsonObject created =
        owner
            .api()
            .post("/api/me/api-keys", new JsonObject().put("name", "mine"))
            .expect(201)
            .json();
    other
        .api()
        .delete("/api/me/api-keys/" + created.getLong("id"))
        .expectProblem(404, "api_key_not_found");
    TestNode.api().with("X-API-Key", created.getString("key")).get("/api/me").expect(200);
  }

  @Test
  @DisplayName("a key cannot mint or revoke keys, and an unknown key is a 401")
  void keysCannotManageKeys() {
    Users.TestUser owner = Users.create();
    JsonObject created =
        owner
            .api()
            .post("/api/me/api-keys", new JsonObject().put("name", "bot"))
            .expect(201)
            .json();
    Api bot = TestNode.api().with("X-API-Key", created.getString("key"));
    bot.post("/api/me/api-keys", new JsonObject().put("name", "child"))
        .expectProblem(403, "session_required");
    bot.delete("/api/me/api-keys/" + created.getLong("id")).expectProblem(403, "session_required");
    bot.get("/api/me/api-keys").expect(200);
    TestNode.api()
        .with("X-API-Key", "sfk_" + "x".repeat(43))
        .get("/api/me")
        .expectProblem(401, "invalid_api_key");
    TestNode.api()
        .with("X-API-Key", "garbage")
        .get("/api/me")
        .expectProblem(401, "invalid_api_key");
  }

  @Test
  @DisplayName("a blank key name is refused")
  void blankName() {
    Users.create()
        .api()
        .post("/api/me/api-keys", new JsonObject().put("name", "   "))
        .expectProblem(400, "invalid_name");
  }
}
