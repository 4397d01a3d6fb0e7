package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.commerce.order.Deliveries;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Sales;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Delivery is confirmed by the buyer or automatically, never by the seller; the payout hold runs from it")
class DeliveryConfirmationTest {
  private static final long DAY = 86_400;

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  /** A sale: its seller, its buyer and the order. */
  private record Sale(TestUser seller, TestUser buyer, long orderId, long net) {}

  private static Sale sale(long priceCents) {
    TestUser seller = Users.create("seller");
    TestUser buyer = Users.create();
    long orderId = Sales.buy(buyer, Sales.product(seller, priceCents, 0), 1);
    return new Sale(seller, buyer, orderId, Sales.sellerNet(priceCents, 1, 0));
  }

  private static JsonObject ship(Sale s) {
    return s.seller()
        .api()
        .post(
            "/api/orders/" + s.orderId() + "/ship",
            new JsonObject().put("carrier", "UPS").put("trackingNumber", "1Z" + s.orderId()))
        .expect(200)
        .json();
  }

  private static JsonObject order(TestUser who, long orderId) {
    return who.api().get("/api/orders/" + orderId).expect(200).json();
  }

  private static JsonObject balance(TestUser seller) {
    return seller.api().get("/api/payouts/balance").expect(200).json();
  }

  /** The seller's order_delivered notifications for this order (payloads). */
  private static List<JsonObject> deliveredNotices(TestUser seller, long orderId) {
    return seller
        .api()
        .get("/api/me/notifications?limit=100")
        .expect(200)
        .json()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(n -> "order_delivered".equals(n.getString("kind")))
        .map(n -> n.getJsonObject("payload"))
        .filter(p -> p.getLong("orderId") == orderId)
        .toList();
  }

  private static void moveShipping(long orderId, long secondsBack) {
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE orders SET shipped_at = now() - make_interval(secs => $2) WHERE id = $1",
            Tuple.of(orderId, (double) secondsBack))
        .await();
  }

  @Test
  @DisplayName(
      "the seller cannot mark their own order delivered: 403 buyer_confirms_delivery, and the money stays on hold")
  void sellerCannotConfirm() {
    Sale s = sale(4_000);
    ship(s);
    // a month after payment: the old rule released money after holdDays even without delivery
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE orders SET paid_at = now() - interval '30 days' WHERE id = $1",
            Tuple.of(s.orderId()))
        .await();
    s.seller()
        .api()
        .post("/api/orders/" + s.orderId() + "/deliver")
        .expectProblem(403, "buyer_confirms_delivery");
    Users.create("admin")
        .api()
        .post("/api/orders/" + s.orderId() + "/deliver")
        .expectProblem(403, "buyer_confirms_delivery");
    JsonObject seen = order(s.seller(), s.orderId());
    assertEquals("shipped", seen.getString("status"));
    assertNull(seen.getString("deliveredAt"));
    assertNull(seen.getString("payableAt"));
    JsonObject b = balance(s.seller());
    assertEquals(0, b.getLong("availableCents"));
    assertEquals(s.net(), b.getLong("pendingCents"));
    assertTrue(deliveredNotices(s.seller(), s.orderId()).isEmpty());
  }

  @Test
  @DisplayName(
      "the buyer confirms a shipped order: the seller is told when the money is payable, and it is, holdDays later")
  void buyerConfirms() {
    Sale s = sale(6_000);
    String deliver = "/api/orders/" + s.orderId() + "/deliver";
    s.buyer().api().post(deliver).expectProblem(409, "order_state"); // not shipped yet
    Users.create()
        .api()
        .post(deliver)
        .expectProblem(404, "order_not_found"); // someone else's order
    Users.create("seller").api().post(deliver).expectProblem(404, "order_not_found");
    JsonObject shipped = ship(s);
    assertEquals(
        Instant.parse(shipped.getString("shippedAt")).plus(Duration.ofDays(14)),
        Instant.parse(order(s.buyer(), s.orderId()).getString("autoDeliverAt")),
        "the buyer sees when it confirms itself");

    JsonObject delivered = s.buyer().api().post(deliver).expect(200).json();
    assertEquals("delivered", delivered.getString("status"));
    assertEquals("buyer", delivered.getString("deliveryConfirmedBy"));
    assertNull(delivered.getString("autoDeliverAt"));
    assertFalse(
        delivered.containsKey("payableAt"), "the buyer does not see the seller's payout timing");
    Instant deliveredAt = Instant.parse(delivered.getString("deliveredAt"));
    s.buyer().api().post(deliver).expectProblem(409, "order_state"); // once

    List<JsonObject> told = deliveredNotices(s.seller(), s.orderId());
    assertEquals(1, told.size());
    assertEquals("buyer", told.get(0).getString("confirmedBy"));
    Instant payableAt = deliveredAt.plus(Duration.ofDays(Sales.holdDays()));
    assertEquals(payableAt, Instant.parse(told.get(0).getString("payableAt")));
    assertEquals(payableAt, Instant.parse(order(s.seller(), s.orderId()).getString("payableAt")));

    assertEquals(
        s.net(), balance(s.seller()).getLong("pendingCents"), "the hold starts at delivery");
    Sales.ageDelivery(s.orderId(), Sales.holdDays() * DAY - 60);
    assertEquals(0, balance(s.seller()).getLong("availableCents"), "a minute before the hold ends");
    Sales.ageDelivery(s.orderId(), 120);
    assertEquals(s.net(), balance(s.seller()).getLong("availableCents"));
  }

  @Test
  @DisplayName(
      "a shipped order that was partly refunded can still be confirmed, and stays partially_refunded")
  void partlyRefundedShippedOrder() {
    Sale s = sale(5_000);
    ship(s);
    s.seller()
        .api()
        .post("/api/orders/" + s.orderId() + "/refund", new JsonObject().put("amountCents", 1_000))
        .expect(201);
    JsonObject delivered =
        s.buyer().api().post("/api/orders/" + s.orderId() + "/deliver").expect(200).json();
    assertEquals("partially_refunded", delivered.getString("status"));
    assertEquals("buyer", delivered.getString("deliveryConfirmedBy"));
    assertEquals(1, deliveredNotices(s.seller(), s.orderId()).size());
  }

  @Test
  @DisplayName(
      "a shipped order nobody confirms is delivered automatically autoDeliverDays after shipping, not before")
  void autoDelivery() throws InterruptedException {
    Sale s = sale(3_000);
    ship(s);
    moveShipping(s.orderId(), 14 * DAY - 3_600); // an hour early
    Thread.sleep(2_500); // the test node sweeps every second
    assertEquals("shipped", order(s.buyer(), s.orderId()).getString("status"));

    moveShipping(s.orderId(), 14 * DAY + 60);
    Eventually.until(
        () -> "delivered".equals(order(s.buyer(), s.orderId()).getString("status")),
        "auto-delivery");
    JsonObject seen = order(s.seller(), s.orderId());
    assertEquals("automatic", seen.getString("deliveryConfirmedBy"));
    List<JsonObject> told = deliveredNotices(s.seller(), s.orderId());
    assertEquals(1, told.size());
    assertEquals("automatic", told.get(0).getString("confirmedBy"));
    assertEquals(
        Instant.parse(seen.getString("deliveredAt")).plus(Duration.ofDays(Sales.holdDays())),
        Instant.parse(seen.getString("payableAt")));
    s.buyer()
        .api()
        .post("/api/orders/" + s.orderId() + "/deliver")
        .expectProblem(409, "order_state");
    assertEquals(
        s.net(),
        balance(s.seller()).getLong("pendingCents"),
        "the hold runs from the automatic delivery");
  }

  @Test
  @DisplayName(
      "sweeps of several nodes and the buyers' clicks racing deliver each order exactly once")
  void exactlyOnce() throws Exception {
    List<Sale> sales = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Sale s = sale(2_000 + i);
      ship(s);
      moveShipping(s.orderId(), 15 * DAY);
      sales.add(s);
    }
    List<Deliveries> otherNodes =
        List.of(
            CommerceAccess.deliveries(), CommerceAccess.deliveries(), CommerceAccess.deliveries());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<CompletableFuture<Integer>> clicks = new ArrayList<>();
      for (Sale s : sales) {
        clicks.add(
            CompletableFuture.supplyAsync(
                () -> s.buyer().api().post("/api/orders/" + s.orderId() + "/deliver").status(),
                pool));
      }
      List<Future<Integer>> sweeps = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        otherNodes.forEach(node -> sweeps.add(node.confirmOverdue()));
      }
      Future.all(sweeps).await();
      for (CompletableFuture<Integer> click : clicks) {
        int status = click.join();
        assertTrue(
            status == 200 || status == 409,
            "a click is either first or finds it delivered: " + status);
      }
    } finally {
      pool.shutdownNow();
    }
    for (Sale s : sales) {
      JsonObject seen = order(s.seller(), s.orderId());
      assertEquals("delivered", seen.getString("status"));
      List<JsonObject> told = deliveredNotices(s.seller(), s.orderId());
      assertEquals(1, told.size(), "one notice for order " + s.orderId());
      assertEquals(seen.getString("deliveryConfirmedBy"), told.get(0).getString("confirmedBy"));
    }
    assertEquals(0, otherNodes.get(0).confirmOverdue().await(), "nothing left to confirm");
  }
}
