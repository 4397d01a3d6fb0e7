package io.showfloor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.platform.config.Settings;
import io.showfloor.testing.Api;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.ScratchDatabase;
import io.showfloor.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A second node on a database of its own, started with --demo, with Resend configured, and with
 * ADMIN_EMAIL naming an account that already exists, and without http.trustProxy.
 */
@DisplayName(
    "A node started with --demo, Resend, an existing ADMIN_EMAIL account and no trusted proxy")
class FreshNodeTest {
  private static final String BOSS = "boss@example.test";
  private static final String BOSS_PASSWORD = "Original-pass-1";
  private static Settings settings;
  private static Showfloor node;

  @BeforeAll
  static void start() {
    String database = ScratchDatabase.create("fresh");
    // the account exists before the node first starts, with its own password
    Vertx vertx = Vertx.vertx();
    try {
      var pool =
          io.vertx.pgclient.PgBuilder.pool()
              .connectingTo(
                  io.showfloor.platform.infra.DatabaseUrl.parse(database).connectOptions())
              .using(vertx)
              .build();
      pool.preparedQuery(
              "INSERT INTO users (email, display_name, password_hash) VALUES ($1, 'Boss', $2)")
          .execute(Tuple.of(BOSS, PasswordHasher.hashNow(BOSS_PASSWORD)))
          .await();
      pool.close().await();
    } finally {
      vertx.close().await();
    }
    settings =
        TestNode.settings(Path.of("target", "test-data", "fresh"), true)
            .with("database.url", database)
            // a Redis database of its own: the --demo simulation trades, and its leaderboard must
            // not reach the shared node's
            .with(
                "redis.url", TestNode.get().platform().settings().string("redis.url", null) + "/8")
            .with("jwt.secret", "a-test-secret-of-at-least-thirty-two-characters")
            .with("http.instances", 1)
            .with("mail.resendApiKey", "re_test_not_used")
            .with("admin.email", BOSS)
            .with("admin.password", "Configured-pass-2")
            .with("demo", true)
            // no trusted proxy here: X-Forwarded-For must be ignored; logins get room for the tests
            // below
            .with("http.trustProxy", false)
            .with("accounts.loginPerMinutePerIp", 1000);
    node = Showfloor.start(settings);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  private static Api api() {
    return new Api("http://127.0.0.1:" + node.port()).fromNewAddress();
  }

  private static JsonObject login(String email, String password) {
    return api()
        .post("/api/auth/login", new JsonObject().put("email", email).put("password", password))
        .expect(200)
        .json();
  }

  @Test
  @DisplayName(
      "the demo world has verified people of every role, who log in with the documented password")
  void demoPeople() {
    JsonArray roles = new JsonArray();
    for (String email :
        List.of(
            DemoUsers.ADMIN,
            DemoUsers.MODERATOR,
            DemoUsers.SELLER,
            DemoUsers.CREATOR,
            DemoUsers.VIEWER)) {
      JsonObject user = login(email, DemoUsers.PASSWORD).getJsonObject("user");
      assertTrue(user.getBoolean("emailVerified"), email);
      user.getJsonArray("roles")
          .forEach(
              r -> {
                if (!roles.contains(r)) {
                  roles.add(r);
                }
              });
    }
    for (String role : User.ROLES) {
      assertTrue(roles.contains(role), "no demo user is " + role);
    }
    String viewer = login(DemoUsers.VIEWER, DemoUsers.PASSWORD).getString("accessToken");
    JsonObject welcome = api().as(viewer).get("/api/me/notifications").expect(200).json();
    assertEquals("welcome", welcome.getJsonArray("items").getJsonObject(0).getString("kind"));
  }

  @Test
  @DisplayName(
      "the demo market maker quotes as a registered liquidity provider with a read-and-trade key")
  void demoMarketMaker() {
    JsonObject session = login(DemoUsers.SELLER, DemoUsers.PASSWORD);
    assertTrue(
        session.getJsonObject("user").getJsonArray("roles").contains("liquidity_provider"),
        session.encode());
    Api seller = api().as(session.getString("accessToken"));
    JsonArray readAndTrade = new JsonArray().add("read").add("trade");
    Eventually.until(
        () ->
            seller.get("/api/me/api-keys").array().stream()
                .anyMatch(k -> readAndTrade.equals(((JsonObject) k).getJsonArray("scopes"))),
        "the bot's key can read and trade, and move no money");
  }

  @Test
  @DisplayName(
      "an existing account named by ADMIN_EMAIL becomes a verified admin and keeps its password")
  void adminPromoted() {
    JsonObject user = login(BOSS, BOSS_PASSWORD).getJsonObject("user");
    assertTrue(user.getJsonArray("roles").contains("admin"));
    assertTrue(user.getBoolean("emailVerified"));
    api()
        .post(
            "/api/auth/login",
            new JsonObject().put("email", BOSS).put("password", "Configured-pass-2"))
        .expectProblem(401, "invalid_credentials");
  }

  @Test
  @DisplayName("the last admin cannot lose the admin role")
  void lastAdmin() {
    Api dana = api().as(login(DemoUsers.ADMIN, DemoUsers.PASSWORD).getString("accessToken"));
    long boss = login(BOSS, BOSS_PASSWORD).getJsonObject("user").getLong("id");
    long danaId = login(DemoUsers.ADMIN, DemoUsers.PASSWORD).getJsonObject("user").getLong("id");
    dana.delete("/api/admin/users/" + boss + "/roles/admin").expect(200);
    dana.delete("/api/admin/users/" + danaId + "/roles/admin").expectProblem(409, "last_admin");
    dana.post("/api/admin/users/" + boss + "/roles", new JsonObject().put("role", "admin"))
        .expect(200);
  }

  @Test
  @DisplayName(
      "without a trusted proxy a made-up X-Forwarded-For does not escape the per-address limit")
  void forwardedForIgnored() {
    Api.Response last = null;
    for (int i = 0; i < 6; i++) {
      last =
          api()
              .post(
                  "/api/auth/signup",
                  new JsonObject()
                      .put("email", "spoof" + i + "-" + System.nanoTime() + "@example.test")
                      .put("password", People.PASSWORD)
                      .put("displayName", "Spoof " + i));
    }
    // all six came from 127.0.0.1 whatever they claimed, so the sixth at the latest is refused
    last.expectProblem(429, "rate_limited");
  }

  @Test
  @DisplayName("while Resend is in use the dev mailbox does not exist")
  void noDevMailbox() {
    api().get("/api/dev/mailbox").expectProblem(404, "not_found");
  }

  @Test
  @DisplayName("starting again with --demo plants nothing twice")
  void idempotentDemo() {
    long users = count("SELECT count(*) AS n FROM users");
    // the welcome notices of the seeds (the running demo simulation adds outbid and won notices)
    String welcomes = "SELECT count(*) AS n FROM notifications WHERE kind = 'welcome'";
    long notifications = count(welcomes);
    node.stop();
    node = Showfloor.start(settings);
    assertEquals(users, count("SELECT count(*) AS n FROM users"));
    assertEquals(notifications, count(welcomes));
    assertEquals(1, count("SELECT count(*) AS n FROM demo_seeds WHERE name = 'accounts.users'"));
    login(DemoUsers.SELLER, DemoUsers.PASSWORD);
  }

  private static long count(String sql) {
    return node.platform().db().one(sql, Tuple.tuple()).await().getLong("n");
  }
}
