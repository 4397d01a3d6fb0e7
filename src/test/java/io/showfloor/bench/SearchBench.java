package io.showfloor.bench;

import io.showfloor.Showfloor;
import io.showfloor.platform.Platform;
import io.showfloor.platform.config.Settings;
import io.showfloor.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Suggestions as you type (GET /api/search/suggest) and full searches (GET /api/search) over HTTP
 * on a catalogue of 100,000 active products, against one node with embedded PostgreSQL and Redis in
 * the same JVM as the load generator. Typed texts are prefixes, typos and whole words, as a search
 * box sends them keystroke by keystroke. Run with bench/run-search.sh.
 *
 * <p>Args: [seconds=20] [concurrency=4] [products=100000] [warmupSeconds=20]
 */
public final class SearchBench {
  /** What people type: prefixes of one letter more each time, typos, plurals, accents. */
  private static final List<String> TYPED =
      List.of(
          "jo",
          "jor",
          "jord",
          "jorda",
          "jordan",
          "jordn",
          "ch",
          "cha",
          "char",
          "chari",
          "charzard",
          "snea",
          "sneaker",
          "sneakers",
          "pok",
          "poke",
          "pokemon",
          "pokémon",
          "rolx",
          "rolex sub",
          "vint",
          "vintage cam",
          "leica",
          "lego mil",
          "zelda",
          "mario 64",
          "gold coin",
          "hoodie",
          "air jordan 1",
          "blue eyes");

  private SearchBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int products = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    Settings settings = TestNode.settings(Path.of("target", "bench-data"), true);
    Showfloor node = Showfloor.start(settings);
    Vertx clientVertx = Vertx.vertx();
    try {
      WebClient http =
          WebClient.create(
              clientVertx,
              new WebClientOptions()
                  .setDefaultHost("127.0.0.1")
                  .setDefaultPort(node.port())
                  .setKeepAlive(true),
              new io.vertx.core.http.PoolOptions().setHttp1MaxSize(concurrency));
      Platform platform = node.platform();
      String redisUrl = platform.settings().string("redis.url", "");
      ProcessCpu cpu =
          ProcessCpu.find(
              Path.of("target", "bench-data", "postgres").toAbsolutePath().toString(),
              Integer.parseInt(redisUrl.substring(redisUrl.lastIndexOf(':') + 1)));
      long loading = System.nanoTime();
      seed(platform, products);
      System.out.printf(
          "cores=%d concurrency=%d seconds=%d products=%d (seeded and analysed in %.1f s)%n",
          Runtime.getRuntime().availableProcessors(),
          concurrency,
          seconds,
          products,
          (System.nanoTime() - loading) / 1e9);
      for (String path : List.of("/api/search/suggest?q=", "/api/search?limit=24&q=")) {
        run(clientVertx, http, path, concurrency, warmupSeconds);
        double[] cpuAtStart = cpu.seconds();
        Result steady = run(clientVertx, http, path, concurrency, seconds);
        double[] cpuAtEnd = cpu.seconds();
        System.out.printf(
            "%s: %.0f requests/s, %s, %d errors%n",
            path,
            steady.ok / steady.elapsed,
            LatencyRecorder.summaryOf(steady.latencies),
            steady.errors);
        System.out.println(
            path + ": " + ProcessCpu.perOperation(cpuAtStart, cpuAtEnd, steady.ok, "request"));
      }
    } finally {
      clientVertx.close().await();
      node.stop();
    }
  }

  /** Products written straight in SQL (titles from word lists), then ANALYZE. */
  private static void seed(Platform platform, int count) {
    Row seller =
        platform
            .db()
            .one(
                "INSERT INTO users (email, display_name, password_hash, roles, email_verified_at)"
                    + " VALUES ('bench-seller@example.test', 'Bench Seller', 'x',"
                    + " ARRAY['viewer','seller'], now()) RETURNING id",
                Tuple.tuple())
            .await();
    platform
        .db()
        .query(
            """
            INSERT INTO products (seller_id, sku, title, description, category, price_cents, stock)
            SELECT $1, 'B' || i,
                   (ARRAY['Nike','Adidas','Jordan','Pokémon','Rolex','Leica','LEGO','Nintendo','Supreme',
                          'Omega','Canon','Fender','Gibson','Topps','Panini','Funko','Seiko','Hermès',
                          'Louis Vuitton','Magic'])[1 + i % 20]
                   || ' ' ||
                   (ARRAY['Air','Retro','Vintage','Holo','Limited','Classic','Signed','Sealed','Rare',
                          'Gold','Silver','Shadowless','First Edition','Mint','Custom','Deluxe'])[1 + (i / 20) % 16]
                   || ' ' ||
                   (ARRAY['Sneakers','Watch','Camera','Card','Box','Hoodie','Figure','Guitar','Jersey',
                          'Cartridge','Console','Bag','Coin','Poster','Comic','Set','Plush','Jacket',
                          'Charizard','Pikachu','Mario','Zelda','Falcon','Submariner'])[1 + (i / 320) % 24]
                   || ' ' || (i % 997),
                   'Bench product number ' || i || ', described at some length so the document is realistic.',
                   (ARRAY['sneakers','trading-cards','watches','cameras','toys','fashion'])[1 + i % 6],
                   100 + (i * 7919) % 500000, i % 5
            FROM generate_series(1, $2) AS i
            """,
            Tuple.of(seller.getLong("id"), count))
        .await();
    platform.db().query("ANALYZE products", Tuple.tuple()).await();
  }

  private record Result(long ok, long errors, double elapsed, long[] latencies) {}

  private static Result run(Vertx vertx, WebClient http, String path, int workers, int seconds) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong next = new AtomicLong();
    long started = System.nanoTime();
    List<Future<Void>> done = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Promise<Void> finished = Promise.promise();
      done.add(finished.future());
      vertx.runOnContext(v -> loop(http, path, end, latencies, ok, errors, next, finished));
    }
    Future.all(done).await();
    return new Result(
        ok.get(),
        errors.get(),
        (System.nanoTime() - started) / 1e9,
        latencies.stream().mapToLong(Long::longValue).toArray());
  }

  private static void loop(
      WebClient http,
      String path,
      long end,
      ConcurrentLinkedQueue<Long> latencies,
      AtomicLong ok,
      AtomicLong errors,
      AtomicLong next,
      Promise<Void> finished) {
    if (System.nanoTime() > end) {
      finished.complete();
      return;
    }
    String typed = TYPED.get((int) (next.getAndIncrement() % TYPED.size()));
    long start = System.nanoTime();
    http.get(path + URLEncoder.encode(typed, StandardCharsets.UTF_8))
        .send()
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result().statusCode() == 200) {
                latencies.add(System.nanoTime() - start);
                ok.incrementAndGet();
              } else {
                errors.incrementAndGet();
              }
              loop(http, path, end, latencies, ok, errors, next, finished);
            });
  }
}
