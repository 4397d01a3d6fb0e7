package io.showfloor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.Mailbox;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Browsers keep the refresh token in an HttpOnly cookie no script can read; API clients keep
 * sending it in the body. The test client keeps no cookies, so each test sends the Cookie header a
 * browser would.
 */
@DisplayName("The refresh cookie")
class RefreshCookieTest {
  private static final String NAME = "sf_refresh";

  private static String value(String setCookie) {
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  private static Api withCookie(People.Person person, String token) {
    return person.api().with("Cookie", NAME + "=" + token);
  }

  @Test
  @DisplayName(
      "login sets it HttpOnly, SameSite=Strict, for /api/auth only, as long as the session lasts (not Secure on http)")
  void loginSetsIt() {
    People.Person ann = People.fresh();
    ann.signUp();
    Api.Response login = ann.login(ann.password()).expect(200);
    String cookie = login.setCookie(NAME);
    assertNotNull(cookie, "login should set the refresh cookie");
    assertTrue(cookie.contains("; Path=/api/auth"), cookie);
    assertTrue(cookie.contains("; HTTPOnly") || cookie.contains("; HttpOnly"), cookie);
    assertTrue(cookie.contains("; SameSite=Strict"), cookie);
    assertTrue(cookie.contains("; Max-Age=2592000"), cookie);
    assertFalse(cookie.contains("; Secure"), "the test node is published on http: " + cookie);
    // API clients keep no cookies: for them the same token is in the body
    assertEquals(login.json().getString("refreshToken"), value(cookie));
  }

  @Test
  @DisplayName(
      "a refresh with the cookie answers a new access token, rotates the cookie, and never shows the refresh token to the page")
  void refreshWithCookie() {
    People.Person bo = People.fresh();
    bo.signUp();
    String first = value(bo.login(bo.password()).expect(200).setCookie(NAME));

    Api.Response renewed =
        withCookie(bo, first).post("/api/auth/refresh", new JsonObject()).expect(200);
    assertNull(
        renewed.json().getString("refreshToken"),
        "a script on the page must not get a refresh token: " + renewed.body());
    String second = value(renewed.setCookie(NAME));
    assertNotEquals(first, second);
    bo.api().as(renewed.json().getString("accessToken")).get("/api/me").expect(200);

    // also with no body at all
    Api.Response again = withCookie(bo, second).post("/api/auth/refresh").expect(200);
    String third = value(again.setCookie(NAME));

    // the retired cookie replayed (a stolen copy): the whole session ends and the cookie is cleared
    Api.Response replay = withCookie(bo, first).post("/api/auth/refresh", new JsonObject());
    replay.expectProblem(401, "refresh_token_reused");
    assertTrue(replay.setCookie(NAME).contains("Max-Age=0"), replay.setCookie(NAME));
    withCookie(bo, third)
        .post("/api/auth/refresh", new JsonObject())
        .expectProblem(401, "invalid_refresh_token");
  }

  @Test
  @DisplayName(
      "API clients still send the token in the body and get the next one there, with no cookie")
  void bodyTokensForApiClients() {
    People.Person cy = People.fresh();
    cy.signUp();
    String first = cy.login().getString("refreshToken");
    Api.Response renewed =
        cy.api().post("/api/auth/refresh", new JsonObject().put("refreshToken", first)).expect(200);
    assertNotNull(renewed.json().getString("refreshToken"));
    assertNull(renewed.setCookie(NAME), "a body refresh sets no cookie");
  }

  @Test
  @DisplayName("a refresh with neither cookie nor body token is 401 invalid_refresh_token")
  void nothingPresented() {
    People.Person dee = People.fresh();
    dee.api()
        .post("/api/auth/refresh", new JsonObject())
        .expectProblem(401, "invalid_refresh_token");
    dee.api().post("/api/auth/refresh").expectProblem(401, "invalid_refresh_token");
    withCookie(dee, "").post("/api/auth/refresh").expectProblem(401, "invalid_refresh_token");
    withCookie(dee, "not-a-token")
        .post("/api/auth/refresh")
        .expectProblem(401, "invalid_refresh_token");
  }

  @Test
  @DisplayName("logout with the cookie ends that session and clears the cookie")
  void logoutClears() {
    People.Person eve = People.fresh();
    eve.signUp();
    String token = value(eve.login(eve.password()).expect(200).setCookie(NAME));
    Api.Response out =
        withCookie(eve, token).post("/api/auth/logout", new JsonObject()).expect(204);
    String cleared = out.setCookie(NAME);
    assertTrue(
        cleared != null && cleared.contains("Max-Age=0") && cleared.contains("Path=/api/auth"),
        cleared);
    withCookie(eve, token)
        .post("/api/auth/refresh", new JsonObject())
        .expectProblem(401, "invalid_refresh_token");
  }

  @Test
  @DisplayName("a password reset ends the session in the cookie and tells the browser to forget it")
  void resetClears() {
    People.Person flo = People.fresh();
    flo.signUp();
    String token = value(flo.login(flo.password()).expect(200).setCookie(NAME));
    flo.api()
        .post("/api/auth/password/forgot", new JsonObject().put("email", flo.email()))
        .expect(202);
    String resetToken = Mailbox.token(Mailbox.await(flo.email(), "Reset your Showfloor password"));
    Api.Response reset =
        withCookie(flo, token)
            .post(
                "/api/auth/password/reset",
                new JsonObject().put("token", resetToken).put("newPassword", "New-secret-42"))
            .expect(204);
    assertTrue(reset.setCookie(NAME).contains("Max-Age=0"), reset.setCookie(NAME));
    withCookie(flo, token)
        .post("/api/auth/refresh", new JsonObject())
        .expectProblem(401, "invalid_refresh_token");
  }
}
