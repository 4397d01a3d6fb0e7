package io.showfloor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Account settings: password, email, export, deletion")
class AccountSettingsTest {
  private static final String NEW_PASSWORD = "Brand-new-Pass-77";

  private static Api signedIn(JsonObject session, People.Person person) {
    return person.api().as(session.getString("accessToken"));
  }

  @Test
  @DisplayName(
      "changing the password needs the current one, ends every other session and token, and keeps this browser signed in")
  void changePassword() {
    People.Person person = People.fresh();
    JsonObject here = person.verifiedSession();
    JsonObject other = person.elsewhere().login();
    Api me = signedIn(here, person);

    me.post(
            "/api/me/password",
            new JsonObject()
                .put("currentPassword", "Wrong-guess-123")
                .put("newPassword", NEW_PASSWORD))
        .expectProblem(403, "wrong_password");
    me.post(
            "/api/me/password",
            new JsonObject()
                .put("currentPassword", person.password())
                .put("newPassword", "password"))
        .expectProblem(400, "weak_password");
    Api.Response changed =
        me.post(
                "/api/me/password",
                new JsonObject()
                    .put("currentPassword", person.password())
                    .put("newPassword", NEW_PASSWORD))
            .expect(200);
    assertNotNull(changed.setCookie("sf_refresh"), "this browser keeps a session");
    JsonObject fresh = changed.json();

    // every access token issued before is refused; the other session's refresh token is dead
    me.get("/api/me").expectProblem(401, "token_revoked");
    person
        .api()
        .as(other.getString("accessToken"))
        .get("/api/me")
        .expectProblem(401, "token_revoked");
    person
        .api()
        .post(
            "/api/auth/refresh",
            new JsonObject().put("refreshToken", other.getString("refreshToken")))
        .expect(401);
    // the new session works, and only the new password logs in
    person.api().as(fresh.getString("accessToken")).get("/api/me").expect(200);
    person
        .api()
        .post(
            "/api/auth/refresh",
            new JsonObject().put("refreshToken", fresh.getString("refreshToken")))
        .expect(200);
    person.elsewhere().login(person.password()).expectProblem(401, "invalid_credentials");
    person.elsewhere().login(NEW_PASSWORD).expect(200);
    Mailbox.await(person.email(), "Your Showfloor password was changed");
  }

  @Test
  @DisplayName(
      "changing the email: the new address confirms, the old one is told, a second change before confirming is 409")
  void changeEmail() {
    People.Person person = People.fresh();
    Api me = signedIn(person.verifiedSession(), person);
    String newEmail = "moved-" + System.nanoTime() + "@example.test";

    me.post(
            "/api/me/email-change",
            new JsonObject().put("newEmail", newEmail).put("currentPassword", "Wrong-guess-123"))
        .expectProblem(403, "wrong_password");
    me.post(
            "/api/me/email-change",
            new JsonObject()
                .put("newEmail", person.email())
                .put("currentPassword", person.password()))
        .expectProblem(400, "same_email");
    JsonObject pending =
        me.post(
                "/api/me/email-change",
                new JsonObject()
                    .put("newEmail", newEmail)
                    .put("currentPassword", person.password()))
            .expect(202)
            .json();
    assertEquals(newEmail, pending.getString("pendingEmail"));
    assertEquals(
        newEmail, me.get("/api/me/email-change").expect(200).json().getString("pendingEmail"));
    me.post(
            "/api/me/email-change",
            new JsonObject()
                .put("newEmail", "other-" + newEmail)
                .put("currentPassword", person.password()))
        .expectProblem(409, "email_change_pending");
    assertEquals(
        person.email(),
        me.get("/api/me").expect(200).json().getString("email"),
        "not changed before the link");
    Mailbox.await(person.email(), "A change of your Showfloor email address");

    String token =
        Mailbox.token(Mailbox.await(newEmail, "Confirm your new Showfloor email address"));
    JsonObject user =
        TestNode.api()
            .post("/api/auth/confirm-email", new JsonObject().put("token", token))
            .expect(200)
            .json();
    assertEquals(newEmail, user.getJsonObject("user").getString("email"));
    assertTrue(user.getJsonObject("user").getBoolean("emailVerified"));
    TestNode.api()
        .post("/api/auth/confirm-email", new JsonObject().put("token", token))
        .expectProblem(400, "token_used");
    Mailbox.await(person.email(), "Your Showfloor email address was changed");
    person
        .elsewhere()
        .api()
        .post(
            "/api/auth/login",
            new JsonObject().put("email", newEmail).put("password", person.password()))
        .expect(200);
    assertEquals(
        JsonObject.of("pendingEmail", null), me.get("/api/me/email-change").expect(200).json());

    // cancelling frees the way for another change
    String third = "third-" + newEmail;
    me.post(
            "/api/me/email-change",
            new JsonObject().put("newEmail", third).put("currentPassword", person.password()))
        .expect(202);
    me.delete("/api/me/email-change").expect(204);
    me.post(
            "/api/me/email-change",
            new JsonObject()
                .put("newEmail", "fourth-" + newEmail)
                .put("currentPassword", person.password()))
        .expect(202);
  }

  @Test
  @DisplayName("an address someone else has is refused")
  void emailTaken() {
    People.Person first = People.fresh();
    first.verifiedSession();
    People.Person person = People.fresh();
    Api me = signedIn(person.verifiedSession(), person);
    me.post(
            "/api/me/email-change",
            new JsonObject()
                .put("newEmail", first.email())
                .put("currentPassword", person.password()))
        .expectProblem(409, "email_taken");
  }

  @Test
  @DisplayName(
      "the export is one JSON document with the account, its settings and its notifications, sent in chunks")
  void export() {
    People.Person person = People.fresh();
    JsonObject session = person.verifiedSession();
    Api me = signedIn(session, person);
    long id = session.getJsonObject("user").getLong("id");
    for (int i = 0; i < 450; i++) {
      TestNode.get()
          .platform()
          .db()
          .query(
              "INSERT INTO notifications (user_id, kind, payload) VALUES ($1, 'outbid', $2)",
              Tuple.of(id, new JsonObject().put("n", i)))
          .await();
    }
    me.put(
            "/api/me/notification-preferences",
            new JsonObject()
                .put(
                    "topics",
                    new JsonArray()
                        .add(new JsonObject().put("topic", "orders").put("mail", false))))
        .expect(200);
    Api.Response export = me.get("/api/me/export").expect(200);
    assertTrue(export.header("Content-Disposition").startsWith("attachment"));
    assertEquals("chunked", export.header("Transfer-Encoding"));
    JsonObject doc = export.json();
    assertEquals(person.email(), doc.getJsonObject("account").getString("email"));
    assertEquals(450, doc.getJsonArray("notifications").size());
    assertEquals(
        449,
        doc.getJsonArray("notifications")
            .getJsonObject(449)
            .getJsonObject("payload")
            .getInteger("n"));
    assertEquals(
        new JsonObject().put("topic", "orders").put("channel", "mail").put("enabled", false),
        doc.getJsonArray("notificationPreferences").getJsonObject(0));
    assertEquals(1, doc.getJsonArray("sessions").size());
    assertTrue(doc.getJsonArray("orders").isEmpty());
    assertFalse(export.body().contains("password"), "no hash, no password");
    TestNode.api().get("/api/me/export").expectProblem(401, "unauthorized");
  }

  @Test
  @DisplayName(
      "deleting the account anonymises it, ends its sessions, and keeps the row orders point at")
  void deleteAccount() {
    People.Person person = People.fresh();
    JsonObject session = person.verifiedSession();
    Api me = signedIn(session, person);
    long id = session.getJsonObject("user").getLong("id");

    me.post("/api/me/delete", new JsonObject().put("currentPassword", "Wrong-guess-123"))
        .expectProblem(403, "wrong_password");
    me.post("/api/me/delete", new JsonObject().put("currentPassword", person.password()))
        .expect(204);

    me.get("/api/me").expect(401);
    person
        .api()
        .post(
            "/api/auth/refresh",
            new JsonObject().put("refreshToken", session.getString("refreshToken")))
        .expect(401);
    person.elsewhere().login(person.password()).expectProblem(401, "invalid_credentials");
    Row row =
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT email, display_name, status, avatar_url, deleted_at FROM users WHERE id = $1",
                Tuple.of(id))
            .await();
    assertEquals("deleted", row.getString("status"));
    assertEquals("Deleted user", row.getString("display_name"));
    assertEquals("deleted-" + id + "@deleted.invalid", row.getString("email"));
    assertNotNull(row.getOffsetDateTime("deleted_at"));
    Mailbox.await(person.email(), "Your Showfloor account was deleted");
    // the address is free again
    People.Person again =
        new People.Person(
            person.email(), person.password(), "Back again", person.api().fromNewAddress());
    again.signUp();
  }
}
