package io.showfloor.auction;

import static io.showfloor.auction.AuctionFixture.bidUpTo;
import static io.showfloor.auction.AuctionFixture.lot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A won lot left unpaid, and the runner-up offer")
class UnpaidLotTest {
  private AuctionFixture show;
  private TestUser alice;
  private TestUser bob;

  @BeforeEach
  void liveShowWithTwoBidders() {
    show = AuctionFixture.liveShow();
    alice = Users.create();
    bob = Users.create();
  }

  @AfterEach
  void ledgerStaysBalanced() {
    LedgerCheck.assertBalanced();
  }

  /**
   * Alice bids up to 25.00, Bob up to 40.00: Bob wins at 26.00 and has no saved card, so his order
   * waits.
   */
  private long lotWonByBob() throws InterruptedException {
    long lotId = show.openLot(1_000, 60).getLong("id");
    bidUpTo(alice, lotId, 1_000, 2_500);
    bidUpTo(bob, lotId, 1_050, 4_000);
    JsonObject closed = AuctionFixture.runOut(lotId);
    assertEquals("sold", closed.getString("status"));
    assertEquals(bob.id(), closed.getLong("winnerId"));
    return lotId;
  }

  private static JsonObject order(TestUser buyer, long orderId) {
    return buyer.api().get("/api/orders/" + orderId).expect(200).json();
  }

  private static String status(long lotId) {
    return lot(lotId).getString("status");
  }

  private static boolean notified(TestUser user, String kind, long lotId) {
    return user.api().get("/api/me/notifications").expect(200).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .anyMatch(
            n ->
                kind.equals(n.getString("kind"))
                    && n.getJsonObject("payload") != null
                    && Long.valueOf(lotId).equals(n.getJsonObject("payload").getLong("lotId")));
  }

  /** Closes the order's payment window now, as if its hours had passed. */
  private static void windowCloses(long orderId) {
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1",
            Tuple.of(orderId))
        .await();
  }

  /** Waits long enough for several unpaid-lot sweeps (200 ms apart in tests) to have run. */
  private static void severalSweepsLater() throws InterruptedException {
    Thread.sleep(1_200);
  }

  @Test
  @DisplayName(
      "ending the show leaves a won lot payable; the seller cancels it with a reason the winner reads, and the runner-up can buy the lot at their own maximum")
  void showEndKeepsWindowThenSellerCancelsAndRunnerUpPays() throws Exception {
    long lotId = lotWonByBob();
    JsonObject sold = lot(lotId);
    long bobOrder = sold.getLong("orderId");
    long productId = sold.getLong("productId");
    assertEquals("pending_payment", order(bob, bobOrder).getString("status"));
    assertFalse(sold.getBoolean("runnerUpOfferPossible"));
    show.host
        .api()
        .post("/api/lots/" + lotId + "/runner-up-offer")
        .expectProblem(409, "lot_not_unpaid");

    try (TestSocket viewer = TestSocket.open(TestNode.get().port())) {
      viewer.subscribe("lot:" + lotId);
      show.host.api().post("/api/shows/" + show.showId + "/end").expect(200);
      severalSweepsLater();
      assertEquals("sold", status(lotId), "the show's end does not take the lot back");
      assertEquals(
          "pending_payment",
          order(bob, bobOrder).getString("status"),
          "the order is inside its window");
      assertFalse(notified(bob, "lot_unpaid", lotId));

      // only the seller, with a reason, can release it before the window ends
      bob.api()
          .post("/api/orders/" + bobOrder + "/cancel")
          .expectProblem(409, "order_not_cancellable");
      alice
          .api()
          .post("/api/orders/" + bobOrder + "/cancel", new JsonObject().put("reason", "mine"))
          .expectProblem(404, "order_not_found");
      show.host
          .api()
          .post("/api/orders/" + bobOrder + "/cancel")
          .expectProblem(400, "reason_required");
      show.host
          .api()
          .post("/api/orders/" + bobOrder + "/cancel", new JsonObject().put("reason", "   "))
          .expectProblem(400, "reason_required");
      show.host
          .api()
          .post(
              "/api/orders/" + bobOrder + "/cancel",
              new JsonObject().put("reason", "x").put("extra", 1))
          .expectProblem(400, "validation_failed");
      assertEquals(
          "pending_payment", order(bob, bobOrder).getString("status"), "refusals change nothing");
      JsonObject cancelledBySeller =
          show.host
              .api()
              .post(
                  "/api/orders/" + bobOrder + "/cancel",
                  new JsonObject()
                      .put("reason", "The buyer asked me to; it will go to the next bidder"))
              .expect(200)
              .json();
      assertEquals("cancelled", cancelledBySeller.getString("status"));
      show.host
          .api()
          .post("/api/orders/" + bobOrder + "/cancel", new JsonObject().put("reason", "again"))
          .expectProblem(409, "order_not_cancellable");

      JsonObject unpaidFrame = viewer.nextMatching(f -> "lot.unpaid".equals(f.getString("type")));
      assertEquals("unpaid", unpaidFrame.getJsonObject("data").getString("status"));
      assertTrue(unpaidFrame.getJsonObject("data").getBoolean("runnerUpOfferPossible"));

      JsonObject cancelled = order(bob, bobOrder);
      assertEquals("cancelled", cancelled.getString("status"));
      assertEquals("cancelled_by_seller", cancelled.getString("cancelReason"));
      assertEquals(
          "The buyer asked me to; it will go to the next bidder",
          cancelled.getString("cancelNote"));
      assertEquals(1, Shop.stock(productId), "the unit is back in stock");
      assertTrue(notified(bob, "lot_unpaid", lotId));
      Mailbox.await(bob.email(), "Your won lot was cancelled");
      JsonObject mail = Mailbox.await(bob.email(), "was cancelled by the seller");
      assertTrue(
          mail.encode().contains("The buyer asked me to"), "the mail gives the seller's reason");

      bob.api().post("/api/lots/" + lotId + "/runner-up-offer").expectProblem(403, "not_show_host");
      var offerApi = show.host.api().with("Idempotency-Key", "offer-" + lotId);
      var made = offerApi.post("/api/lots/" + lotId + "/runner-up-offer").expect(201);
      JsonObject offer = made.json().getJsonObject("offer");
      assertEquals("offered", made.json().getString("status"));
      assertEquals(alice.id(), offer.getLong("runnerUpId"));
      assertEquals(
          2_500, offer.getLong("priceCents"), "alice's own maximum, below the 26.00 hammer");
      assertEquals(bob.id(), offer.getLong("defaultedWinnerId"));
      assertEquals("offered", offer.getString("status"));
      assertEquals(0, Shop.stock(productId), "the offer's order holds the unit");

      var again = offerApi.post("/api/lots/" + lotId + "/runner-up-offer").expect(201);
      assertEquals("true", again.header("Idempotent-Replayed"));
      assertEquals(
          offer.getLong("orderId"), again.json().getJsonObject("offer").getLong("orderId"));
      show.host
          .api()
          .with("Idempotency-Key", "another")
          .post("/api/lots/" + lotId + "/runner-up-offer")
          .expectProblem(409, "offer_exists");
      show.host
          .api()
          .post("/api/lots/" + lotId + "/runner-up-offer")
          .expectProblem(409, "offer_exists");

      JsonObject offeredFrame = viewer.nextMatching(f -> "lot.offered".equals(f.getString("type")));
      assertEquals(
          alice.id(),
          offeredFrame.getJsonObject("data").getJsonObject("offer").getLong("runnerUpId"));
      assertEquals("offered", lot(lotId).getJsonObject("offer").getString("status"));
      assertTrue(notified(alice, "runner_up_offer", lotId));
      Mailbox.await(alice.email(), "offered to you");

      long aliceOrder = offer.getLong("orderId");
      assertEquals("pending_payment", order(alice, aliceOrder).getString("status"));
      assertEquals(2_500, order(alice, aliceOrder).getLong("itemsCents"));
      JsonObject paid = Shop.checkout(alice, "pm_card_visa");
      assertEquals("succeeded", paid.getJsonObject("payment").getString("status"));

      JsonObject acceptedFrame =
          viewer.nextMatching(f -> "lot.offer_accepted".equals(f.getString("type")));
      assertEquals("sold", acceptedFrame.getJsonObject("data").getString("status"));
    }
    JsonObject after = lot(lotId);
    assertEquals("sold", after.getString("status"));
    assertEquals(alice.id(), after.getLong("winnerId"));
    assertEquals(2_500, after.getLong("hammerPriceCents"));
    assertEquals(after.getJsonObject("offer").getLong("orderId"), after.getLong("orderId"));
    assertEquals("accepted", after.getJsonObject("offer").getString("status"));
    show.host
        .api()
        .post("/api/lots/" + lotId + "/runner-up-offer")
        .expectProblem(409, "offer_exists");
  }

  @Test
  @DisplayName(
      "an order whose payment window closes makes the lot unpaid while the show is live; the runner-up declines and the lot ends unsold")
  void windowExpiresThenRunnerUpDeclines() throws Exception {
    long lotId = lotWonByBob();
    JsonObject sold = lot(lotId);
    long productId = sold.getLong("productId");
    windowCloses(sold.getLong("orderId"));
    Eventually.until(
        () -> "unpaid".equals(status(lotId)), "the lot becomes unpaid when its order expires");
    assertEquals("payment_expired", order(bob, sold.getLong("orderId")).getString("cancelReason"));
    assertTrue(notified(bob, "lot_unpaid", lotId));
    assertTrue(
        notified(show.host, "lot_unpaid_seller", lotId), "the seller hears they may offer it");

    JsonObject offered =
        show.host.api().post("/api/lots/" + lotId + "/runner-up-offer").expect(201).json();
    long aliceOrder = offered.getJsonObject("offer").getLong("orderId");
    bob.api()
        .post("/api/lots/" + lotId + "/runner-up-offer/decline")
        .expectProblem(403, "not_runner_up");

    JsonObject declined =
        alice.api().post("/api/lots/" + lotId + "/runner-up-offer/decline").expect(200).json();
    assertEquals("unsold", declined.getString("status"));
    assertEquals("declined", declined.getJsonObject("offer").getString("status"));
    assertEquals("cancelled", order(alice, aliceOrder).getString("status"));
    assertEquals("offer_declined", order(alice, aliceOrder).getString("cancelReason"));
    assertEquals(1, Shop.stock(productId));
    assertEquals(
        "unsold",
        alice
            .api()
            .post("/api/lots/" + lotId + "/runner-up-offer/decline")
            .expect(200)
            .json()
            .getString("status"),
        "declining twice answers the same");
    assertTrue(notified(show.host, "runner_up_offer_declined", lotId));
    show.host
        .api()
        .post("/api/lots/" + lotId + "/runner-up-offer")
        .expectProblem(409, "offer_exists");
    // nothing is left for alice to pay
    Shop.checkout(alice.api(), "pm_card_visa").expectProblem(422, "cart_empty");
  }

  @Test
  @DisplayName("an offer the runner-up lets expire ends the lot unsold and gives the unit back")
  void offerExpires() throws Exception {
    long lotId = lotWonByBob();
    JsonObject sold = lot(lotId);
    show.host.api().post("/api/shows/" + show.showId + "/end").expect(200);
    windowCloses(lot(lotId).getLong("orderId"));
    Eventually.until(
        () -> "unpaid".equals(status(lotId)), "the lot becomes unpaid when its window closes");
    long aliceOrder =
        show.host
            .api()
            .post("/api/lots/" + lotId + "/runner-up-offer")
            .expect(201)
            .json()
            .getJsonObject("offer")
            .getLong("orderId");
    windowCloses(aliceOrder);
    Eventually.until(
        () -> "unsold".equals(status(lotId)), "the lot ends unsold when the offer expires");
    assertEquals("expired", lot(lotId).getJsonObject("offer").getString("status"));
    assertEquals(1, Shop.stock(sold.getLong("productId")));
    alice
        .api()
        .post("/api/lots/" + lotId + "/runner-up-offer/decline")
        .expectProblem(409, "offer_not_open");
  }

  @Test
  @DisplayName(
      "offers sent at once make one offer and one order: retries with the same key get it, other keys get 409")
  void concurrentOffersMakeOne() throws Exception {
    long lotId = lotWonByBob();
    show.host.api().post("/api/shows/" + show.showId + "/end").expect(200);
    windowCloses(lot(lotId).getLong("orderId"));
    Eventually.until(
        () -> "unpaid".equals(status(lotId)), "the lot becomes unpaid when its window closes");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<io.showfloor.testing.Api.Response>> answers =
          new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String key = i % 2 == 0 ? "same-key" : "key-" + i;
        answers.add(
            pool.submit(
                () ->
                    show.host
                        .api()
                        .with("Idempotency-Key", key)
                        .post("/api/lots/" + lotId + "/runner-up-offer")));
      }
      java.util.Set<Long> orderIds = new java.util.HashSet<>();
      int created = 0;
      int conflicts = 0;
      for (var answer : answers) {
        var response = answer.get();
        if (response.status() == 201) {
          created++;
          orderIds.add(response.json().getJsonObject("offer").getLong("orderId"));
        } else {
          assertEquals(
              "offer_exists", response.expectProblem(409, "offer_exists").getString("code"));
          conflicts++;
        }
      }
      assertEquals(1, orderIds.size(), "one offer, one order");
      assertTrue(created >= 1 && created + conflicts == 8);
      long offerOrders =
          TestNode.get()
              .platform()
              .db()
              .one(
                  "SELECT count(*) AS n FROM orders WHERE source_ref = $1",
                  Tuple.of("offer:" + lotId))
              .await()
              .getLong("n");
      assertEquals(1, offerOrders);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("a lot with a single bidder has no runner-up to offer it to")
  void noRunnerUp() throws Exception {
    long lotId = show.openLot(1_000, 60).getLong("id");
    bidUpTo(bob, lotId, 1_000, 4_000);
    assertEquals("sold", AuctionFixture.runOut(lotId).getString("status"));
    show.host.api().post("/api/shows/" + show.showId + "/end").expect(200);
    windowCloses(lot(lotId).getLong("orderId"));
    Eventually.until(
        () -> "unpaid".equals(status(lotId)), "the lot becomes unpaid when its window closes");
    assertFalse(lot(lotId).getBoolean("runnerUpOfferPossible"));
    assertNull(lot(lotId).getJsonObject("offer"));
    show.host
        .api()
        .post("/api/lots/" + lotId + "/runner-up-offer")
        .expectProblem(409, "no_runner_up");
    TestNode.api()
        .post("/api/lots/" + lotId + "/runner-up-offer")
        .expectProblem(401, "unauthorized");
    bob.api()
        .post("/api/lots/" + lotId + "/runner-up-offer/decline")
        .expectProblem(404, "offer_not_found");
    show.host.api().post("/api/lots/999999999/runner-up-offer").expectProblem(404, "lot_not_found");
    bob.api()
        .post("/api/lots/999999999/runner-up-offer/decline")
        .expectProblem(404, "lot_not_found");
    show.host.api().post("/api/lots/0/runner-up-offer").expectProblem(400, "validation_failed");
  }

  @Test
  @DisplayName("a winner charged on their saved card keeps the lot when the show ends")
  void paidWinnerKeepsLot() throws Exception {
    bob.api()
        .post("/api/me/cards", new JsonObject().put("paymentMethodId", "pm_card_visa"))
        .expect(201);
    // a charge without a checkout needs the default address the order takes
    Shop.saveAddress(bob);
    long lotId = lotWonByBob();
    long orderId = lot(lotId).getLong("orderId");
    Eventually.until(
        () -> "paid".equals(order(bob, orderId).getString("status")), "the saved card is charged");
    assertEquals(
        Shop.address().getString("postalCode"),
        order(bob, orderId).getJsonObject("shippingAddress").getString("postalCode"));
    show.host.api().post("/api/shows/" + show.showId + "/end").expect(200);
    Eventually.until(
        () ->
            TestNode.get()
                    .platform()
                    .db()
                    .one("SELECT awaiting_payment FROM lots WHERE id = $1", Tuple.of(lotId))
                    .await()
                    .getBoolean("awaiting_payment")
                == Boolean.FALSE,
        "the sweep has seen the payment");
    assertEquals("sold", status(lotId));
    assertEquals("paid", order(bob, orderId).getString("status"));
    show.host
        .api()
        .post("/api/lots/" + lotId + "/runner-up-offer")
        .expectProblem(409, "lot_not_unpaid");
  }

  @Test
  @DisplayName(
      "a winner with a saved card but no default address is not charged: the order, with no address, waits in the cart and the seller cannot ship it")
  void savedCardWithoutAddressIsNotCharged() throws Exception {
    bob.api()
        .post("/api/me/cards", new JsonObject().put("paymentMethodId", "pm_card_visa"))
        .expect(201);
    long lotId;
    try (io.showfloor.testing.CapturedLogs logs = io.showfloor.testing.CapturedLogs.capture()) {
      lotId = lotWonByBob();
      long won = lotId;
      Eventually.until(
          () ->
              !logs.lines(
                      l ->
                          l.getString("message", "")
                                  .startsWith("No off-session charge for lot:" + won)
                              && l.getString("message").contains("address"))
                  .isEmpty(),
          "the charge is refused for want of an address");
    }
    long orderId = lot(lotId).getLong("orderId");
    JsonObject due = order(bob, orderId);
    assertEquals("pending_payment", due.getString("status"), "nothing was charged");
    assertNull(due.getJsonObject("shippingAddress"));
    show.host
        .api()
        .post(
            "/api/orders/" + orderId + "/ship",
            new JsonObject().put("carrier", "USPS").put("trackingNumber", "1"))
        .expectProblem(409, "order_state");
    // the checkout asks for the address and pays the order
    JsonObject paid = Shop.checkout(bob, "pm_card_visa");
    assertEquals("succeeded", paid.getJsonObject("payment").getString("status"));
    JsonObject order = order(bob, orderId);
    assertEquals("paid", order.getString("status"));
    assertEquals(
        Shop.address().getString("postalCode"),
        order.getJsonObject("shippingAddress").getString("postalCode"));
  }

  @Test
  @DisplayName(
      "a buy-now order keeps its payment window when the host ends the show seconds later: the buyer pays it afterwards")
  void buyNowSurvivesShowEnd() throws Exception {
    long lotId =
        show.start(
                show.queue(
                        new JsonObject()
                            .put("startingPriceCents", 100_000)
                            .put("durationSeconds", 60)
                            .put("mode", "standard")
                            .put("buyNowPriceCents", 900_000))
                    .getLong("id"))
            .getLong("id");
    JsonObject bought = bob.api().post("/api/lots/" + lotId + "/buy-now").expect(200).json();
    assertEquals("sold", bought.getString("status"));
    long orderId = bought.getLong("orderId");
    JsonObject due = order(bob, orderId);
    assertEquals("pending_payment", due.getString("status"));
    assertEquals(900_000, due.getLong("itemsCents"));
    assertTrue(
        java.time.Instant.parse(due.getString("expiresAt"))
            .isAfter(java.time.Instant.now().plusSeconds(3600)),
        "the window is commerce.lotPaymentHours long");

    show.host.api().post("/api/shows/" + show.showId + "/end").expect(200);
    severalSweepsLater();
    assertEquals("sold", status(lotId));
    assertEquals(
        "pending_payment",
        order(bob, orderId).getString("status"),
        "the show's end does not cancel it");

    JsonObject paid = Shop.checkout(bob, "pm_card_visa");
    assertEquals("succeeded", paid.getJsonObject("payment").getString("status"));
    assertEquals("paid", order(bob, orderId).getString("status"));
    Eventually.until(
        () ->
            TestNode.get()
                    .platform()
                    .db()
                    .one("SELECT awaiting_payment FROM lots WHERE id = $1", Tuple.of(lotId))
                    .await()
                    .getBoolean("awaiting_payment")
                == Boolean.FALSE,
        "the sweep has seen the payment");
    assertEquals("sold", status(lotId));
    assertEquals(bob.id(), lot(lotId).getLong("winnerId"));
  }
}
