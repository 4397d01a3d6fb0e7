package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.auction.rules.AuctionMode;
import io.showfloor.auction.rules.Bid;
import io.showfloor.auction.rules.LotState;
import io.showfloor.auction.rules.LotStatus;
import io.showfloor.auction.rules.ProxyBidding;
import io.showfloor.platform.infra.Database;
import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.NodeProcess;
import io.showfloor.testing.Shop;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The promise behind every 201: acknowledged means on disk. A real node runs in its own process
 * while clients bid, trade, check out and deposit; then the node's JVM, PostgreSQL and Redis all
 * get SIGKILL at once, mid-stream, and the node starts again on the same data folder. Three rounds.
 */
@DisplayName("A node killed with SIGKILL together with its PostgreSQL and Redis")
class CrashRecoveryTest {
  private static final int ROUNDS = 3;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 60;
  private static final long DEPOSIT_CENTS = 1_000_000;

  /** What the node answered 2xx for, by kind (table), never to be lost. */
  private final Map<String, Queue<Long>> acknowledged = new ConcurrentHashMap<>();

  private final AtomicInteger acknowledgedThisRound = new AtomicInteger();
  private TestUser admin;
  private TestUser host;
  private final List<Long> lots = new ArrayList<>();
  private final Map<Long, Long> lotHosts = new ConcurrentHashMap<>();
  private long productId;
  private String symbol;
  private final List<TestUser> clients = new ArrayList<>();

  @Test
  @DisplayName(
      "starts again by itself on the same folder with every acknowledged write, a balanced ledger, cash and shares conserved and every lot agreeing with its bids")
  void loseNothingAcknowledged() throws Exception {
    JsonObject settings =
        new JsonObject()
            .put("admin", new JsonObject().put("email", "").put("password", ""))
            .put(
                "commerce",
                new JsonObject()
                    .put("depositsPerMinute", 100_000)
                    .put("checkoutsPerMinute", 100_000))
            .put("auctions", new JsonObject().put("bidsPer10Seconds", 100_000))
            .put(
                "market",
                new JsonObject()
                    .put("ordersPerSecondPerUser", 10_000)
                    .put("lease", new JsonObject().put("ttlSeconds", 4).put("renewMillis", 1000)));
    try (NodeProcess node = NodeProcess.fresh("crash-recovery", settings)) {
      node.launch().awaitReady(System.nanoTime(), Duration.ofSeconds(180));
      setUp(node);
      List<Long> restartMillis = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        int acked = writeUntilKilled(node);
        long restarted = System.nanoTime();
        Duration ready = node.launch().awaitReady(restarted, Duration.ofSeconds(180));
        restartMillis.add(ready.toMillis());
        int lost = assertNothingLost(node.db());
        System.out.printf(
            "crash round %d: %d writes acknowledged before SIGKILL, %d lost, ready again in %d ms%n",
            round, acked, lost, ready.toMillis());
        LedgerCheck.assertBalanced(node.db(), admin);
        assertCashAndSharesConserved(node.db());
        assertLotsAgreeWithTheirBids(node);
      }
      System.out.println("crash restart times (ms, launch to /health/ready): " + restartMillis);
      // 143 = 128 + SIGTERM: how the JVM ends after its shutdown hooks (the graceful stop) ran
      assertEquals(143, node.stop(Duration.ofSeconds(60)), "a SIGTERM ends the node");
      assertTrue(
          node.log().contains("Showfloor stopped"), "the stop was graceful:\n" + node.logTail());
      assertTrue(
          !node.log().contains("Unknown deployment"),
          "a graceful stop undeploys each verticle once");
    }
  }

  private void setUp(NodeProcess node) {
    admin = node.user("admin");
    host = node.user("creator", "seller");
    // one open lot per show: three hosts, each live with one lot
    for (int i = 0; i < 3; i++) {
      TestUser lotHost = node.user("creator", "seller");
      long showId =
          lotHost
              .api()
              .post(
                  "/api/shows",
                  new JsonObject()
                      .put("title", "Crash test show " + i)
                      .put("description", "Lots that must survive")
                      .put("category", "cameras")
                      .put("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
              .expect(201)
              .json()
              .getLong("id");
      lotHost.api().post("/api/shows/" + showId + "/start").expect(200);
      long lotProduct = product(lotHost, 1, 100_000);
      long lotId =
          lotHost
              .api()
              .post(
                  "/api/shows/" + showId + "/lots",
                  new JsonObject()
                      .put("productId", lotProduct)
                      .put("startingPriceCents", 1_000)
                      .put("durationSeconds", 3_600)
                      .put("mode", "sudden_death"))
              .expect(201)
              .json()
              .getLong("id");
      lotHost.api().post("/api/lots/" + lotId + "/start").expect(200);
      lots.add(lotId);
      lotHosts.put(lotId, lotHost.id());
    }
    productId = product(host, 100_000, 500);
    symbol = "CRASH" + (System.nanoTime() % 10_000);
    host.api()
        .post(
            "/api/market/instruments",
            new JsonObject().put("symbol", symbol).put("name", "Crash test shares"))
        .expect(201);
    admin
        .api()
        .post(
            "/api/market/instruments/" + symbol + "/approve",
            new JsonObject().put("followsSchedule", false))
        .expect(200);
    admin
        .api()
        .post(
            "/api/market/instruments/" + symbol + "/phase",
            new JsonObject().put("phase", "continuous"))
        .expect(200);
    for (int i = 0; i < 6; i++) {
      TestUser client = node.user();
      JsonObject deposit =
          client
              .api()
              .post("/api/wallet/deposits", new JsonObject().put("amountCents", DEPOSIT_CENTS))
              .expect(201)
              .json();
      record("wallet_deposits", deposit.getJsonObject("deposit").getLong("id"));
      clients.add(client);
    }
  }

  private static long product(TestUser seller, int quantity, long priceCents) {
    return seller
        .api()
        .post(
            "/api/products",
            new JsonObject()
                .put("title", "Crash test item")
                .put("description", "Durable")
                .put("category", "collectibles")
                .put("priceCents", priceCents)
                .put("quantity", quantity))
        .expect(201)
        .json()
        .getLong("id");
  }

  /**
   * Clients write concurrently; once enough writes are acknowledged, everything is killed while
   * they go on.
   */
  private int writeUntilKilled(NodeProcess node) throws InterruptedException {
    acknowledgedThisRound.set(0);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(clients.size() + 1);
    for (int i = 0; i < clients.size(); i++) {
      TestUser client = clients.get(i);
      Random random = new Random(i);
      pool.submit(
          () -> {
            for (int n = 0; n < 200 && !stop.get(); n++) {
              int kind = n % 4;
              attempt(() -> write(client, kind, random));
            }
          });
    }
    Random hostRandom = new Random(99);
    pool.submit(
        () -> {
          for (int n = 0; n < 200 && !stop.get(); n++) {
            attempt(
                () ->
                    acknowledge(
                        "market_orders",
                        host.api().post("/api/market/orders", order("sell", hostRandom)),
                        answer -> answer.getJsonObject("order").getLong("id")));
          }
        });
    long deadline = System.currentTimeMillis() + 60_000;
    while (acknowledgedThisRound.get() < ACKNOWLEDGED_BEFORE_KILL
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    int acked = acknowledgedThisRound.get();
    assertTrue(acked > 0, "writes were acknowledged before the kill:\n" + node.logTail());
    node.killEverything();
    stop.set(true);
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "the clients stop");
    return acknowledgedThisRound.get();
  }

  private void write(TestUser client, int kind, Random random) {
    switch (kind) {
      case 0 -> {
        long lotId = lots.get(random.nextInt(lots.size()));
        Api.Response lot = client.api().get("/api/lots/" + lotId);
        if (lot.status() == 200) {
          long amount = lot.json().getLong("minNextBidCents");
          acknowledge(
              "bids",
              client
                  .api()
                  .post(
                      "/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", amount)),
              answer -> answer.getJsonObject("bid").getLong("id"));
        }
      }
      case 1 ->
          acknowledge(
              "market_orders",
              client.api().post("/api/market/orders", order("buy", random)),
              answer -> answer.getJsonObject("order").getLong("id"));
      case 2 -> {
        if (client
                .api()
                .post(
                    "/api/cart/items",
                    new JsonObject().put("productId", productId).put("quantity", 1))
                .status()
            == 201) {
          Api.Response checkout = Shop.checkout(client.api(), "pm_card_visa");
          if (checkout.status() == 201) {
            for (Object order : checkout.json().getJsonArray("orders")) {
              record("orders", ((JsonObject) order).getLong("id"));
            }
          }
        }
      }
      default ->
          acknowledge(
              "wallet_deposits",
              client
                  .api()
                  .post(
                      "/api/wallet/deposits",
                      new JsonObject().put("amountCents", 500 + random.nextInt(5_000))),
              answer -> answer.getJsonObject("deposit").getLong("id"));
    }
  }

  private JsonObject order(String side, Random random) {
    return new JsonObject()
        .put("symbol", symbol)
        .put("side", side)
        .put("type", "limit")
        .put("priceCents", 9_900 + random.nextInt(200))
        .put("quantity", 1 + random.nextInt(3))
        .put("timeInForce", "GTC");
  }

  private void acknowledge(
      String table, Api.Response response, java.util.function.Function<JsonObject, Long> id) {
    if (response.status() / 100 == 2) {
      record(table, id.apply(response.json()));
    }
  }

  private void record(String table, long id) {
    acknowledged.computeIfAbsent(table, t -> new ConcurrentLinkedQueue<>()).add(id);
    acknowledgedThisRound.incrementAndGet();
  }

  /** A request cut off by the kill is not acknowledged: the client saw no answer. */
  private static void attempt(Runnable write) {
    try {
      write.run();
    } catch (Throwable cutOff) {
      // connection refused or reset: nothing was promised
    }
  }

  private int assertNothingLost(Database db) {
    int lost = 0;
    List<String> missing = new ArrayList<>();
    for (var kind : acknowledged.entrySet()) {
      Long[] ids = kind.getValue().toArray(Long[]::new);
      long found =
          db.one(
                  "SELECT COUNT(*) AS found FROM " + kind.getKey() + " WHERE id = ANY($1)",
                  Tuple.of((Object) ids))
              .await()
              .getLong("found");
      if (found != ids.length) {
        lost += ids.length - (int) found;
        missing.add(kind.getKey() + ": " + (ids.length - found) + " of " + ids.length);
      }
    }
    assertEquals(0, lost, "acknowledged writes missing after the crash: " + missing);
    return lost;
  }

  /**
   * Every share of the instrument is held by someone; the cash in wallets is what came in less the
   * market's fees.
   */
  private void assertCashAndSharesConserved(Database db) {
    Row shares =
        db.one(
                "SELECT i.total_shares, (SELECT COALESCE(SUM(h.shares), 0) FROM market_holdings h WHERE h.symbol = i.symbol) AS held "
                    + "FROM market_instruments i WHERE i.symbol = $1",
                Tuple.of(symbol))
            .await();
    assertEquals(shares.getLong("total_shares"), shares.getLong("held"), "shares of " + symbol);

    long inWallets =
        db.one(
                """
        SELECT COALESCE(SUM(CASE WHEN a.normal_side = 'debit' THEN e.amount_cents ELSE -e.amount_cents END), 0) AS cents
        FROM ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id
        WHERE a.code LIKE 'user:%:cash' OR a.code LIKE 'user:%:escrow'""",
                Tuple.tuple())
            .await()
            .getLong("cents");
    long deposited =
        db.one(
                "SELECT COALESCE(SUM(amount_cents), 0) AS cents FROM wallet_deposits WHERE status = 'succeeded'",
                Tuple.tuple())
            .await()
            .getLong("cents");
    long fees =
        db.one(
                "SELECT COALESCE(SUM(buyer_fee_cents + seller_fee_cents), 0) AS cents FROM market_trades",
                Tuple.tuple())
            .await()
            .getLong("cents");
    assertEquals(
        deposited - fees,
        inWallets,
        "wallet cash = deposits " + deposited + " less market fees " + fees);
  }

  /**
   * Replays each lot's stored bids through the bidding rules: the lot's price, leader and count
   * must be theirs.
   */
  private void assertLotsAgreeWithTheirBids(NodeProcess node) {
    for (long lotId : lots) {
      Row row =
          node.db()
              .one(
                  "SELECT seller_id, starting_price_cents, ends_at FROM lots WHERE id = $1",
                  Tuple.of(lotId))
              .await();
      Instant endsAt = row.getOffsetDateTime("ends_at").toInstant();
      LotState state =
          new LotState(
              LotStatus.OPEN,
              row.getLong("seller_id"),
              lotHosts.get(lotId),
              AuctionMode.SUDDEN_DEATH,
              row.getLong("starting_price_cents"),
              0,
              0,
              LotState.DEFAULT_EXTEND_SECONDS,
              endsAt,
              row.getLong("starting_price_cents"),
              Optional.empty(),
              0);
      for (Row bid :
          node.db()
              .query(
                  "SELECT bidder_id, amount_cents, max_amount_cents, accepted, price_after_cents "
                      + "FROM bids WHERE lot_id = $1 ORDER BY id",
                  Tuple.of(lotId))
              .await()) {
        var outcome =
            ProxyBidding.placeBid(
                state,
                Bid.upTo(
                    bid.getLong("bidder_id"),
                    bid.getLong("amount_cents"),
                    bid.getLong("max_amount_cents")),
                endsAt.minusSeconds(60));
        assertEquals(
            bid.getBoolean("accepted"),
            outcome.accepted(),
            "lot " + lotId + ": the stored decision is the rules'");
        if (outcome.accepted()) {
          assertEquals(
              outcome.currentPriceCents(),
              bid.getLong("price_after_cents"),
              "lot " + lotId + ": price after a bid");
        }
        state = outcome.lot();
      }
      JsonObject lot = node.api().get("/api/lots/" + lotId).expect(200).json();
      assertEquals(
          state.currentPriceCents(), lot.getLong("currentPriceCents"), "lot " + lotId + " price");
      assertEquals(
          state.leader().map(l -> l.bidderId()).orElse(null),
          lot.getLong("highBidderId"),
          "lot " + lotId + " leader");
      assertEquals(state.bidCount(), lot.getInteger("bidCount"), "lot " + lotId + " bid count");
    }
  }
}
