package io.showfloor.bench;

import io.showfloor.Showfloor;
import io.showfloor.insight.GeneratedTrades;
import io.showfloor.insight.model.DirectionModel;
import io.showfloor.insight.model.SyntheticPrices;
import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Insight's numbers (bench/run-insight.sh): training time of one instrument's direction model on
 * 100k trades, memory per loaded model, and prediction latency over HTTP from the cache and cold
 * (the first request for an instrument: instrument, model and candle queries, features, predict).
 */
public final class InsightBenchmark {
  public static void main(String[] args) throws Exception {
    int tradeCount = Integer.parseInt(BenchArgs.get(args, "trades", "100000"));
    int coldInstruments = Integer.parseInt(BenchArgs.get(args, "cold", "60"));
    int warmRequests = Integer.parseInt(BenchArgs.get(args, "warm", "5000"));
    Showfloor node =
        Showfloor.start(
            TestNode.settings(Path.of("target", "bench-insight"), true)
                .with("insight.predictionsPerMinutePerUser", 100_000)
                // answers live 1 s, so a request a little over a second after the last is cold
                .with("insight.cacheTtlSeconds", 1)
                .with("insight.trainEverySeconds", 7 * 24 * 3600));
    try {
      Api api = new Api("http://127.0.0.1:" + node.port());
      String token =
          api.post(
                  "/api/auth/login",
                  new JsonObject()
                      .put("email", "admin@showfloor.test")
                      .put("password", "Admin-password-1"))
              .expect(200)
              .json()
              .getString("accessToken");
      Api admin = api.as(token);
      // the scheduled training pass would compete with the measured one
      node.platform()
          .db()
          .query(
              "UPDATE insight_jobs SET next_run_at = now() + interval '7 days' WHERE name = 'train'",
              Tuple.tuple())
          .await();
      long adminId =
          node.platform()
              .db()
              .one(
                  "SELECT id FROM user_directory WHERE email = 'admin@showfloor.test'",
                  Tuple.tuple())
              .await()
              .getLong("id");

      // 100k trades, five a minute on average, over a mean-reverting path of 1m closes
      int minutes = tradeCount / 5;
      long[] closes = SyntheticPrices.meanReverting(5, minutes, 10_000, 0.6);
      Random random = new Random(9);
      Instant start =
          Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(minutes + 60));
      List<GeneratedTrades.Trade> trades = new ArrayList<>();
      for (int m = 0; m < minutes; m++) {
        for (int k = 0; k < 5; k++) {
          long price = k == 4 ? closes[m] : closes[m] + random.nextInt(21) - 10;
          trades.add(
              new GeneratedTrades.Trade(
                  start.plusSeconds(60L * m + 10L * k + 1),
                  Math.max(1, price),
                  1 + random.nextInt(5)));
        }
      }
      instrument(node, "BIG", adminId);
      long t0 = System.nanoTime();
      node.platform()
          .db()
          .tx(conn -> GeneratedTrades.write(conn, "BIG", adminId, adminId, trades))
          .await();
      System.out.printf(
          "wrote %d trades in %d ms%n", trades.size(), (System.nanoTime() - t0) / 1_000_000);

      long t1 = System.nanoTime();
      // straight through java.net.http: training on a busy machine outlasts the test client's 30 s
      var http = java.net.http.HttpClient.newHttpClient();
      var response =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(
                          "http://127.0.0.1:" + node.port() + "/api/admin/insight/models"))
                  .timeout(Duration.ofMinutes(30))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(
                      java.net.http.HttpRequest.BodyPublishers.ofString(
                          new JsonObject().put("symbol", "BIG").put("interval", "1m").encode()))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException(
            "training answered " + response.statusCode() + " " + response.body());
      }
      JsonObject model = new JsonObject(response.body());
      double trainMs = (System.nanoTime() - t1) / 1e6;
      System.out.printf(
          "training, 1m model of one instrument on %d trades (%d candles, %d rows; walk-forward %d folds + final): %.0f ms; edge %s, accuracy %.3f vs best baseline %.3f%n",
          trades.size(),
          minutes,
          model.getInteger("samples"),
          model.getJsonObject("metrics").getInteger("folds"),
          trainMs,
          model.getBoolean("edge"),
          model.getJsonObject("metrics").getJsonObject("model").getDouble("accuracy"),
          model.getJsonObject("metrics").getDouble("bestBaselineAccuracy"));

      // memory per loaded model: the stored bytes, and the heap taken by 200 loaded copies
      byte[] bytes =
          node.platform()
              .db()
              .one(
                  "SELECT model FROM insight_models WHERE scope = 'BIG' ORDER BY version DESC LIMIT 1",
                  Tuple.tuple())
              .await()
              .getBuffer("model")
              .getBytes();
      Runtime rt = Runtime.getRuntime();
      System.gc();
      long before = rt.totalMemory() - rt.freeMemory();
      List<DirectionModel> loaded = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        loaded.add(DirectionModel.fromBytes(bytes));
      }
      System.gc();
      long after = rt.totalMemory() - rt.freeMemory();
      System.out.printf(
          "model: %d bytes stored, about %d KiB of heap per loaded model (200 loaded: %d)%n",
          bytes.length, (after - before) / 200 / 1024, loaded.size());

      // small instruments served by the pooled model: each first request is a cold one
      for (int i = 0; i < coldInstruments; i++) {
        String symbol = "C" + i;
        instrument(node, symbol, adminId);
        long[] small = SyntheticPrices.randomWalk(100 + i, 60, 5_000);
        List<GeneratedTrades.Trade> tape = new ArrayList<>();
        for (int m = 0; m < small.length; m++) {
          tape.add(new GeneratedTrades.Trade(start.plusSeconds(60L * m + 1), small[m], 1));
        }
        node.platform()
            .db()
            .tx(conn -> GeneratedTrades.write(conn, symbol, adminId, adminId, tape))
            .await();
      }
      admin.post("/api/admin/insight/models", new JsonObject().put("interval", "1m")).expect(201);
      double[] cold = new double[coldInstruments];
      for (int i = 0; i < coldInstruments; i++) {
        long s = System.nanoTime();
        api.get("/api/market/instruments/C" + i + "/prediction").expect(200);
        cold[i] = (System.nanoTime() - s) / 1e6;
      }
      for (int i = 0; i < 500; i++) {
        api.get("/api/market/instruments/BIG/prediction").expect(200);
      }
      String redisUrl = node.platform().settings().string("redis.url", "");
      ProcessCpu cpu =
          ProcessCpu.find(
              Path.of("target", "bench-insight", "postgres").toAbsolutePath().toString(),
              Integer.parseInt(redisUrl.substring(redisUrl.lastIndexOf(':') + 1)));
      // cold on the busy instrument (100k trades): each request after its answer expired
      int bigCold = 30;
      double[] coldBig = new double[bigCold];
      int coldSeen = 0;
      double[] cpuColdStart = cpu.seconds();
      for (int i = 0; i < bigCold; i++) {
        Thread.sleep(1_100);
        long s = System.nanoTime();
        JsonObject answer = api.get("/api/market/instruments/BIG/prediction").expect(200).json();
        coldBig[i] = (System.nanoTime() - s) / 1e6;
        coldSeen += answer.getBoolean("cached") ? 0 : 1;
      }
      double[] cpuColdEnd = cpu.seconds();
      // from the cache: only answers marked cached count (the 1 s TTL makes about one a second
      // cold)
      double[] warm = new double[warmRequests];
      int cachedCount = 0;
      long warmStarted = System.nanoTime();
      double[] cpuWarmStart = cpu.seconds();
      for (int i = 0; i < warmRequests; i++) {
        long s = System.nanoTime();
        JsonObject answer = api.get("/api/market/instruments/BIG/prediction").expect(200).json();
        double ms = (System.nanoTime() - s) / 1e6;
        if (answer.getBoolean("cached")) {
          warm[cachedCount++] = ms;
        }
      }
      double[] cpuWarmEnd = cpu.seconds();
      double warmSeconds = (System.nanoTime() - warmStarted) / 1e9;
      warm = Arrays.copyOf(warm, cachedCount);
      System.out.printf(
          "prediction over HTTP, cold, small instruments on the pooled model (first request per instrument, %d): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          cold.length, pct(cold, 50), pct(cold, 99), pct(cold, 100));
      System.out.printf(
          "prediction over HTTP, cold, the 100k-trade instrument (%d requests 1.1 s apart, %d of them answered uncached): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          bigCold, coldSeen, pct(coldBig, 50), pct(coldBig, 99), pct(coldBig, 100));
      System.out.println(
          "  " + ProcessCpu.perOperation(cpuColdStart, cpuColdEnd, bigCold, "cold prediction"));
      System.out.printf(
          "prediction over HTTP, from the cache (%d sequential, %d answered from the cache, %.0f requests/s on one client): p50 %.2f ms, p99 %.2f ms, max %.1f ms%n",
          warmRequests,
          cachedCount,
          warmRequests / warmSeconds,
          pct(warm, 50),
          pct(warm, 99),
          pct(warm, 100));
      System.out.println(
          "  "
              + ProcessCpu.perOperation(
                  cpuWarmStart, cpuWarmEnd, warmRequests, "cached prediction"));
    } finally {
      node.stop();
    }
    System.exit(0);
  }

  private static void instrument(Showfloor node, String symbol, long sellerId) {
    node.platform()
        .db()
        .query(
            "INSERT INTO market_instruments (symbol, name, seller_id, status, total_shares, reference_price_cents, max_order_quantity) "
                + "VALUES ($1, $1, $2, 'approved', 1000, 10000, 1000)",
            Tuple.of(symbol, sellerId))
        .await();
  }

  private static double pct(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
