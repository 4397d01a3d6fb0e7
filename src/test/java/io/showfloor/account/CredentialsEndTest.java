package io.showfloor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.HandSignedTokens;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.TwoNodeCluster;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every change that ends a user's credentials ends the access tokens issued before it at once, on
 * the node that made the change and on another node of the cluster, which had already checked (and
 * so remembered) the token. "At once" on the other node means within a second or two (the event bus
 * hop); without the announcement it would take the minute its cache keeps a version.
 */
@DisplayName("Credentials that really end")
class CredentialsEndTest {
  private static final long OTHER_NODE_MILLIS = 2_000;
  private static TwoNodeCluster cluster;
  private static Api onA;
  private static Api onB;

  @BeforeAll
  static void startCluster() {
    cluster = TwoNodeCluster.start("credentials");
    onA = new Api("http://127.0.0.1:" + cluster.a().port());
    onB = new Api("http://127.0.0.1:" + cluster.b().port());
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName(
      "a password reset ends every earlier access token on both nodes, revokes the API keys and mails which")
  void passwordReset() {
    People.Person ann = People.freshOn(onA);
    String token = ann.verifiedSession().getString("accessToken");
    JsonObject bot =
        ann.api()
            .as(token)
            .post("/api/me/api-keys", new JsonObject().put("name", "Repricing bot"))
            .expect(201)
            .json();
    JsonObject watcher =
        ann.api()
            .as(token)
            .post("/api/me/api-keys", new JsonObject().put("name", "Price watcher"))
            .expect(201)
            .json();
    onB.as(token).get("/api/me").expect(200);
    onB.with("X-API-Key", bot.getString("key")).get("/api/me").expect(200);

    ann.api()
        .post("/api/auth/password/forgot", new JsonObject().put("email", ann.email()))
        .expect(202);
    String reset = Mailbox.token(Mailbox.await(ann.email(), "Reset your Showfloor password"));
    ann.api()
        .post(
            "/api/auth/password/reset",
            new JsonObject().put("token", reset).put("newPassword", "New-secret-42"))
        .expect(204);

    onA.as(token).get("/api/me").expectProblem(401, "token_revoked");
    refusedOnB(token, 401, "token_revoked");
    for (JsonObject key : new JsonObject[] {bot, watcher}) {
      onB.with("X-API-Key", key.getString("key"))
          .get("/api/me")
          .expectProblem(401, "invalid_api_key");
    }
    String text = Mailbox.await(ann.email(), "API keys were revoked").getString("text");
    assertTrue(text.contains("Repricing bot (" + bot.getString("prefix") + "…)"), text);
    assertTrue(text.contains("Price watcher (" + watcher.getString("prefix") + "…)"), text);

    String fresh = ann.login("New-secret-42").expect(200).json().getString("accessToken");
    onB.as(fresh).get("/api/me").expect(200);
    assertEquals(0, onB.as(fresh).get("/api/me/api-keys").expect(200).array().size());
  }

  @Test
  @DisplayName("a person without API keys gets no key mail from a reset")
  void resetWithoutKeys() {
    People.Person bo = People.freshOn(onA);
    bo.verifiedSession();
    bo.api()
        .post("/api/auth/password/forgot", new JsonObject().put("email", bo.email()))
        .expect(202);
    String reset = Mailbox.token(Mailbox.await(bo.email(), "Reset your Showfloor password"));
    bo.api()
        .post(
            "/api/auth/password/reset",
            new JsonObject().put("token", reset).put("newPassword", "New-secret-42"))
        .expect(204);
    long keyMails =
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT count(*) AS n FROM mail_outbox WHERE to_address = $1 "
                    + "AND subject LIKE '%API keys%'",
                Tuple.of(bo.email()))
            .await()
            .getLong("n");
    assertEquals(0, keyMails);
  }

  @Test
  @DisplayName(
      "logout ends that session and every access token the person holds; another session goes on by refreshing")
  void logout() {
    People.Person cy = People.freshOn(onA);
    JsonObject first = cy.verifiedSession();
    JsonObject second = cy.login();
    onB.as(first.getString("accessToken")).get("/api/me").expect(200);
    onB.as(second.getString("accessToken")).get("/api/me").expect(200);
    try (TestSocket socketOnB = TestSocket.open(cluster.b().port())) {
      socketOnB.auth(second.getString("accessToken"));
      socketOnB.send(new JsonObject().put("op", "ping").put("ref", "p1")).next("pong");

      onA.post(
              "/api/auth/logout",
              new JsonObject().put("refreshToken", first.getString("refreshToken")))
          .expect(204);

      for (JsonObject session : new JsonObject[] {first, second}) {
        onA.as(session.getString("accessToken")).get("/api/me").expectProblem(401, "token_revoked");
        refusedOnB(session.getString("accessToken"), 401, "token_revoked");
      }
      // a socket signed in before is refused at its next frame and closed
      socketOnB.send(new JsonObject().put("op", "ping").put("ref", "p2"));
      socketOnB.expectError("token_revoked");
      assertEquals((short) 1008, socketOnB.awaitClose());
    }
    onA.post(
            "/api/auth/refresh",
            new JsonObject().put("refreshToken", first.getString("refreshToken")))
        .expectProblem(401, "invalid_refresh_token");
    JsonObject renewed =
        onA.post(
                "/api/auth/refresh",
                new JsonObject().put("refreshToken", second.getString("refreshToken")))
            .expect(200)
            .json();
    onB.as(renewed.getString("accessToken")).get("/api/me").expect(200);
    // a second logout of the ended session changes nothing
    onA.post(
            "/api/auth/logout",
            new JsonObject().put("refreshToken", first.getString("refreshToken")))
        .expect(204);
    onB.as(renewed.getString("accessToken")).get("/api/me").expect(200);
  }

  @Test
  @DisplayName(
      "a replayed refresh token ends the family and the access token it was rotated into, on both nodes")
  void refreshReuse() {
    People.Person di = People.freshOn(onA);
    JsonObject session = di.verifiedSession();
    JsonObject rotated =
        onA.post(
                "/api/auth/refresh",
                new JsonObject().put("refreshToken", session.getString("refreshToken")))
            .expect(200)
            .json();
    String stolen = rotated.getString("accessToken");
    onB.as(stolen).get("/api/me").expect(200);

    onA.post(
            "/api/auth/refresh",
            new JsonObject().put("refreshToken", session.getString("refreshToken")))
        .expectProblem(401, "refresh_token_reused");

    onA.as(stolen).get("/api/me").expectProblem(401, "token_revoked");
    refusedOnB(stolen, 401, "token_revoked");
    onA.post(
            "/api/auth/refresh",
            new JsonObject().put("refreshToken", rotated.getString("refreshToken")))
        .expectProblem(401, "invalid_refresh_token");
    onB.as(di.login().getString("accessToken")).get("/api/me").expect(200);
  }

  @Test
  @DisplayName(
      "an admin taking a role away ends the tokens that claim it; granting one or taking one not held does not")
  void roleRemoval() {
    Api admin = onA.as(Users.create("admin").accessToken());
    TestUser seller = Users.create("seller");
    onB.as(seller.accessToken()).get("/api/me").expect(200);

    admin
        .post("/api/admin/users/" + seller.id() + "/roles", new JsonObject().put("role", "creator"))
        .expect(200);
    onA.as(seller.accessToken()).get("/api/me").expect(200);
    onB.as(seller.accessToken()).get("/api/me").expect(200);

    admin.delete("/api/admin/users/" + seller.id() + "/roles/seller").expect(200);
    onA.as(seller.accessToken()).get("/api/me").expectProblem(401, "token_revoked");
    refusedOnB(seller.accessToken(), 401, "token_revoked");

    String current = Users.signedInAgain(seller).accessToken();
    onB.as(current).get("/api/me").expect(200);
    admin.delete("/api/admin/users/" + seller.id() + "/roles/moderator").expect(200);
    onA.as(current).get("/api/me").expect(200);
    onB.as(current).get("/api/me").expect(200);
  }

  @Test
  @DisplayName(
      "a moderator suspends a user from the console: refused at once on both nodes, audited, notified; lifted, the old token stays ended")
  void consoleSuspension() {
    TestUser mod = Users.create("moderator");
    TestUser member = Users.create();
    onB.as(member.accessToken()).get("/api/me").expect(200);
    String suspend = "/api/moderation/users/" + member.id() + "/suspend";

    JsonObject answer =
        onA.as(mod.accessToken())
            .post(suspend, new JsonObject().put("days", 2).put("note", "spam wave"))
            .expect(200)
            .json();
    assertEquals(member.id(), answer.getLong("userId"));
    assertFalse(answer.getBoolean("permanent"));
    assertTrue(
        answer
                .getString("suspendedUntil")
                .compareTo(java.time.Instant.now().plusSeconds(47 * 3600).toString())
            > 0,
        answer.encode());

    onA.as(member.accessToken()).get("/api/me").expectProblem(403, "account_suspended");
    refusedOnB(member.accessToken(), 403, "account_suspended");
    JsonObject entry =
        onA.as(mod.accessToken())
            .get("/api/moderation/audit?source=console&subjectUserId=" + member.id())
            .expect(200)
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertEquals("suspend_user", entry.getString("action"));
    assertEquals(mod.id(), entry.getLong("actorId"));
    assertEquals("spam wave", entry.getString("reason"));
    assertEquals(2, entry.getJsonObject("detail").getInteger("days"));
    long notices =
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT count(*) AS n FROM notifications WHERE user_id = $1 "
                    + "AND kind = 'moderation.suspended'",
                Tuple.of(member.id()))
            .await()
            .getLong("n");
    assertEquals(1, notices);

    onA.as(mod.accessToken())
        .post(
            "/api/moderation/users/" + member.id() + "/lift-suspension",
            new JsonObject().put("note", "mistake"))
        .expect(200);
    refusedOnB(member.accessToken(), 401, "token_revoked");
    onA.as(Users.signedInAgain(member).accessToken()).get("/api/me").expect(200);
  }

  @Test
  @DisplayName(
      "a ban has no end: the person cannot log in or use a token on any node until a moderator lets them back")
  void ban() {
    TestUser mod = Users.create("moderator");
    People.Person eve = People.freshOn(onA);
    String token = eve.verifiedSession().getString("accessToken");
    long id = onA.as(token).get("/api/me").expect(200).json().getLong("id");
    onB.as(token).get("/api/me").expect(200);

    JsonObject answer =
        onA.as(mod.accessToken())
            .post(
                "/api/moderation/users/" + id + "/suspend",
                new JsonObject().put("permanent", true).put("note", "fraud ring"))
            .expect(200)
            .json();
    assertTrue(answer.getBoolean("permanent"));
    assertNull(answer.getValue("suspendedUntil"));

    onA.as(token).get("/api/me").expectProblem(403, "account_suspended");
    refusedOnB(token, 403, "account_suspended");
    eve.login(eve.password()).expectProblem(403, "account_suspended");
    JsonObject listed =
        onA.as(mod.accessToken())
            .get("/api/admin/users?q=" + eve.email().substring(0, eve.email().indexOf('@')))
            .expect(200)
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertEquals("suspended", listed.getString("status"));
    assertEquals(
        "ban_user",
        onA.as(mod.accessToken())
            .get("/api/moderation/audit?source=console&subjectUserId=" + id)
            .expect(200)
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("action"));

    onA.as(mod.accessToken())
        .post(
            "/api/moderation/users/" + id + "/lift-suspension",
            new JsonObject().put("note", "appeal"))
        .expect(200);
    onB.as(eve.login().getString("accessToken")).get("/api/me").expect(200);
  }

  @Test
  @DisplayName(
      "console suspensions refuse bad input, staff, strangers and non-moderators, and change nothing")
  void consoleSuspensionRefusals() {
    Api mod = onA.as(Users.create("moderator").accessToken());
    TestUser member = Users.create();
    String suspend = "/api/moderation/users/" + member.id() + "/suspend";
    mod.post(suspend, new JsonObject().put("note", "why")).expectProblem(400, "validation_failed");
    mod.post(suspend, new JsonObject().put("days", 3).put("permanent", true).put("note", "why"))
        .expectProblem(400, "validation_failed");
    mod.post(suspend, new JsonObject().put("days", 0).put("note", "why"))
        .expectProblem(400, "validation_failed");
    mod.post(suspend, new JsonObject().put("days", 366).put("note", "why"))
        .expectProblem(400, "validation_failed");
    mod.post(suspend, new JsonObject().put("days", 3)).expectProblem(400, "validation_failed");
    mod.post(suspend, new JsonObject().put("days", 3).put("note", "   "))
        .expectProblem(400, "validation_failed");
    mod.post(
            "/api/moderation/users/999999999/suspend",
            new JsonObject().put("days", 3).put("note", "why"))
        .expectProblem(404, "user_not_found");
    mod.post(
            "/api/moderation/users/" + Users.create("moderator").id() + "/suspend",
            new JsonObject().put("days", 3).put("note", "why"))
        .expectProblem(409, "cannot_moderate_staff");
    onA.as(Users.create().accessToken())
        .post(suspend, new JsonObject().put("days", 3).put("note", "why"))
        .expectProblem(403, "role_required");
    onA.post(suspend, new JsonObject().put("days", 3).put("note", "why"))
        .expectProblem(401, "unauthorized");
    onB.as(member.accessToken()).get("/api/me").expect(200);
  }

  @Test
  @DisplayName(
      "a well-signed token without exp is refused with 401, as is a token of a user who no longer exists")
  void tokensThatMustNotWork() {
    TestUser user = Users.create();
    String secret = HandSignedTokens.nodeSecret();
    JsonObject claims =
        new JsonObject()
            .put("sub", String.valueOf(user.id()))
            .put("iss", "showfloor")
            .put("cv", 0)
            .put("name", user.displayName())
            .put("roles", new JsonArray().add("viewer"))
            .put("ev", true);
    String withExp =
        HandSignedTokens.sign(
            secret, claims.copy().put("exp", System.currentTimeMillis() / 1000 + 300));
    onA.as(withExp).get("/api/me").expect(200);
    onA.as(HandSignedTokens.sign(secret, claims))
        .get("/api/me")
        .expectProblem(401, "invalid_token");

    TestUser gone = Users.create();
    onB.as(gone.accessToken()).get("/api/me").expect(200);
    TestNode.get()
        .platform()
        .db()
        .query("DELETE FROM users WHERE id = $1", Tuple.of(gone.id()))
        .await();
    onA.as(gone.accessToken()).get("/api/me").expectProblem(401, "invalid_token");
  }

  /**
   * The other node refuses the token within the event bus hop, long before its cache would read the
   * version again.
   */
  private static void refusedOnB(String token, int status, String code) {
    long deadline = System.currentTimeMillis() + OTHER_NODE_MILLIS;
    Api.Response answer = onB.as(token).get("/api/me");
    // until the expected refusal, not only while accepted: after a lifted suspension the other
    // node may still refuse with the suspension (403) for the hop before it sees the revocation
    while (answer.status() != status && System.currentTimeMillis() < deadline) {
      answer = onB.as(token).get("/api/me");
    }
    answer.expectProblem(status, code);
  }
}
