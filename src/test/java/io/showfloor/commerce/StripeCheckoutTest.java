package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Products;
import io.showfloor.testing.Shop;
import io.showfloor.testing.StripeFake;
import io.showfloor.testing.StripeNode;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Checkout through Stripe (stripe-java against a local fake) and its webhooks")
@ExtendWith(StripeNode.PerClass.class)
class StripeCheckoutTest {
  private final StripeFake stripe = StripeNode.fake();

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private record Cart(Users.TestUser buyer, Users.TestUser seller, long productId) {}

  private static Cart cart(long priceCents, int quantity) {
    var buyer = Users.create();
    var seller = Users.create("seller");
    long product = Products.create(seller, priceCents, 10).getLong("id");
    StripeNode.api(buyer)
        .post(
            "/api/cart/items", new JsonObject().put("productId", product).put("quantity", quantity))
        .expect(201);
    return new Cart(buyer, seller, product);
  }

  private static Api.Response deliver(JsonObject event) {
    String payload = event.encode();
    return StripeNode.api(null)
        .with("Stripe-Signature", StripeFake.signature(payload))
        .send("POST", "/api/webhooks/stripe", payload, "application/json");
  }

  private static String intentOf(JsonObject checkout) {
    String secret = checkout.getJsonObject("payment").getString("clientSecret");
    return secret.substring(0, secret.indexOf("_secret_"));
  }

  private static String status(Users.TestUser user, long orderId) {
    return StripeNode.api(user)
        .get("/api/orders/" + orderId)
        .expect(200)
        .json()
        .getString("status");
  }

  @Test
  @DisplayName(
      "a test card is charged once with the key checkout-<id>, and a refund goes through Stripe with its own key")
  void chargeAndRefund() {
    Cart c = cart(2599, 2);
    long clearingBefore = LedgerCheck.balance("provider:stripe:clearing");
    JsonObject answer = Shop.checkout(StripeNode.api(c.buyer()), "pm_card_visa").expect(201).json();
    assertEquals("stripe", answer.getJsonObject("payment").getString("provider"));
    assertEquals("succeeded", answer.getJsonObject("payment").getString("status"));
    long checkoutId = answer.getLong("checkoutId");
    List<StripeFake.Call> creates =
        stripe.calls().stream()
            .filter(
                call ->
                    call.path().equals("/v1/payment_intents")
                        && ("checkout-" + checkoutId).equals(call.idempotencyKey()))
            .toList();
    assertEquals(1, creates.size());
    assertEquals("5198", creates.get(0).params().get("amount"));
    assertEquals("checkout", creates.get(0).params().get("metadata[kind]"));
    assertEquals(clearingBefore + 5198, LedgerCheck.balance("provider:stripe:clearing"));

    long orderId = answer.getJsonArray("orders").getJsonObject(0).getLong("id");
    JsonObject refund =
        StripeNode.api(c.seller())
            .post("/api/orders/" + orderId + "/refund", new JsonObject().put("amountCents", 1000))
            .expect(201)
            .json();
    long refundId = refund.getJsonObject("refund").getLong("id");
    StripeFake.Call call =
        stripe.calls().stream()
            .filter(
                x ->
                    x.path().equals("/v1/refunds")
                        && ("refund-" + refundId).equals(x.idempotencyKey()))
            .findFirst()
            .orElseThrow();
    assertEquals("1000", call.params().get("amount"));
    assertEquals(
        1000,
        stripe
            .charge(answer.getJsonObject("payment").getString("paymentId"))
            .getLong("amount_refunded"));
    assertEquals(clearingBefore + 4198, LedgerCheck.balance("provider:stripe:clearing"));
    // Stripe then reports the refund: already recorded, nothing changes
    JsonObject event =
        stripe.event(
            "charge.refunded",
            stripe.charge(answer.getJsonObject("payment").getString("paymentId")));
    deliver(event).expect(200);
    assertEquals(
        1000,
        StripeNode.api(c.buyer()).get("/api/orders/" + orderId).json().getLong("refundedCents"));
  }

  @Test
  @DisplayName(
      "without a card the buyer gets a client secret; the webhook pays the orders once, even delivered 50 times")
  void browserConfirmsThenWebhook() throws Exception {
    Cart c = cart(1500, 1);
    JsonObject answer = Shop.checkout(StripeNode.api(c.buyer()), null).expect(201).json();
    assertEquals("requires_payment_method", answer.getJsonObject("payment").getString("status"));
    long orderId = answer.getJsonArray("orders").getJsonObject(0).getLong("id");
    assertEquals("pending_payment", status(c.buyer(), orderId));
    String intent = intentOf(answer);
    stripe.confirmInBrowser(intent);
    JsonObject event = stripe.event("payment_intent.succeeded", stripe.intent(intent));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    int applied = 0;
    try {
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        answers.add(pool.submit(() -> deliver(event)));
      }
      for (Future<Api.Response> a : answers) {
        applied += a.get().expect(200).json().getBoolean("duplicate") ? 0 : 1;
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, applied);
    assertEquals("paid", status(c.buyer(), orderId));
    assertEquals(1500 - 120, LedgerCheck.balance("seller:" + c.seller().id() + ":payable"));
    // a late failure report for the same payment changes nothing
    deliver(stripe.event("payment_intent.payment_failed", stripe.intent(intent))).expect(200);
    assertEquals("paid", status(c.buyer(), orderId));
  }

  @Test
  @DisplayName(
      "out of order: a dashboard refund arrives before the success event; both apply, once, in the right order")
  void refundBeforeSuccess() {
    Cart c = cart(4000, 1);
    JsonObject answer = Shop.checkout(StripeNode.api(c.buyer()), null).expect(201).json();
    long orderId = answer.getJsonArray("orders").getJsonObject(0).getLong("id");
    String intent = intentOf(answer);
    stripe.confirmInBrowser(intent);
    JsonObject succeeded = stripe.event("payment_intent.succeeded", stripe.intent(intent));
    JsonObject refunded = stripe.event("charge.refunded", stripe.refundInDashboard(intent, 1500));
    assertTrue(deliver(refunded).expect(200).json().getString("outcome").contains("paid"));
    JsonObject order = StripeNode.api(c.buyer()).get("/api/orders/" + orderId).json();
    assertEquals("partially_refunded", order.getString("status"));
    assertEquals(1500, order.getLong("refundedCents"));
    assertFalse(deliver(succeeded).expect(200).json().getBoolean("duplicate"));
    assertEquals("partially_refunded", status(c.buyer(), orderId));
    assertTrue(deliver(refunded).expect(200).json().getBoolean("duplicate"));
    assertEquals(
        1500,
        StripeNode.api(c.buyer()).get("/api/orders/" + orderId).json().getLong("refundedCents"));
  }

  @Test
  @DisplayName(
      "a failed attempt is noted and the order stays payable; a dispute flags the orders and tells the seller")
  void failedAttemptAndDispute() {
    Cart c = cart(900, 1);
    JsonObject answer = Shop.checkout(StripeNode.api(c.buyer()), null).expect(201).json();
    long orderId = answer.getJsonArray("orders").getJsonObject(0).getLong("id");
    String intent = intentOf(answer);
    deliver(
            stripe.event(
                "payment_intent.payment_failed",
                stripe
                    .intent(intent)
                    .copy()
                    .put(
                        "last_payment_error",
                        new JsonObject()
                            .put("code", "card_declined")
                            .put("decline_code", "insufficient_funds"))))
        .expect(200);
    assertEquals("pending_payment", status(c.buyer(), orderId));
    JsonObject checkout =
        StripeNode.api(c.buyer())
            .get("/api/checkouts/" + answer.getLong("checkoutId"))
            .expect(200)
            .json();
    assertEquals("insufficient_funds", checkout.getJsonObject("payment").getString("failureCode"));

    stripe.confirmInBrowser(intent);
    deliver(stripe.event("payment_intent.succeeded", stripe.intent(intent))).expect(200);
    deliver(stripe.event("charge.dispute.created", stripe.dispute(intent, 900))).expect(200);
    assertEquals(
        "open",
        StripeNode.api(c.seller()).get("/api/orders/" + orderId).json().getString("disputeStatus"));
    assertEquals(
        "order_disputed",
        StripeNode.api(c.seller())
            .get("/api/me/notifications")
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("kind"));
  }

  @Test
  @DisplayName(
      "money that arrives after the order expired is booked as unapplied and refunded automatically")
  void latePayment() {
    Cart c = cart(1200, 1);
    JsonObject answer = Shop.checkout(StripeNode.api(c.buyer()), null).expect(201).json();
    long orderId = answer.getJsonArray("orders").getJsonObject(0).getLong("id");
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1",
            Tuple.of(orderId))
        .await();
    Eventually.until(
        () -> "cancelled".equals(status(c.buyer(), orderId)), "the unpaid order expires");
    String intent = intentOf(answer);
    stripe.confirmInBrowser(intent);
    assertTrue(
        deliver(stripe.event("payment_intent.succeeded", stripe.intent(intent)))
            .expect(200)
            .json()
            .getString("outcome")
            .contains("refunded"));
    Eventually.until(
        () -> stripe.charge(intent).getLong("amount_refunded") == 1200,
        "the late money is refunded at Stripe");
    Eventually.until(
        () ->
            TestNode.get()
                    .platform()
                    .db()
                    .one(
                        "SELECT 1 AS x FROM ledger_transactions WHERE idempotency_key = $1",
                        Tuple.of("checkout:" + answer.getLong("checkoutId") + ":late:refunded"))
                    .await()
                != null,
        "the late refund is booked");
    assertEquals("cancelled", status(c.buyer(), orderId));
    assertEquals(10, Shop.stock(c.productId()));
  }
}
