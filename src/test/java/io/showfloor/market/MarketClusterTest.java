package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.market.trading.BookOwnership;
import io.showfloor.testing.Api;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TwoNodeCluster;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "In a cluster one node owns a book; every node reaches it, and the book moves between nodes")
class MarketClusterTest {
  private static TwoNodeCluster cluster;
  private static Showfloor a;
  private static Showfloor b;

  @BeforeAll
  static void startTwoNodes() {
    cluster = TwoNodeCluster.start("market");
    a = cluster.a();
    b = cluster.b();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Api on(Showfloor node, TestUser user) {
    return new Api("http://127.0.0.1:" + node.port()).as(user.accessToken());
  }

  private static JsonObject take(Showfloor node, String symbol) {
    return node.vertx()
        .eventBus()
        .<JsonObject>request(BookOwnership.TAKE_ADDRESS, symbol)
        .await()
        .body();
  }

  private static JsonObject depth(Showfloor node, String symbol) {
    JsonObject book =
        new Api("http://127.0.0.1:" + node.port())
            .get("/api/market/instruments/" + symbol + "/book?depth=50")
            .expect(200)
            .json();
    book.remove("serverTime");
    return book;
  }

  /**
   * One-share bids at 80.00 on {@code node}, one after another, until a few have gone after the
   * hand-over.
   */
  private static List<Integer> keepBuying(
      Showfloor node, TestUser trader, String symbol, AtomicBoolean handedOver)
      throws InterruptedException {
    List<Integer> statuses = new ArrayList<>();
    int afterHandOver = 0;
    while (afterHandOver < 3 && statuses.size() < 40) {
      afterHandOver += handedOver.get() ? 1 : 0;
      Api.Response response =
          on(node, trader).post("/api/market/orders", limit(symbol, "buy", 8_000, 1));
      statuses.add(response.status());
      assertEquals(201, response.status(), response.body());
      Thread.sleep(25); // stays under the per-user order rate limit
    }
    return statuses;
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName(
      "orders sent to either node reach the owner; while the book is handed to the other node orders wait for "
          + "the new owner and are placed exactly once")
  void ownershipAcrossNodes() {
    TestUser seller = Users.create("seller");
    TestUser admin = LedgerCheck.admin();
    TestUser buyer = Users.create();
    String symbol = MarketFixture.symbol("CLU");
    on(a, buyer)
        .post("/api/wallet/deposits", new JsonObject().put("amountCents", 100_000))
        .expect(201);
    on(a, seller)
        .post(
            "/api/market/instruments",
            new JsonObject().put("symbol", symbol).put("name", "Clustered"))
        .expect(201);
    on(a, admin)
        .post(
            "/api/market/instruments/" + symbol + "/approve",
            new JsonObject().put("followsSchedule", false))
        .expect(200);
    // the approving node takes the new book at once; node B reaches it without waiting for anything
    assertTrue(take(a, symbol).getBoolean("owned"));
    on(b, admin)
        .post(
            "/api/market/instruments/" + symbol + "/phase",
            new JsonObject().put("phase", "continuous"))
        .expect(200);
    on(b, seller).post("/api/market/orders", limit(symbol, "sell", 10_100, 5)).expect(201);
    on(a, seller).post("/api/market/orders", limit(symbol, "sell", 10_200, 5)).expect(201);
    JsonObject bought =
        on(b, buyer).post("/api/market/orders", limit(symbol, "buy", 10_100, 2)).expect(201).json();
    assertEquals(1, bought.getJsonArray("fills").size());
    on(b, buyer).post("/api/market/orders", limit(symbol, "buy", 9_900, 3)).expect(201);
    assertEquals(depth(b, symbol), depth(a, symbol));

    // hand the book to B while orders keep arriving at both nodes: none may fail, none may run
    // twice
    String nodeB = take(b, symbol).getString("node");
    AtomicBoolean handedOver = new AtomicBoolean();
    ExecutorService senders = Executors.newFixedThreadPool(2);
    List<Future<List<Integer>>> sent = new ArrayList<>();
    for (Showfloor node : List.of(a, b)) {
      TestUser trader = Users.create();
      on(node, trader)
          .post("/api/wallet/deposits", new JsonObject().put("amountCents", 400_000))
          .expect(201);
      sent.add(senders.submit(() -> keepBuying(node, trader, symbol, handedOver)));
    }
    Eventually.until(
        () ->
            TestNode.get()
                    .platform()
                    .db()
                    .one(
                        "SELECT count(*) AS n FROM market_orders WHERE symbol = $1 "
                            + "AND price_cents = 8000",
                        Tuple.of(symbol))
                    .await()
                    .getLong("n")
                >= 4,
        "orders flow before the hand-over");
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE market_leases SET node_id = $2, epoch = epoch + 1, "
                + "expires_at = now() + interval '10 seconds' WHERE symbol = $1",
            Tuple.of(symbol, nodeB))
        .await();
    assertTrue(take(b, symbol).getBoolean("owned"));
    take(a, symbol);
    assertEquals(false, take(a, symbol).getBoolean("owned"));
    handedOver.set(true);
    long placed = 0;
    for (Future<List<Integer>> sender : sent) {
      List<Integer> statuses = join(sender);
      assertEquals(
          List.of(201),
          statuses.stream().distinct().toList(),
          "every order sent during the hand-over is placed");
      placed += statuses.size();
    }
    senders.shutdown();
    // exactly once: as many resting orders at 80.00 as answers 201, on both nodes' view of the book
    JsonObject bid =
        depth(a, symbol).getJsonArray("bids").stream()
            .map(JsonObject.class::cast)
            .filter(level -> level.getLong("priceCents") == 8_000)
            .findFirst()
            .orElseThrow();
    assertEquals(placed, bid.getLong("quantity"));
    assertEquals(placed, bid.getLong("orders"));
    assertEquals(depth(a, symbol), depth(b, symbol));

    JsonObject more =
        on(a, buyer).post("/api/market/orders", limit(symbol, "buy", 10_100, 3)).expect(201).json();
    assertEquals(3, more.getJsonArray("fills").getJsonObject(0).getLong("quantity"));
    assertEquals(
        10_200, depth(b, symbol).getJsonArray("asks").getJsonObject(0).getLong("priceCents"));
    LedgerCheck.assertBalanced();
  }
}
