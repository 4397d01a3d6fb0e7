package io.showfloor.commerce.dispute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Sales;
import io.showfloor.testing.Shop;
import io.showfloor.testing.StripeFake;
import io.showfloor.testing.StripeNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName(
    "Card disputes freeze the seller's money in the ledger and settle once when won or lost, in any order of delivery")
@ExtendWith(StripeNode.PerClass.class)
class DisputeTest {
  private static final long PRICE = 4_000;
  private static final long SHIPPING = 500;
  private static final long TOTAL = PRICE + SHIPPING;
  private static final long NET = Sales.sellerNet(PRICE, 1, SHIPPING);
  private final StripeFake stripe = StripeNode.fake();

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private record Sale(TestUser seller, TestUser buyer, long orderId, String intent) {}

  /**
   * Paid by card through Stripe, shipped, delivered and past the payout hold: all of it payable
   * now.
   */
  private static Sale clearedSale() {
    TestUser seller = Users.create("seller");
    TestUser buyer = Users.create();
    Shop.add(buyer, Sales.product(seller, PRICE, SHIPPING), 1);
    JsonObject checkout = Shop.checkout(StripeNode.api(buyer), "pm_card_visa").expect(201).json();
    long orderId = checkout.getJsonArray("orders").getJsonObject(0).getLong("id");
    Sales.clear(seller, orderId);
    return new Sale(
        seller, buyer, orderId, checkout.getJsonObject("payment").getString("paymentId"));
  }

  private static Api.Response deliver(JsonObject event) {
    String payload = event.encode();
    return StripeNode.api(null)
        .with("Stripe-Signature", StripeFake.signature(payload))
        .send("POST", "/api/webhooks/stripe", payload, "application/json");
  }

  private static JsonObject balance(TestUser seller) {
    return seller.api().get("/api/payouts/balance").expect(200).json();
  }

  private static long account(String code) {
    return LedgerCheck.balance(code);
  }

  private static List<JsonObject> notices(TestUser user, String kind) {
    return user
        .api()
        .get("/api/me/notifications?limit=100")
        .expect(200)
        .json()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(n -> kind.equals(n.getString("kind")))
        .toList();
  }

  private static long refundRows(long orderId) {
    return StripeNode.get()
        .platform()
        .db()
        .one("SELECT count(*) AS n FROM refunds WHERE order_id = $1", Tuple.of(orderId))
        .await()
        .getLong("n");
  }

  private static JsonObject queueItem(TestUser moderator, long disputeId) {
    for (String status : List.of("open", "actioned")) {
      for (Object o :
          moderator
              .api()
              .get(
                  "/api/moderation/queue?status="
                      + status
                      + "&targetType=payment_dispute&limit=200")
              .expect(200)
              .json()
              .getJsonArray("items")) {
        if (((JsonObject) o).getLong("targetId") == disputeId) {
          return (JsonObject) o;
        }
      }
    }
    throw new AssertionError("no queue item for dispute " + disputeId);
  }

  @Test
  @DisplayName(
      "opened (twice): the seller's share is held and no payout includes it; the evidence is in the queue; won (twice): released")
  void heldThenWon() {
    Sale s = clearedSale();
    assertEquals(NET, balance(s.seller()).getLong("availableCents"));
    long disputes = account("provider:stripe:disputes");
    long clearing = account("provider:stripe:clearing");
    JsonObject dispute = stripe.dispute(s.intent(), TOTAL);
    JsonObject created = stripe.event("charge.dispute.created", dispute);
    deliver(created).expect(200);
    assertTrue(deliver(created).expect(200).json().getBoolean("duplicate"));

    assertEquals(
        0, balance(s.seller()).getLong("availableCents"), "a payout cannot include disputed money");
    assertEquals(0, account("seller:" + s.seller().id() + ":payable"));
    assertEquals(NET, account("seller:" + s.seller().id() + ":dispute-hold"));
    assertEquals(disputes + TOTAL, account("provider:stripe:disputes"));
    assertEquals(clearing - TOTAL, account("provider:stripe:clearing"));
    s.seller()
        .api()
        .with("Idempotency-Key", "po-" + s.orderId())
        .post("/api/payouts", new JsonObject().put("amountCents", NET))
        .expectProblem(422, "insufficient_funds");
    assertEquals(
        "open",
        s.buyer()
            .api()
            .get("/api/orders/" + s.orderId())
            .expect(200)
            .json()
            .getString("disputeStatus"));
    s.buyer()
        .api()
        .post(
            "/api/orders/" + s.orderId() + "/return-requests",
            new JsonObject().put("reason", "damaged").put("message", "broken"))
        .expectProblem(409, "order_disputed");
    // frozen: the seller cannot refund it meanwhile either (a lost dispute would pay twice)
    s.seller()
        .api()
        .with("Idempotency-Key", "refund-" + s.orderId())
        .post("/api/orders/" + s.orderId() + "/refund", new JsonObject())
        .expectProblem(409, "order_disputed");
    assertEquals(0, refundRows(s.orderId()));
    assertEquals(NET, account("seller:" + s.seller().id() + ":dispute-hold"));
    assertEquals(1, notices(s.seller(), "order_disputed").size());
    assertEquals(1, notices(s.buyer(), "dispute_opened").size());

    TestUser moderator = Users.create("moderator");
    long disputeId =
        notices(s.seller(), "order_disputed").get(0).getJsonObject("payload").getLong("disputeId");
    JsonObject item = queueItem(moderator, disputeId);
    assertEquals("open", item.getString("status"));
    JsonObject evidence = item.getJsonObject("target").getJsonArray("orders").getJsonObject(0);
    assertEquals(s.orderId(), evidence.getLong("orderId"));
    assertEquals("1Z" + s.orderId(), evidence.getString("trackingNumber"));
    assertEquals("buyer", evidence.getString("deliveryConfirmedBy"));
    assertEquals(TOTAL, item.getJsonObject("target").getLong("amountCents"));

    JsonObject closed = stripe.event("charge.dispute.closed", dispute.copy().put("status", "won"));
    deliver(closed).expect(200);
    assertTrue(deliver(closed).expect(200).json().getBoolean("duplicate"));
    deliver(stripe.event("charge.dispute.closed", dispute.copy().put("status", "won")))
        .expect(200); // another event id
    assertEquals(NET, balance(s.seller()).getLong("availableCents"));
    assertEquals(0, account("seller:" + s.seller().id() + ":dispute-hold"));
    assertEquals(disputes, account("provider:stripe:disputes"));
    assertEquals(clearing, account("provider:stripe:clearing"));
    assertEquals(
        "won",
        s.buyer()
            .api()
            .get("/api/orders/" + s.orderId())
            .expect(200)
            .json()
            .getString("disputeStatus"));
    assertEquals("actioned", queueItem(moderator, disputeId).getString("status"));
    assertEquals(1, notices(s.seller(), "dispute_closed").size());
  }

  @Test
  @DisplayName(
      "lost, its closing delivered before its opening and both twice: refunded through the order once, the seller's share reversed")
  void lostOutOfOrder() {
    Sale s = clearedSale();
    long fees = account("platform:fees");
    long disputes = account("provider:stripe:disputes");
    long clearing = account("provider:stripe:clearing");
    JsonObject dispute = stripe.dispute(s.intent(), TOTAL);
    JsonObject closed = stripe.event("charge.dispute.closed", dispute.copy().put("status", "lost"));
    JsonObject created = stripe.event("charge.dispute.created", dispute);
    deliver(closed).expect(200);
    deliver(created).expect(200);
    deliver(closed).expect(200);
    deliver(created).expect(200);

    JsonObject order = s.buyer().api().get("/api/orders/" + s.orderId()).expect(200).json();
    assertEquals("refunded", order.getString("status"));
    assertEquals(TOTAL, order.getLong("refundedCents"));
    assertEquals("lost", order.getString("disputeStatus"));
    assertEquals(
        0,
        account("seller:" + s.seller().id() + ":payable"),
        "the seller's share is gone, to the cent");
    assertEquals(0, account("seller:" + s.seller().id() + ":dispute-hold"));
    assertEquals(0, balance(s.seller()).getLong("availableCents"));
    assertEquals(
        fees - Sales.fee(PRICE),
        account("platform:fees"),
        "the platform fee is reversed as in a refund");
    assertEquals(disputes, account("provider:stripe:disputes"));
    assertEquals(
        clearing - TOTAL,
        account("provider:stripe:clearing"),
        "the card network gave the buyer their money");
    assertEquals(1, notices(s.buyer(), "order_refunded").size());
    assertEquals(1, notices(s.seller(), "dispute_closed").size());
    // no refund went out through Stripe: the bank already gave it back
    assertTrue(
        stripe.calls().stream()
            .noneMatch(
                c -> c.path().equals("/v1/refunds") && c.params().containsValue(s.intent())));
  }
}
