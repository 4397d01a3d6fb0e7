package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.StripeFake;
import io.showfloor.testing.StripeNode;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Stripe: wallet deposits through stripe-java and signed webhooks applied once")
@ExtendWith(StripeNode.PerClass.class)
class StripeWebhookTest {
  private final StripeFake stripe = StripeNode.fake();

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static Api.Response deliver(String payload, String signature) {
    Api api = StripeNode.api(null);
    if (signature != null) {
      api = api.with("Stripe-Signature", signature);
    }
    return api.send("POST", "/api/webhooks/stripe", payload, "application/json");
  }

  private static Api.Response deliver(JsonObject event) {
    String payload = event.encode();
    return deliver(payload, StripeFake.signature(payload));
  }

  private static long cash(Users.TestUser user) {
    return StripeNode.api(user).get("/api/wallet").expect(200).json().getLong("availableCents");
  }

  /** A deposit left for the browser to confirm: returns the PaymentIntent id. */
  private String pendingDeposit(Users.TestUser user, long cents) {
    JsonObject deposit =
        StripeNode.api(user)
            .post("/api/wallet/deposits", new JsonObject().put("amountCents", cents))
            .expect(201)
            .json()
            .getJsonObject("deposit");
    assertEquals("pending", deposit.getString("status"));
    assertTrue(deposit.getString("clientSecret").startsWith("pi_"), deposit.encode());
    return deposit
        .getString("clientSecret")
        .substring(0, deposit.getString("clientSecret").indexOf("_secret_"));
  }

  @Test
  @DisplayName(
      "a deposit with a test card is charged through Stripe with an idempotency key and credited at once")
  void depositWithCard() {
    var user = Users.create();
    JsonObject answer =
        StripeNode.api(user)
            .post(
                "/api/wallet/deposits",
                new JsonObject().put("amountCents", 2500).put("paymentMethodId", "pm_card_visa"))
            .expect(201)
            .json();
    assertEquals("succeeded", answer.getJsonObject("deposit").getString("status"));
    assertEquals("stripe", answer.getJsonObject("deposit").getString("provider"));
    assertEquals(2500, cash(user));
    StripeFake.Call call =
        stripe.calls().stream()
            .filter(
                c ->
                    c.path().equals("/v1/payment_intents")
                        && ("deposit-" + answer.getJsonObject("deposit").getLong("id"))
                            .equals(c.idempotencyKey()))
            .findFirst()
            .orElseThrow();
    assertEquals("true", call.params().get("confirm"));
    assertEquals("deposit", call.params().get("metadata[kind]"));
    assertEquals("2500", call.params().get("amount"));
  }

  @Test
  @DisplayName("a declined card answers 402 card_declined and credits nothing")
  void declinedCard() {
    var user = Users.create();
    StripeNode.api(user)
        .post(
            "/api/wallet/deposits",
            new JsonObject()
                .put("amountCents", 2500)
                .put("paymentMethodId", "pm_card_chargeDeclinedInsufficientFunds"))
        .expectProblem(402, "card_declined");
    StripeNode.api(user)
        .post(
            "/api/wallet/deposits",
            new JsonObject().put("amountCents", 2500).put("paymentMethodId", "pm_made_up_card"))
        .expectProblem(422, "payment_method_invalid");
    assertEquals(0, cash(user));
  }

  @Test
  @DisplayName("payment_intent.succeeded delivered 50 times at once credits the deposit once")
  void duplicatedFiftyTimes() throws Exception {
    var user = Users.create();
    String intent = pendingDeposit(user, 4200);
    stripe.confirmInBrowser(intent);
    JsonObject event = stripe.event("payment_intent.succeeded", stripe.intent(intent));
    String payload = event.encode();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        answers.add(pool.submit(() -> deliver(payload, StripeFake.signature(payload))));
      }
      int applied = 0;
      for (Future<Api.Response> answer : answers) {
        JsonObject body = answer.get().expect(200).json();
        if (!body.getBoolean("duplicate")) {
          applied++;
        }
      }
      assertEquals(1, applied, "exactly one delivery applies the event");
    } finally {
      pool.shutdown();
    }
    assertEquals(4200, cash(user));
  }

  @Test
  @DisplayName(
      "a tampered, replayed, unsigned or wrongly signed delivery is refused with 400 and changes nothing")
  void badSignatures() {
    var user = Users.create();
    String intent = pendingDeposit(user, 1500);
    stripe.confirmInBrowser(intent);
    String payload = stripe.event("payment_intent.succeeded", stripe.intent(intent)).encode();
    String tampered = payload.replace("\"amount\":1500", "\"amount\":150000");
    deliver(tampered, StripeFake.signature(payload)).expectProblem(400, "invalid_signature");
    long tenMinutesAgo = Instant.now().minusSeconds(600).getEpochSecond();
    deliver(payload, StripeFake.signature(payload, StripeFake.WEBHOOK_SECRET, tenMinutesAgo))
        .expectProblem(400, "invalid_signature");
    deliver(payload, null).expectProblem(400, "invalid_signature");
    deliver(
            payload,
            StripeFake.signature(payload, "whsec_someone_else", Instant.now().getEpochSecond()))
        .expectProblem(400, "invalid_signature");
    deliver(payload, "t=abc,v1=zz").expectProblem(400, "invalid_signature");
    assertEquals(0, cash(user));
    deliver(payload, StripeFake.signature(payload)).expect(200);
    assertEquals(1500, cash(user));
  }

  @Test
  @DisplayName(
      "a refund larger than the cash open market buys leave free is kept for review: the holds stay covered")
  void refundAgainstMarketHolds() {
    var user = Users.create();
    String intent = pendingDeposit(user, 30_000);
    stripe.confirmInBrowser(intent);
    deliver(stripe.event("payment_intent.succeeded", stripe.intent(intent))).expect(200);
    String symbol = MarketFixture.listed("RFD").symbol();
    MarketFixture.phase(symbol, "continuous");
    placeOnEitherNode(user, MarketFixture.limit(symbol, "buy", 10_000, 2));
    long free = cash(user);
    assertTrue(free < 15_000 && free > 0, "the buy holds most of the 30000: " + free);

    JsonObject refunded = stripe.event("charge.refunded", stripe.refundInDashboard(intent, 15_000));
    deliver(refunded).expect(200);
    assertEquals(free, cash(user), "nothing taken: the refund would eat into the order's hold");
    JsonObject wallet = StripeNode.api(user).get("/api/wallet").expect(200).json();
    assertEquals(30_000 - free, wallet.getLong("heldCents"), "the hold is whole: " + wallet);
    assertTrue(deliver(refunded).expect(200).json().getBoolean("duplicate"));
    assertEquals(free, cash(user), "left for review, not retried");
  }

  /**
   * The market book may be held by either of the two nodes sharing the database (the test node or
   * the Stripe node, not clustered with each other): the one that does not hold it answers 503.
   */
  private static void placeOnEitherNode(Users.TestUser user, JsonObject order) {
    Api.Response placed = user.api().post("/api/market/orders", order);
    if (placed.status() == 503) {
      placed = StripeNode.api(user).post("/api/market/orders", order);
    }
    placed.expect(201);
  }

  @Test
  @DisplayName(
      "events out of order: a refund before the success event, then success and a late failure change nothing more")
  void outOfOrder() {
    var user = Users.create();
    String intent = pendingDeposit(user, 3000);
    stripe.confirmInBrowser(intent);
    JsonObject succeeded = stripe.event("payment_intent.succeeded", stripe.intent(intent));
    JsonObject failed =
        stripe.event(
            "payment_intent.payment_failed",
            stripe
                .intent(intent)
                .copy()
                .put("status", "requires_payment_method")
                .put(
                    "last_payment_error",
                    new JsonObject()
                        .put("code", "card_declined")
                        .put("decline_code", "generic_decline")));
    JsonObject refunded = stripe.event("charge.refunded", stripe.refundInDashboard(intent, 1000));

    assertEquals(200, deliver(refunded).status());
    assertEquals(2000, cash(user), "the refund implies the payment: credited 3000, refunded 1000");
    assertFalse(deliver(succeeded).expect(200).json().getBoolean("duplicate"));
    deliver(failed).expect(200);
    assertEquals(2000, cash(user));
    assertTrue(deliver(refunded).expect(200).json().getBoolean("duplicate"));
    assertEquals(2000, cash(user));
  }

  @Test
  @DisplayName(
      "a dispute moves the disputed amount from the Stripe balance to the disputes account")
  void dispute() {
    var user = Users.create();
    String intent = pendingDeposit(user, 800);
    stripe.confirmInBrowser(intent);
    deliver(stripe.event("payment_intent.succeeded", stripe.intent(intent))).expect(200);
    long before = LedgerCheck.balance("provider:stripe:disputes");
    JsonObject dispute = stripe.dispute(intent, 800);
    JsonObject event = stripe.event("charge.dispute.created", dispute);
    deliver(event).expect(200);
    deliver(event).expect(200);
    assertEquals(before + 800, LedgerCheck.balance("provider:stripe:disputes"));
  }

  @Test
  @DisplayName(
      "events about payments that are not ours, and unused types, are acknowledged and ignored")
  void foreignEvents() {
    JsonObject foreign =
        stripe.event(
            "payment_intent.succeeded",
            new JsonObject()
                .put("id", "pi_not_ours")
                .put("object", "payment_intent")
                .put("amount", 100)
                .put("metadata", new JsonObject()));
    assertTrue(deliver(foreign).expect(200).json().getString("outcome").startsWith("ignored"));
    JsonObject other =
        stripe.event(
            "customer.created", new JsonObject().put("id", "cus_x").put("object", "customer"));
    assertTrue(deliver(other).expect(200).json().getString("outcome").startsWith("ignored"));
  }

  @Test
  @DisplayName(
      "without a webhook secret (the sandbox node) the webhook answers 404 webhooks_not_configured")
  void sandboxHasNoWebhook() {
    String payload =
        stripe.event("payment_intent.succeeded", new JsonObject().put("id", "pi_x")).encode();
    TestNode.api()
        .with("Stripe-Signature", StripeFake.signature(payload))
        .send("POST", "/api/webhooks/stripe", payload, "application/json")
        .expectProblem(404, "webhooks_not_configured");
  }
}
