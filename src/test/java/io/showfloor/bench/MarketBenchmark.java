package io.showfloor.bench;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.showfloor.Showfloor;
import io.showfloor.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Orders over HTTP with persistence, end to end: authentication, contract validation, the event bus
 * to the book owner, batched commits of orders, fills, holdings and ledger entries, the reply after
 * commit. One node on embedded PostgreSQL/Redis; the load generator runs in the same JVM.
 *
 * <p>{@code symbols} books and {@code traders} traders holding cash and shares of every book. The
 * mix: 55% passive limit orders 1-10 ticks from the reference, 25% cancels of the trader's own open
 * orders, 20% crossing orders (IOC limits 1-5 ticks through the reference, a third market orders).
 * {@code rate=N} sends N commands/s open-loop (latency at a fixed load); without it {@code
 * concurrency} clients send back to back (throughput). See bench/README.md.
 */
public final class MarketBenchmark {
  private static final long REFERENCE = 1_000;
  private static final long MAX_DEPOSIT = 10_000_000;

  public static void main(String[] args) throws Exception {
    int symbolCount = Integer.parseInt(arg(args, "symbols", "4"));
    int traderCount = Integer.parseInt(arg(args, "traders", "400"));
    int concurrency = Integer.parseInt(arg(args, "concurrency", "64"));
    int seconds = Integer.parseInt(arg(args, "seconds", "20"));
    int rate = Integer.parseInt(arg(args, "rate", "0"));
    // the JIT needs this long under load before the numbers settle (see bench/README.md)
    int warmup = Integer.parseInt(arg(args, "warmup", "20"));

    Showfloor node =
        Showfloor.start(
            TestNode.settings(Path.of("target", "bench-market"), true)
                .with("market.ordersPerSecondPerUser", 1_000_000)
                // one bench seller lists every book (symbols=16 passed the default 10 an hour)
                .with("market.listingsPerHourPerSeller", 1_000)
                .with("database.poolSize", 32));
    // experiments only: drop constraints to see what they cost (never in production)
    for (String ddl : arg(args, "ddl", "").split(";")) {
      if (!ddl.isBlank()) {
        node.platform().db().query(ddl, Tuple.tuple()).await();
        System.out.println("experiment: " + ddl);
      }
    }
    Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    int status = 0;
    try {
      WebClient client =
          WebClient.create(
              clientVertx,
              new WebClientOptions()
                  .setDefaultHost("127.0.0.1")
                  .setDefaultPort(node.port())
                  .setKeepAlive(true),
              new PoolOptions().setHttp1MaxSize(512));
      Market market = Market.create(node, client, symbolCount, traderCount);
      System.out.printf(
          "symbols=%d traders=%d %s seconds=%d%n",
          symbolCount,
          traderCount,
          rate > 0 ? "rate=" + rate + "/s" : "concurrency=" + concurrency,
          seconds);
      String redisUrl = node.platform().settings().string("redis.url", "");
      ProcessCpu cpu =
          ProcessCpu.find(
              Path.of("target", "bench-market", "postgres").toAbsolutePath().toString(),
              Integer.parseInt(redisUrl.substring(redisUrl.lastIndexOf(':') + 1)));
      // the measured load goes through the bare HTTP client: the WebClient's per-request machinery
      // (interceptors, codecs) cost ~15% of this JVM's samples, charged to the server's CPU here
      HttpClientAgent bare =
          clientVertx.createHttpClient(
              new HttpClientOptions()
                  .setDefaultHost("127.0.0.1")
                  .setDefaultPort(node.port())
                  .setKeepAlive(true),
              new PoolOptions().setHttp1MaxSize(512));
      new Load(
              clientVertx,
              bare,
              market,
              warmup,
              seconds,
              concurrency,
              rate,
              cpu,
              node.platform().metrics())
          .run();
      long orders =
          node.platform()
              .db()
              .one("SELECT count(*) AS n FROM market_orders", Tuple.tuple())
              .await()
              .getLong("n");
      long trades =
          node.platform()
              .db()
              .one("SELECT count(*) AS n FROM market_trades", Tuple.tuple())
              .await()
              .getLong("n");
      long entries =
          node.platform()
              .db()
              .one("SELECT count(*) AS n FROM ledger_entries", Tuple.tuple())
              .await()
              .getLong("n");
      System.out.printf(
          "stored in total: %d orders, %d trades, %d ledger entries%n", orders, trades, entries);
    } catch (Throwable failed) {
      // System.exit in finally would swallow it: say why the run ended, and end it as failed
      failed.printStackTrace();
      status = 1;
    } finally {
      clientVertx.close();
      node.stop();
      System.exit(status);
    }
  }

  /**
   * The books and the traders: created through the API (users straight in the database, as the
   * tests do).
   */
  private record Market(String[] symbols, String[] tokens, long[] traderIds) {
    static Market create(Showfloor node, WebClient client, int symbolCount, int traderCount) {
      long started = System.nanoTime();
      var db = node.platform().db();
      var tokens = node.platform().accessTokens();
      List<Tuple> rows = new ArrayList<>();
      for (int i = 0; i < traderCount; i++) {
        rows.add(Tuple.of("bench-trader-" + i + "@example.test", "Trader " + i));
      }
      db.pool()
          .preparedQuery(
              "INSERT INTO users (email, display_name, password_hash, email_verified_at) "
                  + "VALUES ($1, $2, 'bench', now())")
          .executeBatch(rows)
          .await();
      String[] traderTokens = new String[traderCount];
      long[] ids = new long[traderCount];
      int i = 0;
      for (Row row :
          db.query(
                  "SELECT id, display_name FROM users WHERE email LIKE 'bench-trader-%' ORDER BY id",
                  Tuple.tuple())
              .await()) {
        ids[i] = row.getLong("id");
        traderTokens[i++] =
            tokens.issue(
                row.getLong("id"), 0, row.getString("display_name"), Set.of("viewer"), true);
      }
      long adminId =
          db.one(
                  "INSERT INTO users (email, display_name, password_hash, roles, email_verified_at) VALUES "
                      + "('bench-admin@example.test', 'Admin', 'bench', ARRAY['viewer','admin'], now()) RETURNING id",
                  Tuple.tuple())
              .await()
              .getLong("id");
      String admin = tokens.issue(adminId, 0, "Admin", Set.of("viewer", "admin"), true);
      long sellerId =
          db.one(
                  "INSERT INTO users (email, display_name, password_hash, roles, email_verified_at) VALUES "
                      + "('bench-seller@example.test', 'Seller', 'bench', ARRAY['viewer','seller'], now()) RETURNING id",
                  Tuple.tuple())
              .await()
              .getLong("id");
      String seller = tokens.issue(sellerId, 0, "Seller", Set.of("viewer", "seller"), true);

      // one deposit (the contract's largest) to trade with, and enough for the 1,000 shares each
      // trader buys in every book below (with 16 books, 10,000,000 ran out at the 11th)
      long setUpCents = 1_000L * REFERENCE * symbolCount;
      int depositsEach = 1 + (int) ((setUpCents + MAX_DEPOSIT - 1) / MAX_DEPOSIT);
      for (int d = 0; d < depositsEach; d++) {
        List<Future<?>> deposits = new ArrayList<>();
        for (String token : traderTokens) {
          deposits.add(
              call(
                  client,
                  HttpMethod.POST,
                  "/api/wallet/deposits",
                  token,
                  new JsonObject().put("amountCents", MAX_DEPOSIT)));
        }
        Future.all(deposits).await();
      }
      String[] symbols = new String[symbolCount];
      for (int s = 0; s < symbolCount; s++) {
        symbols[s] = "BENCH" + s;
        call(
                client,
                HttpMethod.POST,
                "/api/market/instruments",
                seller,
                new JsonObject()
                    .put("symbol", symbols[s])
                    .put("name", "Bench " + s)
                    .put("totalShares", 2_000_000)
                    .put("referencePriceCents", REFERENCE)
                    .put("maxOrderQuantity", 2_000_000))
            .await();
        call(
                client,
                HttpMethod.POST,
                "/api/market/instruments/" + symbols[s] + "/approve",
                admin,
                new JsonObject().put("followsSchedule", false))
            .await();
        call(
                client,
                HttpMethod.POST,
                "/api/market/instruments/" + symbols[s] + "/phase",
                admin,
                new JsonObject().put("phase", "continuous"))
            .await();
        // every trader buys 1,000 shares of every book from the seller, at the reference price
        call(
                client,
                HttpMethod.POST,
                "/api/market/orders",
                seller,
                order(symbols[s], "sell", "limit", REFERENCE, 1_000L * traderCount, "GTC"))
            .await();
        List<Future<?>> buys = new ArrayList<>();
        for (String token : traderTokens) {
          buys.add(
              call(
                  client,
                  HttpMethod.POST,
                  "/api/market/orders",
                  token,
                  order(symbols[s], "buy", "limit", REFERENCE, 1_000, "GTC")));
        }
        Future.all(buys).await();
      }
      System.out.printf(
          "set up %d books and %d traders in %.1f s%n",
          symbolCount, traderCount, (System.nanoTime() - started) / 1e9);
      return new Market(symbols, traderTokens, ids);
    }
  }

  static JsonObject order(
      String symbol, String side, String type, long price, long quantity, String timeInForce) {
    JsonObject order =
        new JsonObject()
            .put("symbol", symbol)
            .put("side", side)
            .put("type", type)
            .put("quantity", quantity)
            .put("timeInForce", timeInForce);
    return "limit".equals(type) ? order.put("priceCents", price) : order;
  }

  private static Future<JsonObject> call(
      WebClient client, HttpMethod method, String path, String token, JsonObject body) {
    var request = client.request(method, path).putHeader("Authorization", "Bearer " + token);
    Future<HttpResponse<Buffer>> sent =
        body == null ? request.send() : request.sendJsonObject(body);
    return sent.compose(
        response ->
            response.statusCode() / 100 == 2
                ? Future.succeededFuture(response.bodyAsJsonObject())
                : Future.failedFuture(
                    method
                        + " "
                        + path
                        + " answered "
                        + response.statusCode()
                        + ": "
                        + response.bodyAsString()));
  }

  /** The load, on a client Vert.x with one event loop so its bookkeeping needs no locks. */
  private static final class Load {
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private final Vertx vertx;
    private final HttpClientAgent client;
    private final CharSequence[] authorizations;
    private final Market market;
    private final int warmupSeconds;
    private final int seconds;
    private final int concurrency;
    private final int rate;
    private final SplittableRandom random = new SplittableRandom(20261121);
    private final List<List<Long>> openOrders = new ArrayList<>();
    private final LatencyRecorder latencies = new LatencyRecorder();
    private final TreeMap<String, Long> outcomes = new TreeMap<>();
    private final ProcessCpu cpu;
    private final MeterRegistry metrics;
    private double[] cpuAtStart;
    private double[] cpuAtEnd;
    private double[] batchesAtStart;
    private double[] batchesAtEnd;
    private long measureFrom;
    private long measureUntil;
    private long placed;
    private long answered;

    Load(
        Vertx vertx,
        HttpClientAgent client,
        Market market,
        int warmupSeconds,
        int seconds,
        int concurrency,
        int rate,
        ProcessCpu cpu,
        MeterRegistry metrics) {
      this.cpu = cpu;
      this.metrics = metrics;
      this.warmupSeconds = warmupSeconds;
      this.vertx = vertx;
      this.client = client;
      this.market = market;
      this.seconds = seconds;
      this.concurrency = concurrency;
      this.rate = rate;
      this.authorizations = new CharSequence[market.tokens().length];
      for (int i = 0; i < market.tokens().length; i++) {
        openOrders.add(new ArrayList<>());
        authorizations[i] = HttpHeaders.createOptimized("Bearer " + market.tokens()[i]);
      }
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
                  batchesAtStart = batches();
                });
            vertx.setTimer(
                (warmupSeconds + seconds) * 1_000L,
                t -> {
                  cpuAtEnd = cpu.seconds();
                  batchesAtEnd = batches();
                });
            if (rate > 0) {
              int perTick = Math.max(1, rate / 100);
              vertx.setPeriodic(
                  10,
                  id -> {
                    if (System.nanoTime() >= measureUntil) {
                      vertx.cancelTimer(id);
                      vertx.setTimer(2_000, t -> done.countDown());
                      return;
                    }
                    for (int i = 0; i < perTick; i++) {
                      send(false);
                    }
                  });
            } else {
              for (int i = 0; i < concurrency; i++) {
                send(true);
              }
              vertx.setTimer((measureUntil - now) / 1_000_000 + 2_000, t -> done.countDown());
            }
          });
      done.await();
      System.out.printf(
          "commands answered %d (%.0f/s), orders placed %d (%.0f/s)%n",
          answered, answered / (double) seconds, placed, placed / (double) seconds);
      System.out.println("answers: " + outcomes);
      System.out.println("latency: " + latencies.summary());
      System.out.println(ProcessCpu.perOperation(cpuAtStart, cpuAtEnd, answered, "command"));
      double batchCount = batchesAtEnd[0] - batchesAtStart[0];
      System.out.printf(
          "book writers: %.0f batches, %.1f commands and %.2f ms per batch on average%n",
          batchCount,
          (batchesAtEnd[1] - batchesAtStart[1]) / batchCount,
          (batchesAtEnd[2] - batchesAtStart[2]) / batchCount);
    }

    /** Batches so far over every book: count, commands, milliseconds. */
    private double[] batches() {
      double[] totals = new double[3];
      for (DistributionSummary size : metrics.find("showfloor.market.batch.commands").summaries()) {
        totals[0] += size.count();
        totals[1] += size.totalAmount();
      }
      for (Timer time : metrics.find("showfloor.market.batch.duration").timers()) {
        totals[2] += time.totalTime(TimeUnit.MILLISECONDS);
      }
      return totals;
    }

    private void send(boolean again) {
      long start = System.nanoTime();
      if (start >= measureUntil) {
        return;
      }
      int trader = random.nextInt(market.tokens().length);
      String symbol = market.symbols()[random.nextInt(market.symbols().length)];
      int dice = random.nextInt(100);
      List<Long> mine = openOrders.get(trader);
      RequestOptions request =
          new RequestOptions().putHeader(HttpHeaders.AUTHORIZATION, authorizations[trader]);
      Buffer body = null;
      String kind;
      if (dice < 25 && !mine.isEmpty()) {
        kind = "cancel";
        long id = mine.remove(random.nextInt(mine.size()));
        request.setMethod(HttpMethod.DELETE).setURI("/api/market/orders/" + id);
      } else {
        boolean buy = random.nextBoolean();
        JsonObject order;
        if (dice < 80) {
          kind = "passive";
          long ticks = 1 + random.nextInt(10);
          order =
              MarketBenchmark.order(
                  symbol,
                  buy ? "buy" : "sell",
                  "limit",
                  REFERENCE + (buy ? -ticks : ticks),
                  1 + random.nextInt(20),
                  "GTC");
        } else {
          kind = "crossing";
          long ticks = 1 + random.nextInt(5);
          order =
              random.nextInt(3) == 0
                  ? MarketBenchmark.order(
                      symbol, buy ? "buy" : "sell", "market", 0, 1 + random.nextInt(20), "IOC")
                  : MarketBenchmark.order(
                      symbol,
                      buy ? "buy" : "sell",
                      "limit",
                      REFERENCE + (buy ? ticks : -ticks),
                      1 + random.nextInt(20),
                      "IOC");
        }
        body = order.toBuffer();
        request
            .setMethod(HttpMethod.POST)
            .setURI("/api/market/orders")
            .putHeader(HttpHeaders.CONTENT_TYPE, JSON);
      }
      Buffer sent = body;
      Future<Answer> response =
          client
              .request(request)
              .compose(req -> sent == null ? req.send() : req.send(sent))
              .compose(res -> res.body().map(b -> new Answer(res.statusCode(), b)));
      response.onComplete(
          ar -> {
            long end = System.nanoTime();
            boolean measured = start >= measureFrom && start < measureUntil;
            String outcome = ar.failed() ? "error" : kind + " " + ar.result().status();
            if (ar.succeeded() && ar.result().status() == 201) {
              long stillOpen = ar.result().openOrderId();
              if (stillOpen > 0) {
                mine.add(stillOpen);
              }
              if (measured) {
                placed++;
              }
            }
            if (measured) {
              answered++;
              outcomes.merge(outcome, 1L, Long::sum);
              latencies.record(end - start);
            }
            if (again) {
              send(true);
            }
          });
    }
  }

  /**
   * An answer's status and body; the body is scanned, not parsed, to keep the generator's CPU
   * small.
   */
  private record Answer(int status, Buffer body) {
    /** The placed order's id when it still rests on the book (active or partial), else 0. */
    long openOrderId() {
      String text = body.toString();
      int order = text.indexOf("\"order\":{");
      int status = text.indexOf("\"status\":\"", order);
      if (order < 0
          || status < 0
          || !(text.startsWith("active", status + 10) || text.startsWith("partial", status + 10))) {
        return 0;
      }
      int id = text.indexOf("\"id\":", order) + 5;
      int end = id;
      while (end < text.length() && Character.isDigit(text.charAt(end))) {
        end++;
      }
      return Long.parseLong(text, id, end, 10);
    }
  }

  private static String arg(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return a.substring(name.length() + 1);
      }
    }
    return fallback;
  }
}
