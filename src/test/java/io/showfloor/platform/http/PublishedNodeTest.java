package io.showfloor.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.testing.Api;
import io.showfloor.testing.CapturedLogs;
import io.showfloor.testing.LanAddress;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node as it is published: on https (behind a TLS proxy) with a metrics token for the scraper. A
 * second node on the shared database and Redis, stopped when this class ends.
 */
@DisplayName("A node published on https")
class PublishedNodeTest {
  private static final String METRICS_TOKEN = "scrape-me-" + System.nanoTime();
  private static Showfloor node;
  private static List<String> startUpLines;

  @BeforeAll
  static void start() {
    try (CapturedLogs logs = CapturedLogs.capture()) {
      node =
          Showfloor.start(
              TestNode.sharingInfrastructure("published-node")
                  .with("http.instances", 1)
                  .with("database.poolSize", 4)
                  .with("http.publicUrl", "https://shop.example.test")
                  .with("livekit.url", "wss://video.example.test")
                  .with("metrics.token", METRICS_TOKEN));
      startUpLines =
          logs.lines(line -> true).stream().map(line -> line.getString("message", "")).toList();
    }
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  private static Api local() {
    return new Api("http://127.0.0.1:" + node.port());
  }

  @Test
  @DisplayName(
      "every answer asks browsers for https only (HSTS), and the policy names wss for our socket and LiveKit")
  void strictTransport() {
    for (Api.Response answer :
        List.of(
            local().get("/health/live"), local().get("/api/shows"), local().get("/api/nothing"))) {
      assertEquals("max-age=31536000", answer.header("Strict-Transport-Security"), answer.call());
    }
    String csp = local().get("/health/live").header("Content-Security-Policy");
    assertTrue(csp.contains(" wss://127.0.0.1:" + node.port()), csp);
    assertTrue(csp.contains(" wss://video.example.test https://video.example.test"), csp);
    assertFalse(csp.contains("ws://localhost:7880"), csp);
  }

  @Test
  @DisplayName(
      "/metrics answers the network only with the bearer token: 401 without it or with a wrong one")
  void metricsToken() {
    Api network = LanAddress.apiFor(node.port());
    Api.Response refused = network.get("/metrics");
    refused.expectProblem(401, "unauthorized");
    assertEquals("Bearer realm=\"metrics\"", refused.header("WWW-Authenticate"));
    network.as("wrong-" + METRICS_TOKEN).get("/metrics").expectProblem(401, "unauthorized");
    network.as(METRICS_TOKEN.substring(1)).get("/metrics").expectProblem(401, "unauthorized");
    network.from("127.0.0.1").get("/metrics").expectProblem(401, "unauthorized");
    assertTrue(
        network
            .as(METRICS_TOKEN)
            .get("/metrics")
            .expect(200)
            .body()
            .contains("jvm_memory_used_bytes"));
    // this machine needs no token
    local().get("/metrics").expect(200);
  }

  @Test
  @DisplayName("the token comes from METRICS_TOKEN in the environment")
  void tokenFromEnvironment() {
    io.vertx.core.Vertx reader = io.vertx.core.Vertx.vertx();
    try {
      var settings =
          io.showfloor.platform.config.ConfigLoader.load(
              reader,
              java.nio.file.Path.of("config"),
              null,
              java.util.Map.of("METRICS_TOKEN", "from-the-environment"));
      assertEquals("from-the-environment", settings.string("metrics.token", null));
    } finally {
      reader.close();
    }
  }

  @Test
  @DisplayName(
      "the refresh cookie is Secure and named __Secure-sf_refresh, so plain http can neither read nor plant it")
  void secureCookie() {
    String email = "published" + System.nanoTime() + "@example.test";
    Api client = local().fromNewAddress();
    client
        .post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", email)
                .put("password", "Correct-horse-9")
                .put("displayName", "Published"))
        .expect(201);
    Api.Response login =
        client
            .post(
                "/api/auth/login",
                new JsonObject().put("email", email).put("password", "Correct-horse-9"))
            .expect(200);
    String cookie = login.setCookie("__Secure-sf_refresh");
    assertNotNull(cookie, "Set-Cookie: " + login.raw().headers().allValues("Set-Cookie"));
    assertTrue(cookie.contains("; Secure"), cookie);
    assertTrue(cookie.contains("; HTTPOnly") || cookie.contains("; HttpOnly"), cookie);
    String token = cookie.substring("__Secure-sf_refresh=".length(), cookie.indexOf(';'));
    // the plain name means nothing on an https node
    client
        .with("Cookie", "sf_refresh=" + token)
        .post("/api/auth/refresh", new JsonObject())
        .expectProblem(401, "invalid_refresh_token");
    client
        .with("Cookie", "__Secure-sf_refresh=" + token)
        .post("/api/auth/refresh", new JsonObject())
        .expect(200);
  }

  @Test
  @DisplayName(
      "without Resend, start-up says the dev mailbox answers this machine only, and the network gets 404")
  void mailboxAtStartUp() {
    assertTrue(
        startUpLines.stream()
            .anyMatch(
                m -> m.contains("GET /api/dev/mailbox") && m.contains("answer this machine only")),
        "start-up lines: " + startUpLines);
    LanAddress.apiFor(node.port()).get("/api/dev/mailbox").expectProblem(404, "not_found");
    local().get("/api/dev/mailbox").expect(200);
  }
}
