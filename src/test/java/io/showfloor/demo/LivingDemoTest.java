package io.showfloor.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.platform.infra.DatabaseUrl;
import io.showfloor.testing.Api;
import io.showfloor.testing.ScratchDatabase;
import io.showfloor.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A node of its own, on a database of its own, started with --demo at a fast pace. */
@DisplayName("The living demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivingDemoTest {
  private static Showfloor node;
  private static Vertx vertx;
  private static Pool db;

  @BeforeAll
  static void start() {
    String database = ScratchDatabase.create("livingdemo");
    // a Redis database of its own: the demo's leaderboard must not reach the shared node's, and
    // an earlier run's (a rerun) would hold another database's ids
    String redisUrl = TestNode.get().platform().settings().string("redis.url", null) + "/7";
    Vertx flusher = Vertx.vertx();
    try {
      Redis redis = Redis.createClient(flusher, redisUrl);
      redis.send(Request.cmd(Command.FLUSHDB)).await();
      redis.close();
    } finally {
      flusher.close().await();
    }
    node =
        Showfloor.start(
            TestNode.settings(Path.of("target", "test-data", "livingdemo"), true)
                .with("database.url", database)
                // a Redis database of its own: the demo's leaderboard must not reach the shared
                // node's
                .with(
                    "redis.url",
                    TestNode.get().platform().settings().string("redis.url", null) + "/7")
                .with("jwt.secret", "a-test-secret-of-at-least-thirty-two-characters")
                .with("http.instances", 1)
                .with("demo", true)
                .with("demoSimulation.tickMillis", 150)
                .with("demoSimulation.lotSeconds", 5)
                .with("demoSimulation.chatEveryTicks", 2)
                .with("demoSimulation.pollEveryTicks", 8)
                .with("demoSimulation.flashSaleEveryTicks", 10)
                .with("demoSimulation.flashSaleSeconds", 5));
    vertx = Vertx.vertx();
    db =
        PgBuilder.pool()
            .connectingTo(DatabaseUrl.parse(database).connectOptions())
            .using(vertx)
            .build();
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
    if (db != null) {
      db.close().await();
      vertx.close().await();
    }
  }

  private static Api api() {
    return new Api("http://127.0.0.1:" + node.port());
  }

  private static void within(int seconds, String what, Callable<Boolean> condition) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(seconds))
        .pollInterval(Duration.ofMillis(200))
        .until(condition);
  }

  private static long count(String sql) {
    return db.query(sql).execute().await().iterator().next().getLong(0);
  }

  @Test
  @Order(1)
  @DisplayName(
      "a show is live with a scripted host, labelled simulated, and several hosts have shows coming up")
  void liveShowAndUpcoming() {
    within(
        30,
        "a live show",
        () ->
            !api()
                .get("/api/shows?status=live")
                .expect(200)
                .json()
                .getJsonArray("items")
                .isEmpty());
    JsonObject live =
        api().get("/api/shows?status=live").json().getJsonArray("items").getJsonObject(0);
    assertTrue(live.getString("title").contains("simulated"), live.encode());
    assertTrue(live.getString("description").contains("simulation"), live.encode());
    assertTrue(live.getString("coverImageUrl").endsWith("/demo/images/camera-placeholder.png"));
    long show = live.getLong("id");
    within(
        30,
        "host chat and a poll",
        () ->
            count("SELECT count(*) FROM chat_messages WHERE show_id = " + show) >= 2
                && count("SELECT count(*) FROM polls WHERE show_id = " + show) >= 1);
    within(
        30,
        "upcoming shows from three hosts",
        () -> {
          Set<Long> hosts = new HashSet<>();
          api()
              .get("/api/shows?status=scheduled&limit=50")
              .json()
              .getJsonArray("items")
              .forEach(s -> hosts.add(((JsonObject) s).getLong("hostId")));
          return hosts.size() >= 3;
        });
  }

  @Test
  @Order(2)
  @DisplayName("the catalogue has products whose generated pictures are served as PNGs")
  void catalogueWithPictures() throws Exception {
    within(
        30,
        "products",
        () -> !api().get("/api/products").expect(200).json().getJsonArray("items").isEmpty());
    JsonArray items = api().get("/api/products?limit=50").json().getJsonArray("items");
    JsonObject product = items.getJsonObject(0);
    assertTrue(product.getString("title").contains("simulated"), product.encode());
    String url = product.getJsonArray("imageUrls").getString(0);
    String path = URI.create(url).getPath();
    HttpResponse<byte[]> png =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, png.statusCode());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
    byte[] body = png.body();
    assertTrue(body.length > 1000 && body[1] == 'P' && body[2] == 'N' && body[3] == 'G');
    assertEquals(404, api().get("/demo/images/not-a-demo-picture.png").status());
  }

  @Test
  @Order(3)
  @DisplayName("bot bidders bid through the real bid path and lots open and close")
  void botsBid() {
    within(
        40,
        "bids by simulated bidders, a closed lot and a flash sale",
        () ->
            count(
                        """
                    SELECT count(*) FROM bids b JOIN users u ON u.id = b.bidder_id
                    WHERE u.email LIKE 'bidder%@sim.showfloor.demo'""")
                    >= 3
                && count("SELECT count(*) FROM lots WHERE status IN ('sold', 'unsold', 'unpaid')")
                    >= 1
                && count("SELECT count(*) FROM flash_sales") >= 1);
    // a bid the API took: the lot's own view counts it
    Row lot =
        db.query("SELECT id FROM lots WHERE id IN (SELECT lot_id FROM bids) LIMIT 1")
            .execute()
            .await()
            .iterator()
            .next();
    assertTrue(api().get("/api/lots/" + lot.getLong("id")).json().getInteger("bidCount") >= 1);
  }

  @Test
  @Order(4)
  @DisplayName("bot traders fill the tape, the candles and the leaderboard within seconds")
  void marketTrades() {
    within(
        40,
        "trades on a demo instrument",
        () ->
            count("SELECT count(*) FROM market_trades") >= 3
                && !api()
                    .get("/api/market/leaderboard")
                    .expect(200)
                    .json()
                    .getJsonArray("entries", new JsonArray())
                    .isEmpty());
    String symbol =
        db.query("SELECT symbol FROM market_trades LIMIT 1")
            .execute()
            .await()
            .iterator()
            .next()
            .getString("symbol");
    assertFalse(
        api()
            .get("/api/market/instruments/" + symbol + "/trades")
            .expect(200)
            .json()
            .getJsonArray("items")
            .isEmpty());
  }

  @Test
  @Order(5)
  @DisplayName(
      "a fresh demo node has a simulated past of sold lots and trades: the live lot gets a hammer-price range and a demo instrument a prediction")
  void estimatesAndPredictions() {
    // the seeded past: the simulated hosts' weekly shows, most of whose lots sold
    assertTrue(
        count(
                """
            SELECT count(*) FROM lots l JOIN shows s ON s.id = l.show_id
            WHERE l.status = 'sold' AND l.hammer_price_cents >= l.starting_price_cents
              AND s.title LIKE '%ago (simulated)'""")
            >= 150);
    // the scheduled training pass fell due when the demo's tape was planted
    within(
        60,
        "a trained 1m model",
        () -> count("SELECT count(*) FROM insight_models WHERE interval = '1m'") >= 1);
    JsonObject prediction =
        api().get("/api/market/instruments/DEMOGTR/prediction?interval=1m").expect(200).json();
    assertTrue(List.of("up", "down").contains(prediction.getString("direction")));
    assertTrue(prediction.getJsonObject("record").getInteger("samples") > 0);

    within(
        30,
        "a queued or open lot in the live show",
        () ->
            count(
                    "SELECT count(*) FROM lots l JOIN shows s ON s.id = l.show_id "
                        + "WHERE s.status = 'live' AND l.status IN ('queued', 'open')")
                >= 1);
    long lot =
        db.query(
                "SELECT l.id FROM lots l JOIN shows s ON s.id = l.show_id "
                    + "WHERE s.status = 'live' AND l.status IN ('queued', 'open') ORDER BY l.id DESC LIMIT 1")
            .execute()
            .await()
            .iterator()
            .next()
            .getLong("id");
    JsonObject estimate = api().get("/api/lots/" + lot + "/estimate").expect(200).json();
    assertEquals("seller and category", estimate.getString("basis"), estimate.encode());
    assertTrue(estimate.getInteger("similarLots") >= 20, estimate.encode());
    assertTrue(estimate.getLong("lowCents") <= estimate.getLong("highCents"));
    assertTrue(estimate.getJsonObject("coverage").getInteger("heldOutLots") > 0);
  }

  @Test
  @Order(6)
  @DisplayName(
      "one node holds the simulation's lease; a node without --demo runs and serves none of it")
  void onlyWithDemo() {
    assertEquals(
        1,
        count(
            "SELECT count(*) FROM platform_leases WHERE name = 'demo.simulation' AND expires_at > now()"));
    Api plain = TestNode.api();
    assertEquals(404, plain.get("/demo/images/camera-placeholder.png").status());
    var shared = TestNode.get().platform().db();
    assertEquals(
        0L,
        shared
            .one(
                "SELECT count(*) AS n FROM users WHERE email LIKE '%@sim.showfloor.demo'",
                Tuple.tuple())
            .await()
            .getLong("n"));
    assertEquals(
        0L,
        shared
            // the shared node holds leases of its own (the tournament sweep): only the demo's
            // counts
            .one(
                "SELECT count(*) AS n FROM platform_leases WHERE name = 'demo.simulation'",
                Tuple.tuple())
            .await()
            .getLong("n"));
  }

  @Test
  @Order(7)
  @DisplayName("stopping the node stops the simulation and hands its lease back")
  void stopsWithTheNode() throws Exception {
    node.stop();
    long bids = count("SELECT count(*) FROM bids");
    long chat = count("SELECT count(*) FROM chat_messages");
    long orders = count("SELECT count(*) FROM market_orders");
    assertEquals(
        0,
        count("SELECT count(*) FROM platform_leases WHERE expires_at > now()"),
        "lease released");
    Thread.sleep(1_000); // ten ticks of the simulation's pace: nothing may move
    assertEquals(bids, count("SELECT count(*) FROM bids"));
    assertEquals(chat, count("SELECT count(*) FROM chat_messages"));
    assertEquals(orders, count("SELECT count(*) FROM market_orders"));
  }
}
