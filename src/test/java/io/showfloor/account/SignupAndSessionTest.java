package io.showfloor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Mailbox;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sign-up, verification and sessions")
class SignupAndSessionTest {

  @Test
  @DisplayName(
      "a new account is verified by mail, logs in, refreshes, and a replayed refresh token ends the session")
  void wholeJourney() {
    People.Person ann = People.fresh();
    JsonObject user = ann.signUp().getJsonObject("user");
    assertEquals(ann.email(), user.getString("email"));
    assertEquals(ann.displayName(), user.getString("displayName"));
    assertEquals(new JsonArray().add("viewer"), user.getJsonArray("roles"));
    assertFalse(user.getBoolean("emailVerified"));

    JsonObject mail = Mailbox.await(ann.email(), "Confirm your Showfloor email");
    assertTrue(
        mail.getString("text").contains("http://localhost:8080/verify?token="),
        mail.getString("text"));
    assertTrue(mail.getString("html").contains("/verify?token="), mail.getString("html"));
    String token = Mailbox.token(mail);
    JsonObject verified =
        ann.api().post("/api/auth/verify", new JsonObject().put("token", token)).expect(200).json();
    assertTrue(verified.getJsonObject("user").getBoolean("emailVerified"));
    ann.api()
        .post("/api/auth/verify", new JsonObject().put("token", token))
        .expectProblem(400, "token_used");

    JsonObject session = ann.login();
    assertEquals(900, session.getInteger("expiresIn"));
    assertEquals(ann.email(), session.getJsonObject("user").getString("email"));
    JsonObject me =
        ann.api().as(session.getString("accessToken")).get("/api/me").expect(200).json();
    assertEquals(user.getLong("id"), me.getLong("id"));
    assertTrue(me.getBoolean("emailVerified"));

    String first = session.getString("refreshToken");
    JsonObject renewed =
        ann.api()
            .post("/api/auth/refresh", new JsonObject().put("refreshToken", first))
            .expect(200)
            .json();
    String second = renewed.getString("refreshToken");
    assertNotEquals(first, second);
    ann.api().as(renewed.getString("accessToken")).get("/api/me").expect(200);

    // the first token is replayed: the whole family goes, including the newer token
    ann.api()
        .post("/api/auth/refresh", new JsonObject().put("refreshToken", first))
        .expectProblem(401, "refresh_token_reused");
    ann.api()
        .post("/api/auth/refresh", new JsonObject().put("refreshToken", second))
        .expectProblem(401, "invalid_refresh_token");

    // a fresh login is a new family, unaffected; logout ends it
    String third = ann.login().getString("refreshToken");
    ann.api().post("/api/auth/logout", new JsonObject().put("refreshToken", third)).expect(204);
    ann.api()
        .post("/api/auth/refresh", new JsonObject().put("refreshToken", third))
        .expectProblem(401, "invalid_refresh_token");
    ann.api().post("/api/auth/logout", new JsonObject().put("refreshToken", third)).expect(204);
  }

  @Test
  @DisplayName("an unverified account may log in but not do what needs a verified email")
  void unverifiedLogin() {
    People.Person bo = People.fresh();
    bo.signUp();
    JsonObject session = bo.login();
    assertFalse(session.getJsonObject("user").getBoolean("emailVerified"));
    bo.api()
        .as(session.getString("accessToken"))
        .post("/api/me/roles", new JsonObject().put("role", "seller"))
        .expectProblem(403, "email_not_verified");
  }

  @Test
  @DisplayName("a verification mail can be asked for again, and the new link works")
  void resendVerification() {
    People.Person cy = People.fresh();
    cy.signUp();
    String access = cy.login().getString("accessToken");
    cy.api().as(access).post("/api/auth/verify/resend").expect(202);
    var mails = Mailbox.awaitCount(cy.email(), "Confirm your Showfloor email", 2);
    String newest = Mailbox.token(mails.get(0));
    cy.api().post("/api/auth/verify", new JsonObject().put("token", newest)).expect(200);
    cy.api().as(access).post("/api/auth/verify/resend").expectProblem(409, "already_verified");
  }

  @Test
  @DisplayName("an expired or unknown verification token is refused")
  void expiredVerification() {
    People.Person di = People.fresh();
    long id = di.signUp().getJsonObject("user").getLong("id");
    String token = di.verificationToken();
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE account_tokens SET expires_at = now() - interval '1 second' "
                + "WHERE user_id = $1",
            Tuple.of(id))
        .await();
    di.api()
        .post("/api/auth/verify", new JsonObject().put("token", token))
        .expectProblem(400, "token_expired");
    di.api()
        .post("/api/auth/verify", new JsonObject().put("token", "no-such-token"))
        .expectProblem(400, "token_invalid");
    assertFalse(di.login().getJsonObject("user").getBoolean("emailVerified"));
  }

  @Test
  @DisplayName("an address can be used once, whatever its letter case")
  void duplicateEmail() {
    People.Person ed = People.fresh();
    ed.signUp();
    ed.api()
        .post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", ed.email().toUpperCase())
                .put("password", "Another-pass-7")
                .put("displayName", "Ed Again"))
        .expectProblem(409, "email_taken");
  }

  @Test
  @DisplayName("weak passwords are refused with the rule they break")
  void passwordPolicy() {
    People.Person fay = People.fresh();
    String[][] cases = {
      {"Short-1", "at least 10"},
      {"alllowercaseletters", "two kinds"},
      {"aaaaaaaaaa1", "5 different"},
      {"Password123!", "too common"},
      {"1234567890", "two kinds"},
      {fay.email(), "email"},
    };
    for (String[] c : cases) {
      // each try from its own address: refused sign-ups count towards the per-address limit too
      JsonObject problem =
          fay.api()
              .fromNewAddress()
              .post(
                  "/api/auth/signup",
                  new JsonObject()
                      .put("email", fay.email())
                      .put("password", c[0])
                      .put("displayName", fay.displayName()))
              .expectProblem(400, "weak_password");
      assertTrue(
          problem.getString("detail").contains(c[1]), c[0] + " -> " + problem.getString("detail"));
    }
  }

  @Test
  @DisplayName("a malformed email or a blank display name is refused")
  void identityChecks() {
    People.Person gus = People.fresh();
    gus.api()
        .post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", "not-an-email")
                .put("password", People.PASSWORD)
                .put("displayName", "Gus"))
        .expectProblem(400, "invalid_email");
    gus.api()
        .post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", gus.email())
                .put("password", People.PASSWORD)
                .put("displayName", "   "))
        .expectProblem(400, "invalid_display_name");
    JsonObject user =
        gus.api()
            .post(
                "/api/auth/signup",
                new JsonObject()
                    .put("email", "  " + gus.email().toUpperCase() + " ")
                    .put("password", People.PASSWORD)
                    .put("displayName", "  Gus  "))
            .expect(201)
            .json()
            .getJsonObject("user");
    assertEquals(gus.email(), user.getString("email"));
    assertEquals("Gus", user.getString("displayName"));
  }

  @Test
  @DisplayName("a wrong password and an unknown email get the same answer")
  void noEnumerationAtLogin() {
    People.Person hal = People.fresh();
    hal.signUp();
    JsonObject wrong = hal.login("Wrong-password-1").expectProblem(401, "invalid_credentials");
    JsonObject unknown =
        hal.api()
            .post(
                "/api/auth/login",
                new JsonObject()
                    .put("email", "nobody-" + hal.email())
                    .put("password", "Wrong-password-1"))
            .expectProblem(401, "invalid_credentials");
    assertEquals(wrong.getString("detail"), unknown.getString("detail"));
  }

  @Test
  @DisplayName("the password is stored as an argon2id hash, never in clear")
  void passwordHashed() {
    People.Person ivy = People.fresh();
    long id = ivy.signUp().getJsonObject("user").getLong("id");
    String hash =
        TestNode.get()
            .platform()
            .db()
            .one("SELECT password_hash FROM users WHERE id = $1", Tuple.of(id))
            .await()
            .getString("password_hash");
    assertNotNull(hash);
    assertTrue(hash.startsWith("$argon2id$"), hash);
    assertFalse(hash.contains(ivy.password()));
  }
}
