package io.showfloor.bench;

import io.showfloor.Showfloor;
import io.showfloor.platform.config.Settings;
import io.showfloor.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Tuple;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Chat fan-out in one show: {@code viewers} WebSocket clients subscribed to {@code show:<id>} on
 * one node, and chat messages POSTed over HTTP at {@code rate} per second for {@code seconds}.
 * Every message carries its send time; every viewer measures the delay until the chat.message frame
 * reaches it. Reports sent and delivered per second, delivery latency p50/p99/max, frames lost, and
 * heap after GC at each reporting interval (memory should stay flat).
 *
 * <p>Arguments: {@code viewers rate seconds warmup} (defaults 2000 200 60 20): the first {@code
 * warmup} seconds run at the same rate but do not count towards the latency percentiles (the JIT is
 * still compiling the paths). The clients run in the same JVM as the node, on their own Vert.x (2
 * event loops), so they compete with it for the same cores.
 */
public final class ChatFanOutBenchmark {
  private static final int BUCKETS = 10_000; // latencies in ms, clamped at 10 s
  // recorded from every client event loop at once; three significant digits (exact up to 2 s)
  private final ConcurrentHistogram latency = new ConcurrentHistogram(BUCKETS, 3);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong resyncs = new AtomicLong();
  private final AtomicLong subscribeErrors = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong sendFailures = new AtomicLong();
  private final AtomicLong closedSockets = new AtomicLong();
  private final AtomicLong clientErrors = new AtomicLong();

  public static void main(String[] args) throws Exception {
    int viewers = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    new ChatFanOutBenchmark().run(viewers, rate, seconds, warmup);
    System.exit(0);
  }

  private void run(int viewers, int rate, int seconds, int warmup) throws Exception {
    Settings settings =
        TestNode.settings(Path.of("target", "bench-data", "chat"), true)
            .with("shows.chat.messagesPerWindow", 1_000_000)
            .with("http.instances", 2)
            .with("realtime.coalesceMillis", Long.getLong("coalesceMillis", 30))
            .with("realtime.idleTimeoutSeconds", Integer.getInteger("idleTimeoutSeconds", 60));
    Showfloor node = Showfloor.start(settings);
    try {
      String base = "http://127.0.0.1:" + node.port();
      long host = user(node, "host", "creator");
      String hostToken = token(node, host, "creator");
      List<String> senders = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        senders.add(token(node, user(node, "sender" + i), "viewer"));
      }
      Vertx clients = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
      WebClient http =
          WebClient.create(
              clients,
              new WebClientOptions().setKeepAlive(true),
              new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
      long showId =
          http.postAbs(base + "/api/shows")
              .bearerTokenAuthentication(hostToken)
              .sendJsonObject(
                  new JsonObject()
                      .put("title", "Bench")
                      .put("category", "bench")
                      .put("scheduledAt", java.time.Instant.now().plusSeconds(60).toString()))
              .await()
              .bodyAsJsonObject()
              .getLong("id");
      http.postAbs(base + "/api/shows/" + showId + "/start")
          .bearerTokenAuthentication(hostToken)
          .send()
          .await();

      System.out.printf("node up; connecting %d viewers to show:%d%n", viewers, showId);
      WebSocketClient ws =
          clients.createWebSocketClient(
              new WebSocketClientOptions().setMaxConnections(viewers + 10));
      List<WebSocket> sockets = new ArrayList<>();
      // -Dbatch=false: one frame per message, as clients that do not ask for batches get
      String path =
          Boolean.parseBoolean(System.getProperty("batch", "true")) ? "/ws?batch=1" : "/ws";
      AtomicLong snapshots = new AtomicLong();
      for (int i = 0; i < viewers; i += 100) {
        List<Future<WebSocket>> batch = new ArrayList<>();
        for (int j = i; j < Math.min(viewers, i + 100); j++) {
          batch.add(
              ws.connect(node.port(), "127.0.0.1", path)
                  .map(
                      socket -> {
                        socket.textMessageHandler(
                            text -> onFrame(socket, "show:" + showId, text, snapshots));
                        socket.closeHandler(
                            v -> {
                              if (closedSockets.incrementAndGet() <= 3) {
                                System.out.println(
                                    "viewer socket closed: "
                                        + socket.closeStatusCode()
                                        + " "
                                        + socket.closeReason());
                              }
                            });
                        socket.exceptionHandler(
                            e -> {
                              if (clientErrors.incrementAndGet() <= 3) {
                                System.out.println("viewer socket error: " + e);
                                e.printStackTrace(System.out);
                              }
                            });
                        socket.writeTextMessage(
                            new JsonObject()
                                .put("op", "subscribe")
                                .put("topic", "show:" + showId)
                                .encode());
                        return socket;
                      }));
        }
        for (Future<WebSocket> f : batch) {
          sockets.add(f.await());
        }
        // viewers arrive in waves of 100: the next wave connects once this one has its snapshots
        long waveDeadline = System.nanoTime() + 30_000_000_000L;
        while (snapshots.get() + subscribeErrors.get() < sockets.size()
            && System.nanoTime() < waveDeadline) {
          Thread.sleep(10);
        }
      }
      long subscribeDeadline = System.nanoTime() + 120_000_000_000L;
      while (snapshots.get() < viewers && System.nanoTime() < subscribeDeadline) {
        Thread.sleep(50);
      }
      System.out.printf(
          "%d of %d viewers subscribed (%d errors); sending %d messages/s for %d s%n",
          snapshots.get(), viewers, subscribeErrors.get(), rate, seconds);
      viewers = (int) snapshots.get();

      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long periodNanos = 1_000_000_000L / rate;
      long start = System.nanoTime();
      long nextReport = start + 10_000_000_000L;
      long[] lastDelivered = {0};
      long[] lastSent = {0};
      long n = 0;
      boolean warm = warmup == 0;
      long measuredFrom = start;
      long sentWhenWarm = 0;
      long deliveredWhenWarm = 0;
      while (System.nanoTime() - start < (warmup + seconds) * 1_000_000_000L) {
        if (!warm && System.nanoTime() - start >= warmup * 1_000_000_000L) {
          warm = true;
          latency.reset();
          measuredFrom = System.nanoTime();
          sentWhenWarm = sent.get();
          deliveredWhenWarm = delivered.get();
          System.out.println("warm-up over: latency percentiles from here on");
        }
        long due = start + n * periodNanos;
        long now = System.nanoTime();
        if (now < due) {
          Thread.sleep(Math.max(0, (due - now) / 1_000_000), (int) ((due - now) % 1_000_000));
          continue;
        }
        String token = senders.get((int) (n % senders.size()));
        String text = "t=" + System.nanoTime() + ";";
        http.request(HttpMethod.POST, node.port(), "127.0.0.1", "/api/shows/" + showId + "/chat")
            .bearerTokenAuthentication(token)
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(new JsonObject().put("text", text).encode()))
            .onComplete(
                ar -> {
                  if (ar.succeeded() && ar.result().statusCode() == 201) {
                    sent.incrementAndGet();
                  } else {
                    sendFailures.incrementAndGet();
                  }
                });
        n++;
        if (System.nanoTime() >= nextReport) {
          System.gc();
          long d = delivered.get();
          long s = sent.get();
          System.out.printf(
              "t=%3ds sent/s=%6.1f delivered/s=%9.1f p50=%4d ms p99=%4d ms heap-after-gc=%4d MB%n",
              (System.nanoTime() - start) / 1_000_000_000L,
              (s - lastSent[0]) / 10.0,
              (d - lastDelivered[0]) / 10.0,
              percentile(0.50),
              percentile(0.99),
              memory.getHeapMemoryUsage().getUsed() / (1024 * 1024));
          lastDelivered[0] = d;
          lastSent[0] = s;
          nextReport += 10_000_000_000L;
        }
      }
      double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
      long sentMeasured = sent.get() - sentWhenWarm;
      long deliveredMeasured = delivered.get() - deliveredWhenWarm;
      Thread.sleep(3000); // let the last frames arrive
      long expected = sent.get() * viewers;
      System.out.printf(
          "%nRESULT viewers=%d target=%d msg/s measured=%.0f s after %d s of warm-up%n",
          viewers, rate, elapsed, warmup);
      System.out.printf(
          "  sent %d messages (%.1f/s), %d send failures%n",
          sentMeasured, sentMeasured / elapsed, sendFailures.get());
      System.out.printf(
          "  delivered %d frames while measuring (%.0f/s); whole run %d of %d frames, %d resyncs%n",
          deliveredMeasured, deliveredMeasured / elapsed, delivered.get(), expected, resyncs.get());
      System.out.printf(
          "  latency p50=%d ms p90=%d ms p99=%d ms p99.9=%d ms max=%s%n",
          percentile(0.50), percentile(0.90), percentile(0.99), percentile(0.999), maxBucket());
      var metrics = node.platform().metrics();
      System.out.printf(
          "  gateway: subscriptions %.0f, pending frames %.0f, overflows %.0f, resync notices %.0f, frames sent %.0f%n",
          metrics.get("showfloor.ws.subscriptions").gauge().value(),
          metrics.get("showfloor.ws.pending.frames").gauge().value(),
          metrics.get("showfloor.ws.overflows").counter().count(),
          metrics.get("showfloor.ws.resyncs").counter().count(),
          metrics.get("showfloor.ws.frames.sent").counter().count());
      sockets.forEach(WebSocket::close);
      // Vert.x closes a WebSocketClient that becomes unreachable, with every socket it opened
      // (status
      // 1000): closing it here keeps it reachable for the whole run (before this, all viewers were
      // dropped after ~2 minutes, once the JIT had compiled the send loop and a GC collected it)
      ws.close().await();
      clients.close().await();
    } finally {
      node.stop();
    }
  }

  /**
   * A message is one frame or, on /ws?batch=1, a JSON array of frames: chat frames are found by
   * their marker without parsing; snapshots, resync notices and errors are counted wherever they
   * appear. A viewer told to resync subscribes again, as the web app does.
   */
  private void onFrame(WebSocket socket, String topic, String text, AtomicLong snapshots) {
    if (text.contains("\"type\":\"snapshot\"")) {
      // a snapshot repeats recent chat: its messages are not deliveries (rare: only after a resync)
      snapshots.incrementAndGet();
      return;
    }
    if (text.contains("\"type\":\"resync\"")) {
      resyncs.incrementAndGet();
      socket.writeTextMessage(new JsonObject().put("op", "subscribe").put("topic", topic).encode());
    }
    if (text.contains("\"type\":\"error\"")) {
      subscribeErrors.incrementAndGet();
      if (subscribeErrors.get() <= 3) {
        System.out.println("error frame: " + text);
      }
    }
    long now = System.nanoTime();
    for (int at = text.indexOf("\"text\":\"t=");
        at >= 0;
        at = text.indexOf("\"text\":\"t=", at + 10)) {
      int from = at + 10;
      long sentAt = Long.parseLong(text, from, text.indexOf(';', from), 10);
      long ms = (now - sentAt) / 1_000_000;
      latency.recordValue(Math.min(BUCKETS, Math.max(0, ms)));
      delivered.incrementAndGet();
    }
  }

  private long percentile(double p) {
    return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(p * 100);
  }

  private String maxBucket() {
    if (latency.getTotalCount() == 0) {
      return "-";
    }
    long max = latency.getMaxValue();
    return max >= BUCKETS ? ">10000 ms" : max + " ms";
  }

  private static long user(Showfloor node, String name, String... roles) {
    Set<String> all = new java.util.TreeSet<>(List.of(roles));
    all.add("viewer");
    return node.platform()
        .db()
        .one(
            """
        INSERT INTO users (email, display_name, password_hash, roles, email_verified_at)
        VALUES ($1, $2, 'bench-no-login', $3, now()) RETURNING id""",
            Tuple.of(
                name + "-" + System.nanoTime() + "@bench.test", name, all.toArray(new String[0])))
        .await()
        .getLong("id");
  }

  private static String token(Showfloor node, long userId, String... roles) {
    Set<String> all = new java.util.TreeSet<>(List.of(roles));
    all.add("viewer");
    return node.platform().accessTokens().issue(userId, 0, "bench " + userId, all, true);
  }
}
