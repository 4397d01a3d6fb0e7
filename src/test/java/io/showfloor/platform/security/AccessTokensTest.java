package io.showfloor.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.showfloor.testing.HandSignedTokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Access tokens")
class AccessTokensTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName("a token verified once (and so remembered) is refused once it expires")
  void rememberedTokenStillExpires() throws InterruptedException {
    AccessTokens tokens =
        new AccessTokens(vertx, "a-test-secret-of-at-least-thirty-two-bytes", 2, 0);
    String token = tokens.issue(42, 3, "Ann", Set.of("viewer"), true);
    AccessTokens.Verified first = tokens.verify(token).await();
    assertEquals(42, first.caller().userId());
    assertEquals(3, first.credentialsVersion());
    assertEquals(
        first, tokens.verify(token).await(), "the second verification answers from memory");
    // the token's exp is whole seconds: past it, with no leeway, it must be refused
    Thread.sleep(3_100);
    assertThrows(Exception.class, () -> tokens.verify(token).await());
  }

  @Test
  @DisplayName("a token signed with another secret is refused, whatever was verified before")
  void otherSecretRefused() {
    AccessTokens tokens =
        new AccessTokens(vertx, "a-test-secret-of-at-least-thirty-two-bytes", 60, 0);
    AccessTokens forger =
        new AccessTokens(vertx, "another-secret-of-at-least-thirty-two-bytes", 60, 0);
    tokens.verify(tokens.issue(7, 0, "Bo", Set.of("viewer"), true)).await();
    assertThrows(
        Exception.class,
        () -> tokens.verify(forger.issue(7, 0, "Bo", Set.of("admin"), true)).await());
  }

  @Test
  @DisplayName(
      "a well-signed token without exp (it would never expire) or without cv (it could never be ended) is refused")
  void expiryAndVersionRequired() {
    String secret = "a-test-secret-of-at-least-thirty-two-bytes";
    AccessTokens tokens = new AccessTokens(vertx, secret, 60, 0);
    long inAMinute = System.currentTimeMillis() / 1000 + 60;
    JsonObject claims =
        new JsonObject()
            .put("sub", "7")
            .put("iss", "showfloor")
            .put("name", "Bo")
            .put("roles", new JsonArray().add("viewer"))
            .put("ev", true);
    assertEquals(
        7,
        tokens
            .verify(HandSignedTokens.sign(secret, claims.copy().put("exp", inAMinute).put("cv", 0)))
            .await()
            .caller()
            .userId(),
        "the hand-made token is otherwise good");
    assertThrows(
        Exception.class,
        () -> tokens.verify(HandSignedTokens.sign(secret, claims.copy().put("cv", 0))).await());
    assertThrows(
        Exception.class,
        () ->
            tokens
                .verify(HandSignedTokens.sign(secret, claims.copy().put("exp", inAMinute)))
                .await());
  }
}
