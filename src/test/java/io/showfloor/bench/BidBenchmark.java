package io.showfloor.bench;

import io.showfloor.Showfloor;
import io.showfloor.testing.Api;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bids over HTTP with persistence against one node on embedded PostgreSQL/Redis. {@code
 * scenario=spread} bids over 1,000 open lots, {@code scenario=hot} on one lot. {@code rate=N} sends
 * N bids/s open-loop (for ack latency at a fixed load); without it, {@code concurrency} clients bid
 * back to back (for throughput). See bench/README.md.
 */
public final class BidBenchmark {
  private static final int BIDDERS = 2_000;

  public static void main(String[] args) throws Exception {
    String scenario = BenchArgs.get(args, "scenario", "spread");
    int lotCount =
        scenario.equals("hot") ? 1 : Integer.parseInt(BenchArgs.get(args, "lots", "1000"));
    int concurrency = Integer.parseInt(BenchArgs.get(args, "concurrency", "64"));
    int seconds = Integer.parseInt(BenchArgs.get(args, "seconds", "20"));
    int rate = Integer.parseInt(BenchArgs.get(args, "rate", "0"));
    // the JIT is still compiling for the first minute under load (see bench/README.md, session 4)
    int warmup = Integer.parseInt(BenchArgs.get(args, "warmup", "60"));

    Showfloor node =
        Showfloor.start(
            BenchSettings.of(Path.of("target", "bench-data"))
                .with("auctions.bidsPer10Seconds", 1_000_000)
                .with("database.poolSize", 32));
    try {
      String base = "http://127.0.0.1:" + node.port();
      List<String> tokens = bidders(node);
      long[] lotIds = openLots(node, base, lotCount);
      System.out.printf(
          "scenario=%s lots=%d bidders=%d %s seconds=%d%n",
          scenario,
          lotCount,
          BIDDERS,
          rate > 0 ? "rate=" + rate + "/s" : "concurrency=" + concurrency,
          seconds);
      String redisUrl = node.platform().settings().string("redis.url", "");
      ProcessCpu cpu =
          ProcessCpu.find(
              Path.of("target", "bench-data", "postgres").toAbsolutePath().toString(),
              Integer.parseInt(redisUrl.substring(redisUrl.lastIndexOf(':') + 1)));
      // the node's own background work (sweeps, timers) with no load: CPU and commits per second,
      // which a lower bid rate spreads over fewer bids
      double[] idleCpuStart = cpu.seconds();
      long[] idleDbStart = databaseWork(node);
      java.util.Map<String, Long> scansAtStart = scans(node);
      Thread.sleep(5_000);
      java.util.Map<String, Long> scansAtEnd = scans(node);
      StringBuilder busiest = new StringBuilder();
      scansAtEnd.entrySet().stream()
          .map(
              e ->
                  java.util.Map.entry(
                      e.getKey(), e.getValue() - scansAtStart.getOrDefault(e.getKey(), 0L)))
          .filter(e -> e.getValue() > 0)
          .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(10)
          .forEach(
              e ->
                  busiest
                      .append(' ')
                      .append(e.getKey())
                      .append('=')
                      .append(e.getValue() / 5)
                      .append("/s"));
      System.out.println("idle (5 s, no load): table scans per second:" + busiest);
      double[] idleCpuEnd = cpu.seconds();
      long[] idleDbEnd = databaseWork(node);
      System.out.printf(
          "idle (5 s, no load): %.1f commits/s; CPU ms per second: JVM %.1f, PostgreSQL %.1f, Redis %.1f%n",
          (idleDbEnd[0] - idleDbStart[0]) / 5.0,
          (idleCpuEnd[0] - idleCpuStart[0]) * 200,
          (idleCpuEnd[1] - idleCpuStart[1]) * 200,
          (idleCpuEnd[2] - idleCpuStart[2]) * 200);
      Load load = new Load(lotIds, tokens, base, warmup, seconds, concurrency, rate, cpu, node);
      load.run();
    } catch (Throwable failure) {
      failure.printStackTrace();
      throw failure;
    } finally {
      node.stop();
      System.exit(0);
    }
  }

  private static List<String> bidders(Showfloor node) {
    List<String> tokens = new ArrayList<>();
    var db = node.platform().db();
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < BIDDERS; i++) {
      rows.add(Tuple.of("bench-bidder-" + i + "@example.test", "Bidder " + i));
    }
    db.pool()
        .preparedQuery(
            "INSERT INTO users (email, display_name, password_hash, email_verified_at) "
                + "VALUES ($1, $2, 'bench', now()) RETURNING id")
        .executeBatch(rows)
        .await();
    for (Row row :
        db.query(
                "SELECT id, display_name FROM users WHERE email LIKE 'bench-bidder-%' ORDER BY id",
                Tuple.tuple())
            .await()) {
      tokens.add(
          node.platform()
              .accessTokens()
              .issue(row.getLong("id"), 0, row.getString("display_name"), Set.of("viewer"), true));
    }
    return tokens;
  }

  /**
   * One live show per lot (a show runs one lot at a time), each with an open lot of 10 minutes; a
   * host may schedule 30 shows an hour, so every 25 shows get a host of their own.
   */
  private static long[] openLots(Showfloor node, String base, int count) {
    long[] lots = new long[count];
    Api host = null;
    for (int i = 0; i < count; i++) {
      if (i % 25 == 0) {
        long hostId =
            node.platform()
                .db()
                .one(
                    "INSERT INTO users (email, display_name, password_hash, roles, email_verified_at) "
                        + "VALUES ($1, 'Host', 'bench', ARRAY['viewer','creator','seller'], now()) RETURNING id",
                    Tuple.of("bench-host-" + i + "@example.test"))
                .await()
                .getLong("id");
        host =
            new Api(base)
                .as(
                    node.platform()
                        .accessTokens()
                        .issue(hostId, 0, "Host", Set.of("viewer", "creator", "seller"), true));
      }
      long show =
          host.post(
                  "/api/shows",
                  new JsonObject()
                      .put("title", "Bench show " + i)
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
                      .put("title", "Item " + i)
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
                      .put("durationSeconds", 600)
                      .put("mode", "sudden_death"))
              .expect(201)
              .json()
              .getLong("id");
      host.post("/api/lots/" + lot + "/start").expect(200);
      lots[i] = lot;
    }
    return lots;
  }

  /**
   * The database's work so far: commits, rollbacks, rows inserted, updated, WAL records, WAL bytes,
   * deadlocks.
   */
  static long[] databaseWork(Showfloor node) {
    Row row =
        node.platform()
            .db()
            .one(
                """
                SELECT d.xact_commit, d.xact_rollback, d.tup_inserted, d.tup_updated, w.wal_records,
                       w.wal_bytes::bigint AS wal_bytes, d.deadlocks
                FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = current_database()""",
                Tuple.tuple())
            .await();
    return new long[] {
      row.getLong("xact_commit"),
      row.getLong("xact_rollback"),
      row.getLong("tup_inserted"),
      row.getLong("tup_updated"),
      row.getLong("wal_records"),
      row.getLong("wal_bytes"),
      row.getLong("deadlocks")
    };
  }

  /** Scans (sequential + index) per table so far, to see what idle background work reads. */
  private static java.util.Map<String, Long> scans(Showfloor node) {
    java.util.Map<String, Long> scans = new java.util.HashMap<>();
    for (Row row :
        node.platform()
            .db()
            .query(
                "SELECT relname, seq_scan + COALESCE(idx_scan, 0) AS scans FROM pg_stat_user_tables",
                Tuple.tuple())
            .await()) {
      scans.put(row.getString("relname"), row.getLong("scans"));
    }
    return scans;
  }

  /** The load itself, on a client Vert.x with one event loop so counters need no locks. */
  private static final class Load {
    private final long[] lots;
    private final long[] minNext;
    private final List<String> tokens;
    private final int warmupSeconds;
    private final int seconds;
    private final int concurrency;
    private final int rate;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final WebClient client;
    private final LatencyRecorder latencies = new LatencyRecorder();
    private long measureFrom;
    private long measureUntil;
    private long accepted;
    private long refused;
    private long failed;

    private final ProcessCpu cpu;
    private final Showfloor node;
    private double[] cpuAtStart;
    private double[] cpuAtEnd;
    private long[] dbAtStart;
    private long[] dbAtEnd;
    // open loop: bids sent in the window and not answered yet, waited for (up to a minute) so a
    // backlog shows in the latencies instead of hiding behind the end of the run
    private long unanswered;

    Load(
        long[] lots,
        List<String> tokens,
        String base,
        int warmupSeconds,
        int seconds,
        int concurrency,
        int rate,
        ProcessCpu cpu,
        Showfloor node) {
      this.cpu = cpu;
      this.node = node;
      this.warmupSeconds = warmupSeconds;
      this.lots = lots;
      this.minNext = new long[lots.length];
      java.util.Arrays.fill(minNext, 100);
      this.tokens = tokens;
      this.seconds = seconds;
      this.concurrency = concurrency;
      this.rate = rate;
      java.net.URI uri = java.net.URI.create(base);
      this.client =
          WebClient.create(
              vertx,
              new WebClientOptions()
                  .setDefaultHost(uri.getHost())
                  .setDefaultPort(uri.getPort())
                  .setKeepAlive(true),
              new io.vertx.core.http.PoolOptions().setHttp1MaxSize(Math.max(concurrency, 256)));
    }

    void run() throws InterruptedException {
      CountDownLatch done = new CountDownLatch(1);
      vertx.runOnContext(
          v -> {
            long now = System.nanoTime();
            measureFrom = now + warmupSeconds * 1_000_000_000L;
            measureUntil = measureFrom + seconds * 1_000_000_000L;
            vertx.setTimer(
                warmupSeconds * 1_000L,
                t -> {
                  cpuAtStart = cpu.seconds();
                  databaseWorkLater(counters -> dbAtStart = counters);
                });
            vertx.setTimer(
                (warmupSeconds + seconds) * 1_000L,
                t -> {
                  cpuAtEnd = cpu.seconds();
                  databaseWorkLater(counters -> dbAtEnd = counters);
                });
            if (rate > 0) {
              long[] sent = {0};
              vertx.setPeriodic(
                  10,
                  id -> {
                    long tick = System.nanoTime();
                    if (tick >= measureUntil) {
                      vertx.cancelTimer(id);
                      long giveUp = System.nanoTime() + 60_000_000_000L;
                      vertx.setPeriodic(
                          100,
                          wait -> {
                            if (unanswered == 0 || System.nanoTime() > giveUp) {
                              vertx.cancelTimer(wait);
                              done.countDown();
                            }
                          });
                      return;
                    }
                    long due = (long) (rate * ((tick - now) / 1e9)) - sent[0];
                    for (long i = 0; i < due; i++, sent[0]++) {
                      bid(false);
                    }
                  });
            } else {
              for (int i = 0; i < concurrency; i++) {
                bid(true);
              }
              vertx.setTimer((measureUntil - now) / 1_000_000 + 500, t -> done.countDown());
            }
          });
      done.await();
      double window = seconds;
      System.out.printf(
          "accepted %d (%.0f bids/s), refused as outbid/too low %d, failed %d%n",
          accepted, accepted / window, refused, failed);
      System.out.println("ack latency: " + latencies.summary());
      if (rate > 0) {
        System.out.printf(
            "open loop: %d bids sent in the window still unanswered when the run ended%n",
            unanswered);
      }
      System.out.println(ProcessCpu.perOperation(cpuAtStart, cpuAtEnd, accepted + refused, "bid"));
      long bids = Math.max(1, accepted + refused);
      if (dbAtStart != null && dbAtEnd != null) {
        System.out.printf(
            "per bid (PostgreSQL's statistics, flushed about once a second, so +-a few %%): %.3f commits,"
                + " %.3f rollbacks, %.2f rows inserted, %.2f updated, %.1f WAL records, %.0f WAL bytes;"
                + " %d deadlocks in the window%n",
            (dbAtEnd[0] - dbAtStart[0]) / (double) bids,
            (dbAtEnd[1] - dbAtStart[1]) / (double) bids,
            (dbAtEnd[2] - dbAtStart[2]) / (double) bids,
            (dbAtEnd[3] - dbAtStart[3]) / (double) bids,
            (dbAtEnd[4] - dbAtStart[4]) / (double) bids,
            (dbAtEnd[5] - dbAtStart[5]) / (double) bids,
            dbAtEnd[6] - dbAtStart[6]);
      }
      vertx.close();
    }

    /** Reads the counters off this event loop (the read blocks on the node's pool). */
    private void databaseWorkLater(java.util.function.Consumer<long[]> into) {
      Thread reader = new Thread(() -> into.accept(databaseWork(node)));
      reader.start();
      try {
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void bid(boolean again) {
      long start = System.nanoTime();
      if (start >= measureUntil) {
        return;
      }
      ThreadLocalRandom random = ThreadLocalRandom.current();
      int index = random.nextInt(lots.length);
      // on a hot lot the known price is stale by the time the bid lands, so bidders jump ahead by a
      // few increments, as eager people do; spread over many lots the next increment is enough
      long amount =
          minNext[index]
              + (lots.length == 1
                  ? io.showfloor.auction.rules.BidIncrements.increment(minNext[index])
                      * random.nextInt(concurrency + 1)
                  : 0);
      String token = tokens.get(random.nextInt(tokens.size()));
      boolean inWindow = start >= measureFrom;
      if (inWindow) {
        unanswered++;
      }
      client
          .post("/api/lots/" + lots[index] + "/bids")
          .putHeader("Authorization", "Bearer " + token)
          .putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{\"amountCents\":" + amount + "}"))
          .onComplete(
              ar -> {
                long end = System.nanoTime();
                boolean measured = start >= measureFrom && start < measureUntil;
                if (inWindow) {
                  unanswered--;
                }
                if (ar.succeeded() && ar.result().statusCode() == 201) {
                  JsonObject lot = ar.result().bodyAsJsonObject().getJsonObject("lot");
                  minNext[index] = Math.max(minNext[index], lot.getLong("minNextBidCents"));
                  if (measured) {
                    accepted++;
                  }
                } else if (ar.succeeded() && ar.result().statusCode() == 409) {
                  minNext[index] +=
                      io.showfloor.auction.rules.BidIncrements.increment(minNext[index]);
                  if (measured) {
                    refused++;
                  }
                } else if (measured) {
                  failed++;
                }
                if (measured) {
                  latencies.record(end - start);
                }
                if (again) {
                  bid(true);
                }
              });
    }
  }
}
