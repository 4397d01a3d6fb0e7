package io.showfloor.account;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Account lockout and per-address rate limits")
class LockoutAndRateLimitTest {

  @Test
  @DisplayName(
      "five failed logins lock the account for 15 minutes, even for the right password; then it opens again")
  void lockout() {
    People.Person ann = People.fresh();
    long id = ann.signUp().getJsonObject("user").getLong("id");
    for (int i = 1; i <= 4; i++) {
      ann.login("Wrong-password-" + i).expectProblem(401, "invalid_credentials");
    }
    Api.Response fifth = ann.login("Wrong-password-5");
    fifth.expectProblem(423, "account_locked");
    long retryAfter = Long.parseLong(fifth.header("Retry-After"));
    assertTrue(retryAfter > 14 * 60 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);

    Api.Response locked = ann.login(ann.password());
    locked.expectProblem(423, "account_locked");
    assertNotNull(locked.header("Retry-After"));

    // fifteen minutes pass (and the person moves, so the login rate limit stays out of the way)
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1",
            Tuple.of(id))
        .await();
    ann = ann.elsewhere();
    ann.login(ann.password()).expect(200);
    // the count starts again from zero after a success
    for (int i = 1; i <= 4; i++) {
      ann.login("Wrong-password-" + i).expectProblem(401, "invalid_credentials");
    }
    ann.login(ann.password()).expect(200);
  }

  @Test
  @DisplayName("the eleventh login in a minute from one address answers 429 with Retry-After")
  void loginRateLimit() {
    People.Person bo = People.fresh();
    bo.signUp();
    for (int i = 0; i < 10; i++) {
      int status = bo.login(i % 3 == 0 ? bo.password() : "Wrong-password-1").status();
      assertTrue(status == 200 || status == 401, "attempt " + i + " answered " + status);
    }
    Api.Response limited = bo.login(bo.password());
    limited.expectProblem(429, "rate_limited");
    long retryAfter = Long.parseLong(limited.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    // another address is not affected
    bo.api()
        .fromNewAddress()
        .post(
            "/api/auth/login",
            new JsonObject().put("email", bo.email()).put("password", bo.password()))
        .expect(200);
  }

  @Test
  @DisplayName("the sixth sign-up in a minute from one address answers 429 with Retry-After")
  void signupRateLimit() {
    Api api = TestNode.api().fromNewAddress();
    for (int i = 0; i < 5; i++) {
      api.post(
              "/api/auth/signup",
              new JsonObject()
                  .put("email", "burst" + i + "-" + System.nanoTime() + "@example.test")
                  .put("password", People.PASSWORD)
                  .put("displayName", "Burst " + i))
          .expect(201);
    }
    Api.Response limited =
        api.post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", "burst5-" + System.nanoTime() + "@example.test")
                .put("password", People.PASSWORD)
                .put("displayName", "Burst 5"));
    limited.expectProblem(429, "rate_limited");
    assertNotNull(limited.header("Retry-After"));
  }

  @Test
  @DisplayName("limits still count after Redis forgets its scripts (a restarted or flushed Redis)")
  void limitsSurviveAScriptFlush() {
    Api api = TestNode.api().fromNewAddress();
    for (int i = 0; i < 5; i++) {
      if (i == 2) {
        TestNode.get().platform().redis().api().script(List.of("FLUSH")).await();
      }
      api.post(
              "/api/auth/signup",
              new JsonObject()
                  .put("email", "flush" + i + "-" + System.nanoTime() + "@example.test")
                  .put("password", People.PASSWORD)
                  .put("displayName", "Flush " + i))
          .expect(201);
    }
    api.post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", "flush5-" + System.nanoTime() + "@example.test")
                .put("password", People.PASSWORD)
                .put("displayName", "Flush 5"))
        .expectProblem(429, "rate_limited");
  }
}
