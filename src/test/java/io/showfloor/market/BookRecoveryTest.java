package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.assertCash;
import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.market;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.market.trading.BookOwnership;
import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "A book is rebuilt from PostgreSQL when its owner changes, and a stale owner cannot write")
class BookRecoveryTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static JsonObject depth(String symbol) {
    JsonObject book =
        TestNode.api()
            .get("/api/market/instruments/" + symbol + "/book?depth=50")
            .expect(200)
            .json();
    book.remove("serverTime");
    return book;
  }

  private static long epoch(String symbol) {
    return TestNode.get()
        .platform()
        .db()
        .one("SELECT epoch FROM market_leases WHERE symbol = $1", Tuple.of(symbol))
        .await()
        .getLong("epoch");
  }

  /**
   * Another node "took" the lease and died: it is expired and names someone else. This node's next
   * round takes over.
   */
  private static void takeOver(String symbol) {
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE market_leases SET node_id = 'departed-node', "
                + "expires_at = now() - interval '1 second' WHERE symbol = $1",
            Tuple.of(symbol))
        .await();
    JsonObject answer =
        TestNode.get()
            .vertx()
            .eventBus()
            .<JsonObject>request(BookOwnership.TAKE_ADDRESS, symbol)
            .await()
            .body();
    assertEquals(true, answer.getBoolean("owned"), answer.encode());
  }

  @Test
  @DisplayName("after a takeover the depth is exactly as before and time priority still holds")
  void takeoverRebuildsContinuousBook() {
    Listing listing = listed("REC");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser early = trader(100_000);
    TestUser late = trader(100_000);
    long first = place(early, limit(symbol, "buy", 9_900, 5)).getJsonObject("order").getLong("id");
    place(late, limit(symbol, "buy", 9_900, 5));
    place(late, limit(symbol, "buy", 9_800, 2));
    place(listing.seller(), limit(symbol, "sell", 10_100, 4));
    place(listing.seller(), limit(symbol, "sell", 10_200, 6));
    place(listing.seller(), limit(symbol, "sell", 9_900, 2));
    JsonObject before = depth(symbol);
    long epochBefore = epoch(symbol);

    takeOver(symbol);

    assertEquals(epochBefore + 1, epoch(symbol));
    assertEquals(before, depth(symbol));
    // the partly filled early order is still first in the queue
    place(listing.seller(), limit(symbol, "sell", 9_900, 3));
    assertEquals(
        "filled",
        early
            .api()
            .get("/api/market/orders/" + first)
            .json()
            .getJsonObject("order")
            .getString("status"));
    assertCash(early, 100_000 - 49_500, 0);
  }

  @Test
  @DisplayName(
      "a book collecting for an auction is rebuilt crossed, market orders included, and uncrosses the same")
  void takeoverRebuildsAuctionBook() {
    Listing listing = listed("RCA");
    String symbol = listing.symbol();
    phase(symbol, "pre_open");
    TestUser buyer = trader(200_000);
    place(buyer, limit(symbol, "buy", 10_500, 4));
    place(buyer, market(symbol, "buy", 2));
    place(listing.seller(), limit(symbol, "sell", 10_000, 5));
    JsonObject before = depth(symbol);
    takeOver(symbol);
    assertEquals(before, depth(symbol));
    JsonObject uncross = phase(symbol, "continuous").getJsonObject("uncross");
    assertEquals(5, uncross.getLong("volume"));
  }

  @Test
  @DisplayName("the admin rebuild drops the in-memory book and loads the same one")
  void adminRebuild() {
    Listing listing = listed("RBD");
    phase(listing.symbol(), "continuous");
    place(listing.seller(), limit(listing.symbol(), "sell", 10_100, 4));
    place(trader(50_000), limit(listing.symbol(), "buy", 9_000, 3));
    JsonObject before = depth(listing.symbol());
    JsonObject rebuilt =
        LedgerCheck.admin()
            .api()
            .post("/api/market/instruments/" + listing.symbol() + "/rebuild")
            .expect(200)
            .json();
    assertEquals(2, rebuilt.getInteger("openOrders"));
    assertEquals(before, depth(listing.symbol()));
    listing
        .seller()
        .api()
        .post("/api/market/instruments/" + listing.symbol() + "/rebuild")
        .expectProblem(403, "role_required");
  }

  @Test
  @DisplayName(
      "an owner whose lease epoch moved on is fenced: its next command commits nothing, waits for a new owner and, "
          + "with none, answers 503 with Retry-After")
  void staleOwnerIsFenced() {
    Listing listing = listed("FNC");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser buyer = trader(50_000);
    place(buyer, limit(symbol, "buy", 9_000, 1));
    // someone else holds the lease now (this node's owner does not know yet)
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE market_leases SET node_id = 'intruder', epoch = epoch + 1, "
                + "expires_at = now() + interval '1 hour' WHERE symbol = $1",
            Tuple.of(symbol))
        .await();
    Api.Response refused = buyer.api().post("/api/market/orders", limit(symbol, "buy", 9_000, 1));
    refused.expectProblem(503, "market_unavailable");
    // the intruder's lease has an hour left: come back when the longest a lease can last has passed
    assertEquals("10", refused.header("Retry-After"));
    assertEquals(1, buyer.api().get("/api/market/orders").json().getJsonArray("items").size());
    assertCash(buyer, 41_000, 9_000);
    // the intruder dies; this node takes the book back and trading resumes
    takeOver(symbol);
    JsonObject placed = place(buyer, limit(symbol, "buy", 9_000, 1));
    assertTrue(placed.getJsonObject("order").getLong("id") > 0);
    assertCash(buyer, 32_000, 18_000);
  }
}
