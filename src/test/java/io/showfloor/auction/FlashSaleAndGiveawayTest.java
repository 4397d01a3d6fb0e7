package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  @DisplayName(
      "500 concurrent buyers for 50 units: exactly 50 are sold, every other buyer hears sold_out")
  void flashSaleNeverOversells() throws Exception {
    AuctionFixture show = AuctionFixture.liveShow();
    long productId =
        show.host
            .api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", "Enamel pin")
                    .put("description", "")
                    .put("category", "pins")
                    .put("priceCents", 800)
                    .put("quantity", 60)
                    .put("imageUrls", new io.vertx.core.json.JsonArray()))
            .expect(201)
            .json()
            .getLong("id");
    JsonObject sale =
        show.host
            .api()
            .post(
                "/api/shows/" + show.showId + "/flash-sales",
                new JsonObject()
                    .put("productId", productId)
                    .put("priceCents", 500)
                    .put("quantity", 50))
            .expect(201)
            .json();
    long saleId = sale.getLong("id");
    List<TestUser> buyers = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      buyers.add(Users.create());
    }
    ExecutorService pool = Executors.newFixedThreadPool(64);
    List<Future<Integer>> answers = new ArrayList<>();
    for (TestUser buyer : buyers) {
      answers.add(
          pool.submit(
              () ->
                  buyer
                      .api()
                      .post(
                          "/api/flash-sales/" + saleId + "/buy",
                          new JsonObject().put("quantity", 1))
                      .status()));
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
    long orders =
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT count(*) AS n FROM flash_sale_purchases WHERE sale_id = $1 AND order_id IS NOT NULL",
                io.vertx.sqlclient.Tuple.of(saleId))
            .await()
            .getLong("n");
    assertEquals(50, orders, "every sale has its order");
  }

  @Test
  @DisplayName(
      "a flash-sale buyer is held to the per-buyer limit and a retried buy with the same key buys once")
  void buyerLimitAndIdempotency() {
    AuctionFixture show = AuctionFixture.liveShow();
    long productId = show.product();
    long saleId =
        show.host
            .api()
            .post(
                "/api/shows/" + show.showId + "/flash-sales",
                new JsonObject()
                    .put("productId", productId)
                    .put("priceCents", 500)
                    .put("quantity", 1))
            .expect(201)
            .json()
            .getLong("id");
    TestUser buyer = Users.create();
    var keyed = buyer.api().with("Idempotency-Key", "tap-1");
    JsonObject first =
        keyed
            .post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 1))
            .expect(201)
            .json();
    JsonObject again =
        keyed
            .post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 1))
            .expect(201)
            .json();
    assertEquals(first.getLong("purchaseId"), again.getLong("purchaseId"));
    Users.create()
        .api()
        .post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 1))
        .expectProblem(409, "sold_out");
    show.host
        .api()
        .post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 1))
        .expectProblem(409, "sold_out");
    buyer
        .api()
        .post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 0))
        .expectProblem(400, "validation_failed");
  }

  @Test
  @DisplayName("a giveaway draws one entrant at its deadline and publishes a seed anyone can check")
  void verifiableGiveaway() throws Exception {
    AuctionFixture show = AuctionFixture.liveShow();
    JsonObject giveaway =
        show.host
            .api()
            .post(
                "/api/shows/" + show.showId + "/giveaways",
                new JsonObject().put("title", "Free film roll").put("durationSeconds", 5))
            .expect(201)
            .json();
    long id = giveaway.getLong("id");
    String seedHash = giveaway.getString("seedHash");
    assertNull(giveaway.getString("seed"), "the seed stays secret until the draw");
    List<TestUser> entrants = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      TestUser user = Users.create();
      entrants.add(user);
      io.showfloor.testing.Shop.saveAddress(user);
      assertEquals(
          i + 1,
          user.api()
              .post("/api/giveaways/" + id + "/entries")
              .expect(201)
              .json()
              .getInteger("entryNo"));
    }
    entrants
        .get(0)
        .api()
        .post("/api/giveaways/" + id + "/entries")
        .expectProblem(409, "already_entered");
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
    assertEquals(
        seedHash,
        HexFormat.of().formatHex(sha256(seed)),
        "the published seed matches the hash shown at the start");
    byte[] digest = sha256(seed + ":" + 7);
    int expectedEntry =
        new BigInteger(1, java.util.Arrays.copyOf(digest, 8)).mod(BigInteger.valueOf(7)).intValue()
            + 1;
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

  @Test
  @DisplayName(
      "a giveaway prize becomes a $0 order with free shipping to the winner's default address, in the winner's orders and the seller's to-ship list, with notices to both")
  void prizeBecomesOrder() throws Exception {
    AuctionFixture show = AuctionFixture.liveShow();
    long productId =
        show.host
            .api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", "Signed vinyl")
                    .put("description", "")
                    .put("category", "music")
                    .put("priceCents", 4_000)
                    .put("quantity", 2)
                    .put("shippingCents", 700)
                    .put("imageUrls", new io.vertx.core.json.JsonArray()))
            .expect(201)
            .json()
            .getLong("id");
    long id =
        show.host
            .api()
            .post(
                "/api/shows/" + show.showId + "/giveaways",
                new JsonObject()
                    .put("title", "Win the vinyl")
                    .put("productId", productId)
                    .put("durationSeconds", 60))
            .expect(201)
            .json()
            .getLong("id");
    assertEquals(1, io.showfloor.testing.Shop.stock(productId), "one unit is held for the winner");

    TestUser winner = Users.create();
    winner.api().post("/api/giveaways/" + id + "/entries").expectProblem(409, "address_required");
    assertEquals(
        0,
        TestNode.api().get("/api/giveaways/" + id).expect(200).json().getInteger("entrantCount"),
        "a refused entry is not counted");
    io.showfloor.testing.Shop.saveAddress(winner);
    winner.api().post("/api/giveaways/" + id + "/entries").expect(201);

    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE giveaways SET ends_at = clock_timestamp() WHERE id = $1",
            io.vertx.sqlclient.Tuple.of(id))
        .await();
    io.showfloor.testing.Eventually.until(
        () ->
            "drawn"
                .equals(
                    TestNode.api()
                        .get("/api/giveaways/" + id)
                        .expect(200)
                        .json()
                        .getString("status")),
        "the giveaway is drawn");
    JsonObject drawn = TestNode.api().get("/api/giveaways/" + id).expect(200).json();
    assertEquals(winner.id(), drawn.getLong("winnerId"));
    long orderId = drawn.getLong("orderId");

    assertEquals("free", drawn.getString("shipping"), "free shipping is the default");
    JsonObject order = winner.api().get("/api/orders/" + orderId).expect(200).json();
    assertEquals("giveaway", order.getString("source"));
    assertEquals("paid", order.getString("status"));
    assertEquals(0, order.getLong("totalCents"));
    assertEquals(0, order.getLong("shippingCents"), "a prize ships free");
    assertEquals(
        io.showfloor.testing.Shop.address().getString("postalCode"),
        order.getJsonObject("shippingAddress").getString("postalCode"));
    assertTrue(
        winner.api().get("/api/orders").expect(200).json().getJsonArray("items").stream()
            .anyMatch(o -> ((JsonObject) o).getLong("id") == orderId),
        "in the winner's orders");
    assertTrue(
        show
            .host
            .api()
            .get("/api/orders?role=seller&status=paid")
            .expect(200)
            .json()
            .getJsonArray("items")
            .stream()
            .anyMatch(o -> ((JsonObject) o).getLong("id") == orderId),
        "in the seller's to-ship list");
    assertEquals(
        1, io.showfloor.testing.Shop.stock(productId), "the held unit went to the prize, no other");

    io.showfloor.testing.Eventually.until(
        () -> hasNotice(winner, "giveaway_won") && hasNotice(show.host, "order_to_ship"),
        "both are told");
    io.showfloor.testing.Mailbox.await(winner.email(), "You won the giveaway");
    show.host
        .api()
        .post(
            "/api/orders/" + orderId + "/ship",
            new JsonObject().put("carrier", "USPS").put("trackingNumber", "9400"))
        .expect(200);
    io.showfloor.testing.LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName(
      "a host who chooses shipping: winner_pays makes the prize a $0 order due for its shipping; the winner is told the amount, pays it at checkout, and the seller is told to ship")
  void winnerPaysShipping() {
    AuctionFixture show = AuctionFixture.liveShow();
    long productId = io.showfloor.testing.Sales.product(show.host, 4_000, 700);
    JsonObject giveaway =
        new JsonObject()
            .put("title", "Win the lamp")
            .put("productId", productId)
            .put("durationSeconds", 60);
    show.host
        .api()
        .post(
            "/api/shows/" + show.showId + "/giveaways", giveaway.copy().put("shipping", "express"))
        .expectProblem(400, "validation_failed");
    JsonObject created =
        show.host
            .api()
            .post(
                "/api/shows/" + show.showId + "/giveaways",
                giveaway.copy().put("shipping", "winner_pays"))
            .expect(201)
            .json();
    assertEquals("winner_pays", created.getString("shipping"));
    long id = created.getLong("id");
    TestUser winner = Users.create();
    io.showfloor.testing.Shop.saveAddress(winner);
    winner.api().post("/api/giveaways/" + id + "/entries").expect(201);
    long orderId = draw(id).getLong("orderId");

    JsonObject order = winner.api().get("/api/orders/" + orderId).expect(200).json();
    assertEquals("giveaway", order.getString("source"));
    assertEquals("pending_payment", order.getString("status"), "due: the winner pays shipping");
    assertEquals(700, order.getLong("totalCents"));
    assertEquals(700, order.getLong("shippingCents"));
    assertEquals(0, order.getJsonArray("lines").getJsonObject(0).getLong("unitPriceCents"));
    assertEquals(
        io.showfloor.testing.Shop.address().getString("postalCode"),
        order.getJsonObject("shippingAddress").getString("postalCode"));
    assertFalse(
        sellerOrders(show.host, "paid").contains(orderId), "nothing to ship before it is paid");
    JsonObject won = notice(winner, "giveaway_won");
    assertEquals(700, won.getJsonObject("payload").getLong("shippingCents"));
    io.showfloor.testing.Mailbox.await(winner.email(), "You won the giveaway");

    JsonObject paid = io.showfloor.testing.Shop.checkout(winner, "pm_card_visa");
    assertEquals(700, paid.getLong("totalCents"), paid.encode());
    assertEquals(
        "paid", winner.api().get("/api/orders/" + orderId).expect(200).json().getString("status"));
    assertTrue(sellerOrders(show.host, "paid").contains(orderId), "in the seller's to-ship list");
    io.showfloor.testing.Eventually.until(
        () -> hasNotice(show.host, "order_paid"), "the seller is told to ship it");
    assertEquals(49, io.showfloor.testing.Shop.stock(productId), "one unit went to the prize");
    io.showfloor.testing.LedgerCheck.assertBalanced();
  }

  private static JsonObject draw(long id) {
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE giveaways SET ends_at = clock_timestamp() WHERE id = $1",
            io.vertx.sqlclient.Tuple.of(id))
        .await();
    io.showfloor.testing.Eventually.until(
        () ->
            "drawn"
                .equals(
                    TestNode.api()
                        .get("/api/giveaways/" + id)
                        .expect(200)
                        .json()
                        .getString("status")),
        "the giveaway is drawn");
    return TestNode.api().get("/api/giveaways/" + id).expect(200).json();
  }

  private static java.util.List<Long> sellerOrders(TestUser seller, String status) {
    return seller
        .api()
        .get("/api/orders?role=seller&status=" + status)
        .expect(200)
        .json()
        .getJsonArray("items")
        .stream()
        .map(o -> ((JsonObject) o).getLong("id"))
        .toList();
  }

  private static JsonObject notice(TestUser user, String kind) {
    return user.api().get("/api/me/notifications").expect(200).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(n -> kind.equals(n.getString("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " notice"));
  }

  private static boolean hasNotice(TestUser user, String kind) {
    return user.api().get("/api/me/notifications").expect(200).json().getJsonArray("items").stream()
        .anyMatch(n -> kind.equals(((JsonObject) n).getString("kind")));
  }
}
