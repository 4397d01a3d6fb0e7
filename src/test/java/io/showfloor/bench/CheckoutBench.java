package io.showfloor.bench;

import io.showfloor.Showfloor;
import io.showfloor.platform.Platform;
import io.showfloor.platform.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checkout throughput and latency over HTTP against one node with the sandbox payment provider
 * (embedded PostgreSQL and Redis, same JVM as the load generator), then the flash-sale case:
 * thousands of buyers racing for a few hundred units. Run with bench/run-checkout.sh.
 *
 * <p>Args: [seconds=20] [concurrency=64] [poolSize=16] [warmupSeconds=60]
 */
public final class CheckoutBench {
  private static final JsonObject ADDRESS =
      new JsonObject()
          .put("name", "Bench Buyer")
          .put("line1", "1 Load St")
          .put("city", "Benchville")
          .put("postalCode", "10001")
          .put("country", "US");

  private CheckoutBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int poolSize = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    // the JIT is still compiling for the first minute under load (see bench/README.md)
    int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
    Settings settings =
        BenchSettings.of(Path.of("target", "bench-data"))
            .with("commerce.checkoutsPerMinute", 10_000_000)
            .with("commerce.cartWritesPerMinute", 10_000_000)
            .with("database.poolSize", poolSize);
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
      if (Boolean.getBoolean("bench.asyncCommit")) {
        // experiment only: shows how much of a checkout is waiting for WAL fsync
        platform.db().query("ALTER SYSTEM SET synchronous_commit = off", Tuple.tuple()).await();
        platform.db().query("SELECT pg_reload_conf()", Tuple.tuple()).await();
      }
      if (Boolean.getBoolean("bench.logStatements")) {
        // diagnosis only: every statement goes to the embedded server's log, to count them per
        // checkout
        platform.db().query("ALTER SYSTEM SET log_statement = 'all'", Tuple.tuple()).await();
        platform.db().query("SELECT pg_reload_conf()", Tuple.tuple()).await();
      }
      String redisUrl = platform.settings().string("redis.url", "");
      // a PostgreSQL started by hand (DATABASE_URL, for pg_stat_statements) is found by its own
      // data directory
      ProcessCpu cpu =
          ProcessCpu.find(
              System.getProperty(
                  "bench.postgresDir",
                  Path.of("target", "bench-data", "postgres").toAbsolutePath().toString()),
              Integer.parseInt(redisUrl.substring(redisUrl.lastIndexOf(':') + 1)));
      System.out.printf(
          "cores=%d concurrency=%d dbPool=%d seconds=%d%n",
          Runtime.getRuntime().availableProcessors(), concurrency, poolSize, seconds);

      List<String> sellers = users(platform, 20, "seller");
      List<Long> products = new ArrayList<>();
      for (String seller : sellers) {
        products.add(createProduct(http, seller, 2500, 1_000_000));
      }
      List<String> buyers = users(platform, concurrency * 4, "viewer");

      long[] idleStart = databaseWork(platform);
      Thread.sleep(3000);
      long[] idleEnd = databaseWork(platform);
      System.out.printf(
          "idle:    %.0f commits/s by the node's background work with no load%n",
          (idleEnd[0] - idleStart[0]) / 3.0);
      Result warm = steady(clientVertx, http, buyers, products, concurrency, warmupSeconds);
      System.out.println("warm-up: " + warm.line());
      int topStatements = Integer.getInteger("bench.statements", 0);
      if (topStatements > 0) {
        StatementCosts.reset(platform);
      }
      double[] cpuAtStart = cpu.seconds();
      long[] dbAtStart = databaseWork(platform);
      Result steady = steady(clientVertx, http, buyers, products, concurrency, seconds);
      double[] cpuAtEnd = cpu.seconds();
      long[] dbAtEnd = databaseWork(platform);
      System.out.println("steady:  " + steady.line());
      // a checkout here is the whole purchase: the add-to-cart request and the checkout request
      System.out.println(
          "steady:  " + ProcessCpu.perOperation(cpuAtStart, cpuAtEnd, steady.ok, "checkout"));
      if (topStatements > 0) {
        StatementCosts.print(platform, topStatements, steady.ok);
      }
      Row mail =
          platform
              .db()
              .one(
                  "SELECT COUNT(*) AS mails, COUNT(DISTINCT created_at) AS batches FROM local_mailbox",
                  Tuple.tuple())
              .await();
      System.out.printf(
          "steady:  receipts: %d mails stored by %d delivery runs (whole run)%n",
          mail.getLong("mails"), mail.getLong("batches"));
      System.out.printf(
          "steady:  per checkout (PostgreSQL's statistics, flushed about once a second, so +-a few %%): "
              + "%.2f commits, %.1f rows inserted, %.1f updated, %.1f deleted, %.1f WAL records, %.0f WAL bytes%n",
          per(dbAtStart, dbAtEnd, 0, steady.ok),
          per(dbAtStart, dbAtEnd, 1, steady.ok),
          per(dbAtStart, dbAtEnd, 2, steady.ok),
          per(dbAtStart, dbAtEnd, 3, steady.ok),
          per(dbAtStart, dbAtEnd, 4, steady.ok),
          per(dbAtStart, dbAtEnd, 5, steady.ok));

      long flashProduct = createProduct(http, sellers.get(0), 4999, 500);
      List<String> crowd = users(platform, 3000, "viewer");
      for (String buyer : crowd) {
        await(
            http.post("/api/cart/items")
                .bearerTokenAuthentication(buyer)
                .sendJsonObject(
                    new JsonObject().put("productId", flashProduct).put("quantity", 1)));
      }
      double[] flashCpuAtStart = cpu.seconds();
      Result flash = flash(http, crowd, concurrency);
      double[] flashCpuAtEnd = cpu.seconds();
      Row check =
          platform
              .db()
              .one(
                  """
          SELECT p.stock, (SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id
                           WHERE l.product_id = p.id AND o.status = 'paid') AS paid
          FROM products p WHERE p.id = $1""",
                  Tuple.of(flashProduct))
              .await();
      long ledgerSum =
          platform
              .db()
              .one("SELECT COALESCE(SUM(amount_cents), 0) AS s FROM ledger_entries", Tuple.tuple())
              .await()
              .getLong("s");
      System.out.println(
          "flash:   "
              + flash.line()
              + String.format(
                  " | 3000 buyers, 500 units: %.0f checkout requests/s, %d paid, %d refused out_of_stock, stock left %d,"
                      + " paid orders in db %d, ledger sum %d",
                  (flash.ok + flash.conflicts + flash.errors) / flash.seconds,
                  flash.ok,
                  flash.conflicts,
                  check.getInteger("stock"),
                  check.getLong("paid"),
                  ledgerSum));
      System.out.println(
          "flash:   "
              + ProcessCpu.perOperation(
                  flashCpuAtStart,
                  flashCpuAtEnd,
                  flash.ok + flash.conflicts + flash.errors,
                  "request"));
    } finally {
      clientVertx.close().await();
      node.stop();
    }
    System.exit(0);
  }

  /**
   * Counters of the database's work so far: commits, rows inserted, updated, deleted, WAL records,
   * WAL bytes.
   */
  private static long[] databaseWork(Platform platform) {
    Row row =
        platform
            .db()
            .one(
                """
        SELECT d.xact_commit, d.tup_inserted, d.tup_updated, d.tup_deleted, w.wal_records, w.wal_bytes::bigint AS wal_bytes
        FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = current_database()""",
                Tuple.tuple())
            .await();
    return new long[] {
      row.getLong("xact_commit"),
      row.getLong("tup_inserted"),
      row.getLong("tup_updated"),
      row.getLong("tup_deleted"),
      row.getLong("wal_records"),
      row.getLong("wal_bytes")
    };
  }

  private static double per(long[] start, long[] end, int i, long operations) {
    return (double) (end[i] - start[i]) / operations;
  }

  private record Result(
      long ok, long conflicts, long errors, double seconds, long[] latenciesNanos) {
    String line() {
      return String.format(
          "%d checkouts in %.1f s = %.0f/s; checkout latency %s; %d conflicts, %d errors",
          ok, seconds, ok / seconds, LatencyRecorder.summaryOf(latenciesNanos), conflicts, errors);
    }
  }

  /** Each worker loops add-to-cart then checkout with its own buyers for {@code seconds}. */
  private static Result steady(
      Vertx vertx,
      WebClient http,
      List<String> buyers,
      List<Long> products,
      int workers,
      int seconds) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong ok = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicInteger round = new AtomicInteger();
    long started = System.nanoTime();
    List<Future<Void>> done = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      Promise<Void> finished = Promise.promise();
      done.add(finished.future());
      vertx.runOnContext(
          v ->
              loop(
                  http, buyers, products, worker, workers, end, latencies, ok, conflicts, errors,
                  round, finished));
    }
    Future.all(done).await();
    double elapsed = (System.nanoTime() - started) / 1e9;
    return new Result(
        ok.get(),
        conflicts.get(),
        errors.get(),
        elapsed,
        latencies.stream().mapToLong(Long::longValue).toArray());
  }

  private static void loop(
      WebClient http,
      List<String> buyers,
      List<Long> products,
      int worker,
      int workers,
      long end,
      ConcurrentLinkedQueue<Long> latencies,
      AtomicLong ok,
      AtomicLong conflicts,
      AtomicLong errors,
      AtomicInteger round,
      Promise<Void> finished) {
    if (System.nanoTime() > end) {
      finished.complete();
      return;
    }
    int n = round.incrementAndGet();
    // buyers are partitioned by worker so one buyer never has two checkouts in flight
    String buyer = buyers.get(worker + workers * (n % (buyers.size() / workers)));
    long product = products.get(n % products.size());
    http.post("/api/cart/items")
        .bearerTokenAuthentication(buyer)
        .sendJsonObject(new JsonObject().put("productId", product).put("quantity", 1))
        .compose(
            added -> {
              long t0 = System.nanoTime();
              return http.post("/api/checkout")
                  .bearerTokenAuthentication(buyer)
                  .sendJsonObject(
                      new JsonObject()
                          .put("shippingAddress", ADDRESS)
                          .put("paymentMethodId", "pm_card_visa"))
                  .map(
                      r -> {
                        latencies.add(System.nanoTime() - t0);
                        return r;
                      });
            })
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result().statusCode() == 201) {
                ok.incrementAndGet();
              } else if (ar.succeeded() && ar.result().statusCode() == 409) {
                conflicts.incrementAndGet();
              } else {
                if (errors.incrementAndGet() < 5) {
                  System.out.println(
                      "error: "
                          + (ar.succeeded()
                              ? ar.result().statusCode() + " " + ar.result().bodyAsString()
                              : ar.cause()));
                }
              }
              loop(
                  http, buyers, products, worker, workers, end, latencies, ok, conflicts, errors,
                  round, finished);
            });
  }

  /** Every buyer of the crowd checks out once, {@code concurrency} at a time. */
  private static Result flash(WebClient http, List<String> crowd, int concurrency) {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong ok = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      lanes.add(lane(http, crowd, next, latencies, ok, conflicts, errors));
    }
    Future.all(lanes).await();
    return new Result(
        ok.get(),
        conflicts.get(),
        errors.get(),
        (System.nanoTime() - started) / 1e9,
        latencies.stream().mapToLong(Long::longValue).toArray());
  }

  private static Future<Void> lane(
      WebClient http,
      List<String> crowd,
      AtomicInteger next,
      ConcurrentLinkedQueue<Long> latencies,
      AtomicLong ok,
      AtomicLong conflicts,
      AtomicLong errors) {
    int i = next.getAndIncrement();
    if (i >= crowd.size()) {
      return Future.succeededFuture();
    }
    long t0 = System.nanoTime();
    return http.post("/api/checkout")
        .bearerTokenAuthentication(crowd.get(i))
        .sendJsonObject(
            new JsonObject().put("shippingAddress", ADDRESS).put("paymentMethodId", "pm_card_visa"))
        .transform(
            ar -> {
              latencies.add(System.nanoTime() - t0);
              if (ar.succeeded() && ar.result().statusCode() == 201) {
                ok.incrementAndGet();
              } else if (ar.succeeded() && ar.result().statusCode() == 409) {
                conflicts.incrementAndGet();
              } else {
                errors.incrementAndGet();
              }
              return lane(http, crowd, next, latencies, ok, conflicts, errors);
            });
  }

  private static List<String> users(Platform platform, int count, String role) {
    String tag = Long.toString(System.nanoTime(), 36);
    List<String> tokens = new ArrayList<>();
    for (Row row :
        platform
            .db()
            .query(
                """
        INSERT INTO users (email, display_name, password_hash, roles, email_verified_at)
        SELECT 'bench-' || $1 || '-' || g || '@example.test', 'Bench ' || g, 'bench-no-login', $2, now()
        FROM generate_series(1, $3) g RETURNING id, display_name""",
                Tuple.of(tag, new String[] {"viewer", role}, count))
            .await()) {
      tokens.add(
          platform
              .accessTokens()
              .issue(
                  row.getLong("id"),
                  0,
                  row.getString("display_name"),
                  new java.util.TreeSet<>(List.of("viewer", role)),
                  true));
    }
    return tokens;
  }

  private static long createProduct(WebClient http, String seller, long priceCents, int stock) {
    HttpResponse<?> r =
        await(
            http.post("/api/products")
                .bearerTokenAuthentication(seller)
                .sendJsonObject(
                    new JsonObject()
                        .put("title", "Bench product")
                        .put("category", "bench")
                        .put("priceCents", priceCents)
                        .put("quantity", stock)
                        .put("lowStockThreshold", 0)));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("product: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getLong("id");
  }

  private static <T> T await(Future<T> future) {
    return future.await();
  }
}
