package io.showfloor.bench;

import io.showfloor.Showfloor;
import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bid-to-viewer delivery: {@code viewers} WebSocket clients subscribed to one lot while bids arrive
 * over HTTP at {@code rate} per second. Latency is the time from the server stamping the
 * bid.accepted frame (its serverTime, taken right after the bid committed) to a viewer reading it;
 * client and server share this machine's clock.
 */
public final class BidDeliveryBenchmark {
  private static final String BID_ACCEPTED = "\"type\":\"bid.accepted\"";
  private static final String SERVER_TIME = "\"serverTime\":\"";

  public static void main(String[] args) throws Exception {
    int viewers = Integer.parseInt(BenchArgs.get(args, "viewers", "2000"));
    int rate = Integer.parseInt(BenchArgs.get(args, "rate", "50"));
    int seconds = Integer.parseInt(BenchArgs.get(args, "seconds", "20"));
    // bids flow but are not measured for the first seconds, while the JIT compiles the paths
    int warmup = Integer.parseInt(BenchArgs.get(args, "warmup", "10"));
    Showfloor node =
        Showfloor.start(
            TestNode.settings(Path.of("target", "bench-data"), true)
                .with("auctions.bidsPer10Seconds", 1_000_000));
    Vertx client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      String base = "http://127.0.0.1:" + node.port();
      long hostId =
          node.platform()
              .db()
              .one(
                  "INSERT INTO users (email, display_name, password_hash, roles, email_verified_at) "
                      + "VALUES ('delivery-host@example.test', 'Host', 'bench', ARRAY['viewer','creator','seller'], now()) RETURNING id",
                  Tuple.tuple())
              .await()
              .getLong("id");
      Api host =
          new Api(base)
              .as(
                  node.platform()
                      .accessTokens()
                      .issue(hostId, 0, "Host", Set.of("viewer", "creator", "seller"), true));
      long show =
          host.post(
                  "/api/shows",
                  new JsonObject()
                      .put("title", "Delivery")
                      .put("description", "")
                      .put("category", "bench")
                      .put("scheduledAt", Instant.now().plusSeconds(3600).toString()))
              .expect(201)
              .json()
              .getLong("id");
      host.post("/api/shows/" + show + "/start").expect(200);
      long product =
          host.post(
                  "/api/products",
                  new JsonObject()
                      .put("title", "Item")
                      .put("description", "")
                      .put("category", "bench")
                      .put("priceCents", 1_000)
                      .put("quantity", 1)
                      .put("imageUrls", new JsonArray()))
              .expect(201)
              .json()
              .getLong("id");
      long lot =
          host.post(
                  "/api/shows/" + show + "/lots",
                  new JsonObject()
                      .put("productId", product)
                      .put("startingPriceCents", 100)
                      .put("durationSeconds", 3600)
                      .put("mode", "sudden_death"))
              .expect(201)
              .json()
              .getLong("id");
      host.post("/api/lots/" + lot + "/start").expect(200);
      List<String> bidders = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        long id =
            node.platform()
                .db()
                .one(
                    "INSERT INTO users (email, display_name, password_hash, email_verified_at) "
                        + "VALUES ($1, $2, 'bench', now()) RETURNING id",
                    Tuple.of("delivery-bidder-" + i + "@example.test", "Bidder " + i))
                .await()
                .getLong("id");
        bidders.add(
            node.platform().accessTokens().issue(id, 0, "Bidder " + i, Set.of("viewer"), true));
      }

      LatencyRecorder latencies = new LatencyRecorder();
      AtomicInteger subscribed = new AtomicInteger();
      CountDownLatch ready = new CountDownLatch(viewers);
      boolean[] measuring = {false};
      WebSocketClient sockets =
          client.createWebSocketClient(
              new WebSocketClientOptions().setMaxConnections(viewers + 10));
      client.runOnContext(
          v -> {
            for (int i = 0; i < viewers; i++) {
              sockets
                  .connect(node.port(), "127.0.0.1", "/ws?batch=1")
                  .onSuccess(ws -> viewer(ws, lot, latencies, measuring, subscribed, ready))
                  .onFailure(e -> System.err.println("connect failed: " + e));
            }
          });
      if (!ready.await(120, TimeUnit.SECONDS)) {
        System.out.println("only " + subscribed.get() + " viewers subscribed");
      }
      System.out.printf(
          "viewers=%d subscribed=%d rate=%d bids/s seconds=%d%n",
          viewers, subscribed.get(), rate, seconds);
      WebClient web = WebClient.create(client);
      long[] price = {100};
      CountDownLatch done = new CountDownLatch(1);
      int[] sent = {0};
      System.out.printf("warm-up %d s, then measuring %d s%n", warmup, seconds);
      client.setTimer(Math.max(1, warmup * 1000L), t -> measuring[0] = true);
      client.runOnContext(
          v -> {
            long start = System.nanoTime();
            long until = start + (warmup + seconds) * 1_000_000_000L;
            client.setPeriodic(
                10,
                id -> {
                  long now = System.nanoTime();
                  if (now > until) {
                    client.cancelTimer(id);
                    client.setTimer(2_000, t -> done.countDown());
                    return;
                  }
                  long due = (long) (rate * ((now - start) / 1e9)) - sent[0];
                  for (long i = 0; i < due; i++) {
                    price[0] += 1_000;
                    sent[0]++;
                    web.postAbs(base + "/api/lots/" + lot + "/bids")
                        .putHeader(
                            "Authorization", "Bearer " + bidders.get(sent[0] % bidders.size()))
                        .sendJsonObject(new JsonObject().put("amountCents", price[0]));
                  }
                });
          });
      done.await();
      client.runOnContext(v -> measuring[0] = false);
      Thread.sleep(100);
      System.out.printf(
          "bids sent %d; deliveries %d (%.0f/s)%n",
          sent[0], latencies.count(), latencies.count() / (double) seconds);
      System.out.println("delivery latency: " + latencies.summary());
      // keeps the WebSocket client reachable to the end: Vert.x closes an unreachable one with its
      // sockets
      sockets.close().await();
    } catch (Throwable failure) {
      failure.printStackTrace();
      throw failure;
    } finally {
      client.close();
      node.stop();
      System.exit(0);
    }
  }

  private static void viewer(
      WebSocket ws,
      long lot,
      LatencyRecorder latencies,
      boolean[] measuring,
      AtomicInteger subscribed,
      CountDownLatch ready) {
    ws.textMessageHandler(text -> onMessage(text, latencies, measuring, subscribed, ready));
    ws.writeTextMessage(
        new JsonObject().put("op", "subscribe").put("topic", "lot:" + lot).encode());
  }

  /**
   * One message: a frame, or (on /ws?batch=1) a JSON array of frames that left together. The frames
   * are scanned rather than parsed, as in the chat benchmark, so the viewers in this JVM take as
   * little of the server's CPU as they can: each frame's own serverTime follows its type.
   */
  private static void onMessage(
      String text,
      LatencyRecorder latencies,
      boolean[] measuring,
      AtomicInteger subscribed,
      CountDownLatch ready) {
    if (text.contains("\"type\":\"snapshot\"")) {
      subscribed.incrementAndGet();
      ready.countDown();
      return;
    }
    if (!measuring[0]) {
      return;
    }
    Instant now = Instant.now();
    for (int at = text.indexOf(BID_ACCEPTED);
        at >= 0;
        at = text.indexOf(BID_ACCEPTED, at + BID_ACCEPTED.length())) {
      int from = text.indexOf(SERVER_TIME, at) + SERVER_TIME.length();
      Instant stamped = Instant.parse(text.substring(from, text.indexOf('"', from)));
      latencies.record(Math.max(0, java.time.Duration.between(stamped, now).toNanos()));
    }
  }
}
