package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.market.trading.BookOwnership;
import io.showfloor.platform.config.Settings;
import io.showfloor.testing.Api;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("In a cluster one node owns a book; every node reaches it, and the book moves between nodes")
class MarketClusterTest {
  private static Showfloor a;
  private static Showfloor b;

  @BeforeAll
  static void startTwoNodes() {
    int portA = TestNode.freePort();
    int portB = TestNode.freePort();
    String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
    a = Showfloor.start(clustered("market-a", portA, members));
    b = Showfloor.start(clustered("market-b", portB, members));
  }

  /** The shared node's PostgreSQL and Redis, so both nodes see one database like a real cluster. */
  private static Settings clustered(String name, int clusterPort, String members) {
    return TestNode.sharingInfrastructure(name)
        .with("cluster.enabled", true)
        .with("cluster.host", "127.0.0.1")
        .with("cluster.port", clusterPort)
        .with("cluster.members", members);
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.stop();
    }
    if (a != null) {
      a.stop();
    }
  }

  private static Api on(Showfloor node, TestUser user) {
    return new Api("http://127.0.0.1:" + node.port()).as(user.accessToken());
  }

  private static JsonObject take(Showfloor node, String symbol) {
    return node.vertx().eventBus().<JsonObject>request(BookOwnership.TAKE_ADDRESS, symbol).await().body();
  }

  private static JsonObject depth(Showfloor node, String symbol) {
    JsonObject book = new Api("http://127.0.0.1:" + node.port()).get("/api/market/instruments/" + symbol + "/book?depth=50")
        .expect(200).json();
    book.remove("serverTime");
    return book;
  }

  @Test
  @DisplayName("orders sent to either node reach the owner; a book handed to the other node is rebuilt there, the same")
  void ownershipAcrossNodes() {
    TestUser seller = Users.create("seller");
    TestUser admin = LedgerCheck.admin();
    TestUser buyer = Users.create();
    String symbol = MarketFixture.symbol("CLU");
    on(a, buyer).post("/api/wallet/deposits", new JsonObject().put("amountCents", 100_000)).expect(201);
    on(a, seller).post("/api/market/instruments", new JsonObject().put("symbol", symbol).put("name", "Clustered"))
        .expect(201);
    on(a, admin).post("/api/market/instruments/" + symbol + "/approve", new JsonObject().put("followsSchedule", false))
        .expect(200);
    // the approving node takes the new book at once
    assertTrue(take(a, symbol).getBoolean("owned"));
    Eventually.until(() -> new Api("http://127.0.0.1:" + b.port()).get("/api/market/instruments/" + symbol + "/book")
        .status() == 200, "node B reaches the book's owner on node A");
    on(b, admin).post("/api/market/instruments/" + symbol + "/phase", new JsonObject().put("phase", "continuous"))
        .expect(200);
    on(b, seller).post("/api/market/orders", limit(symbol, "sell", 10_100, 5)).expect(201);
    on(a, seller).post("/api/market/orders", limit(symbol, "sell", 10_200, 5)).expect(201);
    JsonObject bought = on(b, buyer).post("/api/market/orders", limit(symbol, "buy", 10_100, 2)).expect(201).json();
    assertEquals(1, bought.getJsonArray("fills").size());
    on(b, buyer).post("/api/market/orders", limit(symbol, "buy", 9_900, 3)).expect(201);
    JsonObject before = depth(b, symbol);
    assertEquals(before, depth(a, symbol));

    // hand the book to B: name it in the lease with the next epoch; B takes it, A is fenced out and lets go
    String nodeB = take(b, symbol).getString("node");
    TestNode.get().platform().db().query("UPDATE market_leases SET node_id = $2, epoch = epoch + 1, "
        + "expires_at = now() + interval '10 seconds' WHERE symbol = $1", Tuple.of(symbol, nodeB)).await();
    assertTrue(take(b, symbol).getBoolean("owned"));
    take(a, symbol);
    assertEquals(false, take(a, symbol).getBoolean("owned"));

    // the new owner's event-bus registration reaches the other node a moment later: 503 until then
    Eventually.until(() -> new Api("http://127.0.0.1:" + a.port()).get("/api/market/instruments/" + symbol + "/book")
        .status() == 200, "node A reaches the book's new owner on node B");
    assertEquals(before, depth(a, symbol));
    JsonObject more = on(a, buyer).post("/api/market/orders", limit(symbol, "buy", 10_100, 3)).expect(201).json();
    assertEquals(3, more.getJsonArray("fills").getJsonObject(0).getLong("quantity"));
    assertEquals(10_200, depth(b, symbol).getJsonArray("asks").getJsonObject(0).getLong("priceCents"));
    LedgerCheck.assertBalanced();
  }
}
