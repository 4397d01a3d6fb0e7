package io.showfloor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Mailbox;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Forgotten passwords")
class PasswordResetTest {
  private static final String RESET_SUBJECT = "Reset your Showfloor password";

  @Test
  @DisplayName(
      "a reset mail sets a new password once, ends every session, and the old password stops working")
  void resetJourney() {
    People.Person ann = People.fresh();
    JsonObject session = ann.verifiedSession();
    ann.api()
        .post("/api/auth/password/forgot", new JsonObject().put("email", ann.email().toUpperCase()))
        .expect(202);
    JsonObject mail = Mailbox.await(ann.email(), RESET_SUBJECT);
    assertTrue(
        mail.getString("text").contains("http://localhost:8080/reset-password?token="),
        mail.getString("text"));
    String token = Mailbox.token(mail);

    ann.api()
        .post(
            "/api/auth/password/reset",
            new JsonObject().put("token", token).put("newPassword", "short"))
        .expectProblem(400, "weak_password");
    ann.api()
        .post(
            "/api/auth/password/reset",
            new JsonObject().put("token", token).put("newPassword", "New-secret-42"))
        .expect(204);

    ann.login(ann.password()).expectProblem(401, "invalid_credentials");
    ann.login("New-secret-42").expect(200);
    ann.api()
        .post(
            "/api/auth/refresh",
            new JsonObject().put("refreshToken", session.getString("refreshToken")))
        .expectProblem(401, "invalid_refresh_token");
    ann.api()
        .post(
            "/api/auth/password/reset",
            new JsonObject().put("token", token).put("newPassword", "Other-secret-43"))
        .expectProblem(400, "token_used");
  }

  @Test
  @DisplayName("an unknown address gets the same 202 and no mail is written")
  void noEnumeration() {
    String nobody = "nobody-" + System.nanoTime() + "@example.test";
    var api = TestNode.api().fromNewAddress();
    var answer =
        api.post("/api/auth/password/forgot", new JsonObject().put("email", nobody)).expect(202);
    assertEquals("", answer.body());
    long queued =
        TestNode.get()
            .platform()
            .db()
            .one("SELECT count(*) AS n FROM mail_outbox WHERE to_address = $1", Tuple.of(nobody))
            .await()
            .getLong("n");
    assertEquals(0, queued);
  }

  @Test
  @DisplayName("an expired reset link is refused and leaves the password as it was")
  void expiredToken() {
    People.Person bo = People.fresh();
    long id = bo.signUp().getJsonObject("user").getLong("id");
    bo.api()
        .post("/api/auth/password/forgot", new JsonObject().put("email", bo.email()))
        .expect(202);
    String token = Mailbox.token(Mailbox.await(bo.email(), RESET_SUBJECT));
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE account_tokens SET expires_at = now() - interval '1 second' "
                + "WHERE user_id = $1 AND purpose = 'reset_password'",
            Tuple.of(id))
        .await();
    bo.api()
        .post(
            "/api/auth/password/reset",
            new JsonObject().put("token", token).put("newPassword", "New-secret-42"))
        .expectProblem(400, "token_expired");
    bo.login(bo.password()).expect(200);
  }

  @Test
  @DisplayName("a newer reset link retires the older ones once it is used")
  void olderLinksRetired() {
    People.Person cy = People.fresh();
    cy.signUp();
    cy.api()
        .post("/api/auth/password/forgot", new JsonObject().put("email", cy.email()))
        .expect(202);
    cy.api()
        .post("/api/auth/password/forgot", new JsonObject().put("email", cy.email()))
        .expect(202);
    var mails = Mailbox.awaitCount(cy.email(), RESET_SUBJECT, 2);
    String newest = Mailbox.token(mails.get(0));
    String older = Mailbox.token(mails.get(1));
    cy.api()
        .post(
            "/api/auth/password/reset",
            new JsonObject().put("token", newest).put("newPassword", "New-secret-42"))
        .expect(204);
    cy.api()
        .post(
            "/api/auth/password/reset",
            new JsonObject().put("token", older).put("newPassword", "Other-secret-43"))
        .expectProblem(400, "token_used");
    cy.login("New-secret-42").expect(200);
  }

  @Test
  @DisplayName("a reset unlocks a locked account and verifies its address")
  void resetUnlocks() {
    People.Person di = People.fresh();
    di.signUp();
    for (int i = 0; i < 5; i++) {
      di.login("Wrong-password-1");
    }
    di.login(di.password()).expectProblem(423, "account_locked");
    di.api()
        .post("/api/auth/password/forgot", new JsonObject().put("email", di.email()))
        .expect(202);
    String token = Mailbox.token(Mailbox.await(di.email(), RESET_SUBJECT));
    di.api()
        .post(
            "/api/auth/password/reset",
            new JsonObject().put("token", token).put("newPassword", "New-secret-42"))
        .expect(204);
    JsonObject session = di.login("New-secret-42").expect(200).json();
    assertTrue(session.getJsonObject("user").getBoolean("emailVerified"));
  }
}
