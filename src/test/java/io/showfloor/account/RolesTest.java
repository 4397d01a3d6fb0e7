package io.showfloor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Roles: self-service for sellers and creators, granted by admins for the rest")
class RolesTest {

  @Test
  @DisplayName(
      "a verified user becomes a seller and then a creator, with a new access token that says so")
  void selfService() {
    Users.TestUser user = Users.create();
    JsonObject answer =
        user.api().post("/api/me/roles", new JsonObject().put("role", "seller")).expect(200).json();
    assertEquals(
        new JsonArray().add("viewer").add("seller"),
        answer.getJsonObject("user").getJsonArray("roles"));
    assertTrue(claims(answer.getString("accessToken")).getJsonArray("roles").contains("seller"));

    Api renewed = TestNode.api().as(answer.getString("accessToken"));
    JsonObject again =
        renewed.post("/api/me/roles", new JsonObject().put("role", "creator")).expect(200).json();
    assertEquals(
        new JsonArray().add("viewer").add("creator").add("seller"),
        again.getJsonObject("user").getJsonArray("roles"));
    // taking a role twice changes nothing
    renewed.post("/api/me/roles", new JsonObject().put("role", "creator")).expect(200);
    assertEquals(3, renewed.get("/api/me").expect(200).json().getJsonArray("roles").size());
  }

  @Test
  @DisplayName("moderator and admin cannot be taken, only granted")
  void notSelfService() {
    Users.TestUser user = Users.create();
    user.api()
        .post("/api/me/roles", new JsonObject().put("role", "moderator"))
        .expectProblem(400, "validation_failed");
    user.api()
        .post("/api/me/roles", new JsonObject().put("role", "admin"))
        .expectProblem(400, "validation_failed");
    assertEquals(
        new JsonArray().add("viewer"),
        user.api().get("/api/me").expect(200).json().getJsonArray("roles"));
  }

  @Test
  @DisplayName(
      "the admin from ADMIN_EMAIL logs in verified, grants moderator, finds the user, and takes the role back")
  void adminGrants() {
    Api admin = adminSession();
    Users.TestUser mod = Users.create();
    JsonObject granted =
        admin
            .post(
                "/api/admin/users/" + mod.id() + "/roles",
                new JsonObject().put("role", "moderator"))
            .expect(200)
            .json();
    assertEquals(new JsonArray().add("viewer").add("moderator"), granted.getJsonArray("roles"));

    JsonObject page =
        admin
            .get("/api/admin/users?q=" + mod.email().substring(0, mod.email().indexOf('@')))
            .expect(200)
            .json();
    assertEquals(1, page.getJsonArray("items").size());
    JsonObject listed = page.getJsonArray("items").getJsonObject(0);
    assertEquals(mod.email(), listed.getString("email"));
    assertEquals("active", listed.getString("status"));

    JsonObject revoked =
        admin.delete("/api/admin/users/" + mod.id() + "/roles/moderator").expect(200).json();
    assertEquals(new JsonArray().add("viewer"), revoked.getJsonArray("roles"));
    admin
        .post("/api/admin/users/999999999/roles", new JsonObject().put("role", "moderator"))
        .expectProblem(404, "user_not_found");
  }

  @Test
  @DisplayName("only admins grant roles; moderators may look users up")
  void onlyAdmins() {
    Users.TestUser target = Users.create();
    Users.TestUser moderator = Users.create("moderator");
    Users.TestUser seller = Users.create("seller");
    moderator
        .api()
        .post("/api/admin/users/" + target.id() + "/roles", new JsonObject().put("role", "admin"))
        .expectProblem(403, "role_required");
    seller.api().get("/api/admin/users").expectProblem(403, "role_required");
    TestNode.api().get("/api/admin/users").expectProblem(401, "unauthorized");
    JsonObject page = moderator.api().get("/api/admin/users?limit=2").expect(200).json();
    assertEquals(2, page.getJsonArray("items").size());
    long next = page.getLong("nextBefore");
    JsonObject second =
        moderator.api().get("/api/admin/users?limit=2&before=" + next).expect(200).json();
    assertTrue(second.getJsonArray("items").getJsonObject(0).getLong("id") < next);
    JsonObject admins =
        moderator.api().get("/api/admin/users?role=admin&limit=200").expect(200).json();
    admins
        .getJsonArray("items")
        .forEach(u -> assertTrue(((JsonObject) u).getJsonArray("roles").contains("admin")));
    assertFalse(admins.getJsonArray("items").isEmpty());
  }

  @Test
  @DisplayName("the last page of users says so: nextBefore is null, no empty page follows")
  void lastPage() {
    Users.TestUser target = Users.create();
    Users.TestUser moderator = Users.create("moderator");
    JsonObject page =
        moderator.api().get("/api/admin/users?limit=1&q=" + target.email()).expect(200).json();
    assertEquals(target.id(), page.getJsonArray("items").getJsonObject(0).getLong("id"));
    assertTrue(page.containsKey("nextBefore"));
    assertNull(page.getValue("nextBefore"));
  }

  /** The bootstrap admin of the test node (TestNode sets ADMIN_EMAIL / ADMIN_PASSWORD). */
  static Api adminSession() {
    Api api = TestNode.api().fromNewAddress();
    JsonObject session =
        api.post(
                "/api/auth/login",
                new JsonObject()
                    .put("email", "admin@showfloor.test")
                    .put("password", "Admin-password-1"))
            .expect(200)
            .json();
    JsonObject user = session.getJsonObject("user");
    assertTrue(user.getBoolean("emailVerified"));
    assertTrue(user.getJsonArray("roles").contains("admin"));
    return api.as(session.getString("accessToken"));
  }

  static JsonObject claims(String jwt) {
    String payload = jwt.split("\\.")[1];
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }
}
