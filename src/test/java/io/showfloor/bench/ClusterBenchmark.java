package io.showfloor.bench;

import io.showfloor.auction.rules.BidIncrements;
import io.showfloor.testing.Api;
import io.showfloor.testing.Users.TestUser;
import io.showfloor.testing.cluster.Cluster;
import io.showfloor.testing.cluster.ClusterNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * Bids per second and delivery latency on a cluster of {@code nodes} node JVMs (one PostgreSQL, one
 * Redis, Hazelcast on loopback), then the time from a node's death to full service. Bidders send
 * through every node in turn (closed loop); WebSocket viewers on every node watch the lots, and a
 * frame's delivery latency is its arrival less its {@code serverTime} (one machine, one clock). CPU
 * per bid counts the node JVMs, PostgreSQL and Redis, not this load generator.
 *
 * <p>Arguments: nodes=3 seconds=20 warmup=10 concurrency=32 lots=40 viewers=100 (per node)
 * kill=true.
 */
public final class ClusterBenchmark {
  private static final double TICKS_PER_SECOND = 100.0;

  public static void main(String[] args) throws Exception {
    int nodes = Integer.parseInt(BenchArgs.get(args, "nodes", "3"));
    int seconds = Integer.parseInt(BenchArgs.get(args, "seconds", "20"));
    int warmup = Integer.parseInt(BenchArgs.get(args, "warmup", "10"));
    int concurrency = Integer.parseInt(BenchArgs.get(args, "concurrency", "32"));
    int lotCount = Integer.parseInt(BenchArgs.get(args, "lots", "40"));
    int viewersPerNode = Integer.parseInt(BenchArgs.get(args, "viewers", "100"));
    boolean kill = Boolean.parseBoolean(BenchArgs.get(args, "kill", "true")) && nodes > 1;
    System.out.printf(
        "cluster benchmark: %d node(s), %d s measured after %d s warm-up, %d bidders, %d lots, %d viewers per node; "
            + "load average before: %s%n",
        nodes, seconds, warmup, concurrency, lotCount, viewersPerNode, loadAverage());
    JsonObject settings =
        new JsonObject()
            .put("auctions", new JsonObject().put("bidsPer10Seconds", 1_000_000))
            .put("market", new JsonObject().put("ordersPerSecondPerUser", 100_000))
            .put("realtime", new JsonObject().put("inboundPerSecond", 10_000));
    long startedAt = System.nanoTime();
    try (Cluster cluster = Cluster.start("bench-cluster-" + nodes, nodes, null, settings)) {
      System.out.printf("cluster ready in %d ms%n", (System.nanoTime() - startedAt) / 1_000_000);
      TestUser admin = cluster.user(cluster.node(0), "admin");
      // lots, each in its own live show, opened through the nodes in turn
      long[] lots = new long[lotCount];
      AtomicLongArray prices = new AtomicLongArray(lotCount);
      for (int i = 0; i < lotCount; i++) {
        ClusterNode node = cluster.node(i % nodes);
        TestUser host = cluster.user(node, "creator", "seller");
        long show =
            host.api()
                .post(
                    "/api/shows",
                    new JsonObject()
                        .put("title", "Bench show " + i)
                        .put("description", "Bench")
                        .put("category", "cameras")
                        .put("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                .expect(201)
                .json()
                .getLong("id");
        host.api().post("/api/shows/" + show + "/start").expect(200);
        long product =
            host.api()
                .post(
                    "/api/products",
                    new JsonObject()
                        .put("title", "Bench item")
                        .put("description", "Bench")
                        .put("category", "collectibles")
                        .put("priceCents", 1_000)
                        .put("quantity", 1))
                .expect(201)
                .json()
                .getLong("id");
        lots[i] =
            host.api()
                .post(
                    "/api/shows/" + show + "/lots",
                    new JsonObject()
                        .put("productId", product)
                        .put("startingPriceCents", 100)
                        .put("durationSeconds", 3_600)
                        .put("mode", "sudden_death"))
                .expect(201)
                .json()
                .getLong("id");
        host.api().post("/api/lots/" + lots[i] + "/start").expect(200);
        prices.set(i, 100);
      }
      // a book owned by the node that will die, to time its hand-over
      ClusterNode doomed = cluster.node(nodes - 1);
      String symbol = "BN" + (System.nanoTime() % 100_000);
      TestUser issuer = cluster.user(doomed, "creator", "seller");
      issuer
          .api()
          .post(
              "/api/products",
              new JsonObject()
                  .put("title", "Bench share item")
                  .put("description", "Bench")
                  .put("category", "collectibles")
                  .put("priceCents", 500)
                  .put("quantity", 1))
          .expect(201);
      issuer
          .api()
          .post(
              "/api/market/instruments",
              new JsonObject().put("symbol", symbol).put("name", "Bench shares"))
          .expect(201);
      doomed
          .api()
          .as(admin.accessToken())
          .post(
              "/api/market/instruments/" + symbol + "/approve",
              new JsonObject().put("followsSchedule", false))
          .expect(200);
      doomed
          .api()
          .as(admin.accessToken())
          .post(
              "/api/market/instruments/" + symbol + "/phase",
              new JsonObject().put("phase", "continuous"))
          .expect(200);

      Vertx clients = Vertx.vertx();
      ConcurrentLinkedQueue<Long> deliveries = new ConcurrentLinkedQueue<>();
      AtomicBoolean measuring = new AtomicBoolean();
      List<WebSocket> sockets = new ArrayList<>();
      WebSocketClient wsClient =
          clients.createWebSocketClient(
              new WebSocketClientOptions()
                  .setMaxMessageSize(16 * 1024 * 1024)
                  // the client's default is 50 sockets per node: the 51st viewer would wait forever
                  .setMaxConnections(Math.max(50, viewersPerNode)));
      for (int n = 0; n < nodes; n++) {
        ClusterNode node = cluster.node(n);
        for (int v = 0; v < viewersPerNode; v++) {
          WebSocket socket =
              wsClient
                  .connect(node.httpPort(), node.address(), "/ws?batch=1")
                  .await(30, TimeUnit.SECONDS);
          socket.textMessageHandler(
              text -> {
                long now = System.currentTimeMillis();
                if (!measuring.get()) {
                  return;
                }
                Object parsed = text.startsWith("[") ? new JsonArray(text) : new JsonObject(text);
                for (Object frame :
                    parsed instanceof JsonArray array ? array : new JsonArray().add(parsed)) {
                  JsonObject f = (JsonObject) frame;
                  if ("bid.accepted".equals(f.getString("type"))) {
                    deliveries.add(now - Instant.parse(f.getString("serverTime")).toEpochMilli());
                  }
                }
              });
          socket.writeTextMessage(
              new JsonObject()
                  .put("op", "subscribe")
                  .put("topic", "lot:" + lots[(v + n) % lotCount])
                  .encode());
          sockets.add(socket);
        }
      }

      List<TestUser> bidders = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        bidders.add(cluster.user(cluster.node(i % nodes)));
      }
      AtomicLong accepted = new AtomicLong();
      AtomicLong refused = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      ConcurrentLinkedQueue<Long> ackNanos = new ConcurrentLinkedQueue<>();
      AtomicLong lastAckAfterKill = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      for (int b = 0; b < concurrency; b++) {
        TestUser bidder = bidders.get(b);
        int first = b;
        pool.submit(
            () -> {
              java.util.Random random = new java.util.Random(first);
              for (int n = 0; !stop.get(); n++) {
                ClusterNode node = cluster.node((first + n) % nodes);
                if (!node.alive()) {
                  continue;
                }
                int lot = random.nextInt(lotCount);
                long amount = BidIncrements.oneIncrementAbove(prices.get(lot));
                long sent = System.nanoTime();
                try {
                  Api.Response answer =
                      node.api()
                          .as(bidder.accessToken())
                          .post(
                              "/api/lots/" + lots[lot] + "/bids",
                              new JsonObject().put("amountCents", amount));
                  long took = System.nanoTime() - sent;
                  if (answer.status() == 201) {
                    prices.accumulateAndGet(
                        lot,
                        answer.json().getJsonObject("lot").getLong("currentPriceCents"),
                        Math::max);
                    if (measuring.get()) {
                      accepted.incrementAndGet();
                      ackNanos.add(took);
                    }
                    lastAckAfterKill.set(System.nanoTime());
                  } else if (answer.status() == 409) {
                    prices.accumulateAndGet(lot, amount, Math::max);
                    if (measuring.get()) {
                      refused.incrementAndGet();
                    }
                  } else if (measuring.get()) {
                    failed.incrementAndGet();
                  }
                } catch (Throwable cutOff) {
                  if (measuring.get()) {
                    failed.incrementAndGet();
                  }
                }
              }
            });
      }
      Thread.sleep(warmup * 1000L);
      double[] cpuStart = cpu(cluster);
      long measureStart = System.nanoTime();
      measuring.set(true);
      Thread.sleep(seconds * 1000L);
      measuring.set(false);
      double elapsed = (System.nanoTime() - measureStart) / 1e9;
      double[] cpuEnd = cpu(cluster);
      long processed = accepted.get() + refused.get();
      System.out.printf(
          "bids: %.0f processed/s (%.0f accepted/s, %.0f refused as outbid/s), %d failed; acknowledgement %s%n",
          processed / elapsed,
          accepted.get() / elapsed,
          refused.get() / elapsed,
          failed.get(),
          LatencyRecorder.summaryOf(ackNanos.stream().mapToLong(Long::longValue).toArray()));
      System.out.printf(
          "delivery (bid.accepted, publish to viewer): %s over %d viewers; %.0f deliveries/s%n",
          LatencyRecorder.summaryOf(deliveries.stream().mapToLong(ms -> ms * 1_000_000).toArray()),
          nodes * viewersPerNode,
          deliveries.size() / elapsed);
      System.out.printf(
          "CPU per processed bid: nodes %.3f ms, PostgreSQL %.3f ms, Redis %.3f ms; total %.3f ms "
              + "(two idle cores: at most %.0f bids/s)%n",
          (cpuEnd[0] - cpuStart[0]) * 1000 / processed,
          (cpuEnd[1] - cpuStart[1]) * 1000 / processed,
          (cpuEnd[2] - cpuStart[2]) * 1000 / processed,
          (sum(cpuEnd) - sum(cpuStart)) * 1000 / processed,
          2 * processed / (sum(cpuEnd) - sum(cpuStart)));

      if (kill) {
        long killed = System.nanoTime();
        doomed.kill();
        // bids: every lot accepts again through the survivors (any node takes any bid)
        long bidsBack = -1;
        long bookBack = -1;
        TestUser trader = cluster.user(cluster.node(0));
        trader
            .api()
            .post("/api/wallet/deposits", new JsonObject().put("amountCents", 1_000_000))
            .expect(201);
        // what the probe heard before the book answered: says whether it waited, or was refused
        Map<String, Integer> probeRefusals = new TreeMap<>();
        long traderReady = System.nanoTime() - killed;
        long deadline = killed + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && (bidsBack < 0 || bookBack < 0)) {
          if (bidsBack < 0 && lastAckAfterKill.get() > killed) {
            bidsBack = lastAckAfterKill.get() - killed;
          }
          if (bookBack < 0) {
            Api.Response order =
                cluster
                    .node(0)
                    .api()
                    .as(trader.accessToken())
                    .post(
                        "/api/market/orders",
                        new JsonObject()
                            .put("symbol", symbol)
                            .put("side", "buy")
                            .put("type", "limit")
                            .put("priceCents", 9_000)
                            .put("quantity", 1)
                            .put("timeInForce", "GTC")
                            .put("clientOrderId", "after-kill"));
            if (order.status() == 201 || order.status() == 200) {
              bookBack = System.nanoTime() - killed;
            } else {
              probeRefusals.merge(order.status() + " " + codeOf(order), 1, Integer::sum);
            }
          }
          Thread.sleep(20);
        }
        System.out.printf(
            "node %s SIGKILLed under load: bids acknowledged again after %.0f ms; its market book (%s) "
                + "takes orders again after %.0f ms (that is full service)%n",
            doomed.name(), bidsBack / 1e6, symbol, bookBack / 1e6);
        System.out.printf(
            "  (the probe trader was ready %.0f ms after the kill; answers before the book took orders: %s)%n",
            traderReady / 1e6, probeRefusals);
      }
      stop.set(true);
      pool.shutdown();
      pool.awaitTermination(60, TimeUnit.SECONDS);
      sockets.forEach(WebSocket::close);
      clients.close();
      System.out.printf("load average after: %s%n", loadAverage());
    }
    System.exit(0);
  }

  private static double sum(double[] cpu) {
    return cpu[0] + cpu[1] + cpu[2];
  }

  /** CPU seconds so far: {node JVMs, PostgreSQL with its backends, Redis}. */
  private static double[] cpu(Cluster cluster) {
    double nodes = 0;
    for (ClusterNode node : cluster.nodes()) {
      if (node.alive()) {
        nodes += ticks(node.pid()) / TICKS_PER_SECOND;
      }
    }
    double postgres = 0;
    double redis = 0;
    for (ProcessHandle server : cluster.infrastructure().processes()) {
      String command = server.info().command().orElse("");
      if (command.contains("redis")) {
        redis += ticks(server.pid()) / TICKS_PER_SECOND;
      } else {
        // the postmaster and each backend are listed (every process running the postgres binary)
        postgres += ticks(server.pid()) / TICKS_PER_SECOND;
      }
    }
    return new double[] {nodes, postgres, redis};
  }

  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (Exception gone) {
      return 0;
    }
  }

  private static String loadAverage() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/loadavg"))) {
      return lines.findFirst().orElse("?");
    } catch (Exception e) {
      return "?";
    }
  }

  private static String codeOf(Api.Response answer) {
    try {
      return answer.json().getString("code", "?");
    } catch (RuntimeException notJson) {
      return "(no problem body)";
    }
  }
}
