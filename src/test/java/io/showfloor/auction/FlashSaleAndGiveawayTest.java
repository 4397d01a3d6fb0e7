package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Flash sales and giveaways in a live show")
class FlashSaleAndGiveawayTest {

  @AfterEach
  void ledgerStaysBalanced() {
    io.showfloor.testing.LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName("500 concurrent buyers for 50 units: exactly 50 are sold, every other buyer hears sold_out")
  void flashSaleNeverOversells() throws Exception {
    AuctionFixture show = AuctionFixture.liveShow();
    long productId = show.host.api().post("/api/products", new JsonObject().put("title", "Enamel pin").put("description", "")
            .put("category", "pins").put("priceCents", 800).put("quantity", 60).put("imageUrls", new io.vertx.core.json.JsonArray()))
        .expect(201).json().getLong("id");
    JsonObject sale = show.host.api().post("/api/shows/" + show.showId + "/flash-sales",
        new JsonObject().put("productId", productId).put("priceCents", 500).put("quantity", 50)).expect(201).json();
    long saleId = sale.getLong("id");
    List<TestUser> buyers = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      buyers.add(Users.create());
    }
    ExecutorService pool = Executors.newFixedThreadPool(64);
    List<Future<Integer>> answers = new ArrayList<>();
    for (TestUser buyer : buyers) {
      answers.add(pool.submit(() -> buyer.api().post("/api/flash-sales/" + saleId + "/buy",
          new JsonObject().put("quantity", 1)).status()));
    }
    int sold = 0;
    int soldOut = 0;
    for (Future<Integer> answer : answers) {
      int status = answer.get();
      sold += status == 201 ? 1 : 0;
      soldOut += status == 409 ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(50, sold);
    assertEquals(450, soldOut);
    JsonObject after = TestNode.api().get("/api/flash-sales/" + saleId).expect(200).json();
    assertEquals(50, after.getInteger("sold"));
    assertEquals(0, after.getInteger("remaining"));
    long orders = TestNode.get().platform().db().one(
        "SELECT count(*) AS n FROM flash_sale_purchases WHERE sale_id = $1 AND order_id IS NOT NULL",
        io.vertx.sqlclient.Tuple.of(saleId)).await().getLong("n");
    assertEquals(50, orders, "every sale has its order");
  }

  @Test
  @DisplayName("a flash-sale buyer is held to the per-buyer limit and a retried buy with the same key buys once")
  void buyerLimitAndIdempotency() {
    AuctionFixture show = AuctionFixture.liveShow();
    long productId = show.product();
    long saleId = show.host.api().post("/api/shows/" + show.showId + "/flash-sales",
        new JsonObject().put("productId", productId).put("priceCents", 500).put("quantity", 1)).expect(201).json().getLong("id");
    TestUser buyer = Users.create();
    var keyed = buyer.api().with("Idempotency-Key", "tap-1");
    JsonObject first = keyed.post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 1)).expect(201).json();
    JsonObject again = keyed.post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 1)).expect(201).json();
    assertEquals(first.getLong("purchaseId"), again.getLong("purchaseId"));
    Users.create().api().post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 1))
        .expectProblem(409, "sold_out");
    show.host.api().post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 1))
        .expectProblem(409, "sold_out");
    buyer.api().post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 0))
        .expectProblem(400, "validation_failed");
  }

  @Test
  @DisplayName("a giveaway draws one entrant at its deadline and publishes a seed anyone can check")
  void verifiableGiveaway() throws Exception {
    AuctionFixture show = AuctionFixture.liveShow();
    JsonObject giveaway = show.host.api().post("/api/shows/" + show.showId + "/giveaways",
        new JsonObject().put("title", "Free film roll").put("durationSeconds", 5)).expect(201).json();
    long id = giveaway.getLong("id");
    String seedHash = giveaway.getString("seedHash");
    assertNull(giveaway.getString("seed"), "the seed stays secret until the draw");
    List<TestUser> entrants = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      TestUser user = Users.create();
      entrants.add(user);
      io.showfloor.testing.Shop.saveAddress(user);
      assertEquals(i + 1, user.api().post("/api/giveaways/" + id + "/entries").expect(201).json().getInteger("entryNo"));
    }
    entrants.get(0).api().post("/api/giveaways/" + id + "/entries").expectProblem(409, "already_entered");
    show.host.api().post("/api/giveaways/" + id + "/entries").expectProblem(403, "own_lot");

    JsonObject drawn = giveaway;
    long deadline = System.currentTimeMillis() + 9_000;
    while (!"drawn".equals(drawn.getString("status")) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      drawn = TestNode.api().get("/api/giveaways/" + id).expect(200).json();
    }
    assertEquals("drawn", drawn.getString("status"));
    String seed = drawn.getString("seed");
    assertNotNull(seed);
    assertEquals(seedHash, HexFormat.of().formatHex(sha256(seed)), "the published seed matches the hash shown at the start");
    byte[] digest = sha256(seed + ":" + 7);
    int expectedEntry = new BigInteger(1, java.util.Arrays.copyOf(digest, 8)).mod(BigInteger.valueOf(7)).intValue() + 1;
    assertEquals(expectedEntry, drawn.getInteger("winningEntryNo"));
    assertEquals(entrants.get(expectedEntry - 1).id(), drawn.getLong("winnerId"));
    JsonObject entries = TestNode.api().get("/api/giveaways/" + id + "/entries").expect(200).json();
    assertEquals(7, entries.getJsonArray("entries").size());
    TestUser late = Users.create();
    io.showfloor.testing.Shop.saveAddress(late);
    late.api().post("/api/giveaways/" + id + "/entries").expectProblem(409, "giveaway_closed");
    assertTrue(drawn.getString("drawRule").contains("SHA-256"));
  }

  private static byte[] sha256(String text) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
  }
}
