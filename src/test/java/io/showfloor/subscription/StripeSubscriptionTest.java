package io.showfloor.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.StripeFake;
import io.showfloor.testing.StripeNode;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName(
    "Subscriptions through Stripe Billing: Checkout, the portal, webhooks applied once in any order")
@ExtendWith(StripeNode.PerClass.class)
class StripeSubscriptionTest {
  private static final long PRO_CENTS = 1500;
  private final StripeFake stripe = StripeNode.fake();
  private final long t0 = Instant.now().getEpochSecond();
  private final long period1End = t0 + 30 * 86_400;
  private final long period2End = t0 + 60 * 86_400;

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static Api.Response deliver(JsonObject event) {
    String payload = event.encode();
    return StripeNode.api(null)
        .with("Stripe-Signature", StripeFake.signature(payload))
        .send("POST", "/api/webhooks/stripe", payload, "application/json");
  }

  private static JsonObject view(TestUser user) {
    return StripeNode.api(user).get("/api/me/subscription").expect(200).json();
  }

  /** A user who went to Checkout: their Stripe customer id. */
  private static String checkedOut(TestUser user) {
    JsonObject session =
        StripeNode.api(user).post("/api/me/subscription/checkout").expect(200).json();
    assertTrue(
        session.getString("url").startsWith("https://checkout.stripe.com/"), session.encode());
    return TestNode.get()
        .platform()
        .db()
        .one("SELECT stripe_customer_id FROM subscriptions WHERE user_id = $1", Tuple.of(user.id()))
        .await()
        .getString("stripe_customer_id");
  }

  private static long charged(TestUser user) {
    return TestNode.get()
        .platform()
        .db()
        .one(
            """
            SELECT COALESCE(-SUM(e.amount_cents), 0) AS cents FROM ledger_entries e
            JOIN ledger_accounts a ON a.id = e.account_id
            JOIN ledger_transactions t ON t.id = e.transaction_id
            WHERE a.code = 'platform:subscription-revenue' AND t.reference = $1""",
            Tuple.of("subscription:" + user.id()))
        .await()
        .getLong("cents");
  }

  // ---- Stripe's objects, as its webhooks carry them ----

  private JsonObject completed(String customer, String subscription) {
    return stripe.eventAt(
        "checkout.session.completed",
        new JsonObject()
            .put("id", "cs_test_" + subscription)
            .put("object", "checkout.session")
            .put("mode", "subscription")
            .put("customer", customer)
            .put("subscription", subscription)
            .put("payment_status", "paid"),
        t0);
  }

  private JsonObject invoice(
      String type, String id, String customer, String subscription, long periodEnd, long at) {
    boolean paid = "invoice.paid".equals(type);
    return stripe.eventAt(
        type,
        new JsonObject()
            .put("id", id)
            .put("object", "invoice")
            .put("customer", customer)
            .put("subscription", subscription)
            .put("amount_due", PRO_CENTS)
            .put("amount_paid", paid ? PRO_CENTS : 0)
            .put("status", paid ? "paid" : "open")
            .put(
                "lines",
                new JsonObject()
                    .put(
                        "data",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put(
                                        "period",
                                        new JsonObject()
                                            .put("start", periodEnd - 30 * 86_400)
                                            .put("end", periodEnd))))),
        at);
  }

  private JsonObject subscription(
      String type, String customer, String subscription, boolean cancel, long at) {
    return stripe.eventAt(
        type,
        new JsonObject()
            .put("id", subscription)
            .put("object", "subscription")
            .put("customer", customer)
            .put("status", type.endsWith("deleted") ? "canceled" : "active")
            .put("cancel_at_period_end", cancel)
            .put(
                "items",
                new JsonObject()
                    .put(
                        "data",
                        new JsonArray()
                            .add(new JsonObject().put("current_period_end", period1End)))),
        at);
  }

  private static <T> List<List<T>> orders(List<T> items) {
    if (items.size() <= 1) {
      return List.of(items);
    }
    List<List<T>> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<T> rest = new ArrayList<>(items);
      T first = rest.remove(i);
      for (List<T> tail : orders(rest)) {
        List<T> order = new ArrayList<>();
        order.add(first);
        order.addAll(tail);
        all.add(order);
      }
    }
    return all;
  }

  /** Every order of the events made for a fresh checked-out user ends in {@code expected}. */
  private void everyOrder(
      Function<String[], List<JsonObject>> events,
      java.util.function.BiConsumer<TestUser, JsonObject> expected) {
    int count = events.apply(new String[] {"cus", "sub"}).size();
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      indexes.add(i);
    }
    for (List<Integer> order : orders(indexes)) {
      TestUser user = Users.create();
      String customer = checkedOut(user);
      List<JsonObject> made = events.apply(new String[] {customer, "sub_" + customer});
      for (int i : order) {
        JsonObject answer = deliver(made.get(i)).expect(200).json();
        assertFalse(answer.getBoolean("duplicate"), answer.encode());
      }
      // and redelivered (Stripe retries): nothing changes
      for (int i : order) {
        assertTrue(deliver(made.get(i)).expect(200).json().getBoolean("duplicate"));
      }
      try {
        expected.accept(user, view(user));
      } catch (AssertionError e) {
        throw new AssertionError("delivery order " + order + ": " + e.getMessage(), e);
      }
    }
  }

  @Test
  @DisplayName(
      "Checkout in subscription mode for the caller's Stripe customer; the portal link once billing exists; the sandbox actions are refused")
  void checkoutAndPortal() {
    TestUser user = Users.create();
    StripeNode.api(user).post("/api/me/subscription/portal").expectProblem(409, "not_subscribed");
    String customer = checkedOut(user);
    assertTrue(customer.startsWith("cus_"), customer);
    StripeFake.Call call =
        stripe.calls().stream()
            .filter(
                c ->
                    c.path().equals("/v1/checkout/sessions")
                        && customer.equals(c.params().get("customer")))
            .findFirst()
            .orElseThrow();
    assertEquals("subscription", call.params().get("mode"));
    assertEquals(String.valueOf(user.id()), call.params().get("client_reference_id"));
    assertEquals(
        String.valueOf(PRO_CENTS), call.params().get("line_items[0][price_data][unit_amount]"));
    assertEquals("none", view(user).getJsonObject("subscription").getString("status"));
    assertEquals("free", view(user).getString("plan"));
    JsonObject portal = StripeNode.api(user).post("/api/me/subscription/portal").expect(200).json();
    assertTrue(portal.getString("url").startsWith("https://billing.stripe.com/"), portal.encode());
    StripeNode.api(user).post("/api/me/subscription").expectProblem(409, "checkout_required");
    StripeNode.api(user)
        .post("/api/me/subscription/cancel")
        .expectProblem(409, "use_billing_portal");
  }

  @Test
  @DisplayName(
      "checkout completed, first invoice paid, renewal failed then paid: in all 24 orders Pro is active to the second period's end and charged twice")
  void renewalInEveryOrder() {
    everyOrder(
        ids ->
            List.of(
                completed(ids[0], ids[1]),
                invoice("invoice.paid", "in_1_" + ids[0], ids[0], ids[1], period1End, t0),
                invoice(
                    "invoice.payment_failed",
                    "in_2_" + ids[0],
                    ids[0],
                    ids[1],
                    period2End,
                    t0 + 10),
                invoice("invoice.paid", "in_2_" + ids[0], ids[0], ids[1], period2End, t0 + 20)),
        (user, view) -> {
          assertEquals("pro", view.getString("plan"), view.encode());
          JsonObject subscription = view.getJsonObject("subscription");
          assertEquals("active", subscription.getString("status"), view.encode());
          assertEquals(
              Instant.ofEpochSecond(period2End).toString(),
              subscription.getString("currentPeriodEnd"));
          assertEquals(2 * PRO_CENTS, charged(user));
          String customer = customerOf(user);
          assertEquals(1, postings("in_1_" + customer));
          assertEquals(1, postings("in_2_" + customer));
        });
  }

  private static String customerOf(TestUser user) {
    return TestNode.get()
        .platform()
        .db()
        .one("SELECT stripe_customer_id FROM subscriptions WHERE user_id = $1", Tuple.of(user.id()))
        .await()
        .getString("stripe_customer_id");
  }

  @Test
  @DisplayName(
      "cancel at period end, then resumed in the portal, and the checkout: in all 6 orders the newest snapshot wins")
  void cancelAndResumeInEveryOrder() {
    everyOrder(
        ids ->
            List.of(
                completed(ids[0], ids[1]),
                subscription("customer.subscription.updated", ids[0], ids[1], true, t0 + 100),
                subscription("customer.subscription.updated", ids[0], ids[1], false, t0 + 200)),
        (user, view) -> {
          JsonObject subscription = view.getJsonObject("subscription");
          assertEquals("active", subscription.getString("status"), view.encode());
          assertFalse(subscription.getBoolean("cancelAtPeriodEnd"), view.encode());
          assertEquals("pro", view.getString("plan"), view.encode());
        });
  }

  @Test
  @DisplayName(
      "deleted, in any order with checkout and payment, ends Pro for good: cancelled, Free, charged once")
  void deletedInEveryOrder() {
    everyOrder(
        ids ->
            List.of(
                completed(ids[0], ids[1]),
                invoice("invoice.paid", "in_1_" + ids[0], ids[0], ids[1], period1End, t0),
                subscription("customer.subscription.deleted", ids[0], ids[1], false, t0 + 50)),
        (user, view) -> {
          assertEquals("free", view.getString("plan"), view.encode());
          assertEquals("cancelled", view.getJsonObject("subscription").getString("status"));
          assertEquals(PRO_CENTS, charged(user));
        });
  }

  static List<List<Integer>> fourKinds() {
    return orders(List.of(0, 1, 2, 3));
  }

  private static long postings(String invoiceId) {
    return TestNode.get()
        .platform()
        .db()
        .one(
            "SELECT count(*) AS n FROM ledger_transactions WHERE idempotency_key = $1",
            Tuple.of("subscription-invoice:" + invoiceId))
        .await()
        .getLong("n");
  }

  @ParameterizedTest(name = "delivery order {0}")
  @MethodSource("fourKinds")
  @DisplayName(
      "checkout completed, invoice paid, cancel at period end, deleted — in each of the 24 orders (then all again): cancelled, Free, the invoice in the ledger exactly once")
  void fourKindsInEveryOrder(List<Integer> order) {
    TestUser user = Users.create();
    String customer = checkedOut(user);
    String sub = "sub_" + customer;
    String paidInvoice = "in_1_" + customer;
    List<JsonObject> events =
        List.of(
            completed(customer, sub),
            invoice("invoice.paid", paidInvoice, customer, sub, period1End, t0),
            subscription("customer.subscription.updated", customer, sub, true, t0 + 100),
            subscription("customer.subscription.deleted", customer, sub, false, t0 + 200));
    for (int i : order) {
      assertFalse(deliver(events.get(i)).expect(200).json().getBoolean("duplicate"));
    }
    for (int i : order) {
      assertTrue(deliver(events.get(i)).expect(200).json().getBoolean("duplicate"));
    }
    JsonObject view = view(user);
    assertEquals("free", view.getString("plan"), view.encode());
    assertEquals(
        "cancelled", view.getJsonObject("subscription").getString("status"), view.encode());
    assertEquals(PRO_CENTS, charged(user));
    assertEquals(1, postings(paidInvoice));
  }

  @Test
  @DisplayName(
      "a failed renewal keeps Pro through the grace period, then expires it; a late payment does not bring it back")
  void graceThenExpiry() {
    TestUser user = Users.create();
    String customer = checkedOut(user);
    String sub = "sub_" + customer;
    deliver(completed(customer, sub)).expect(200);
    deliver(invoice("invoice.paid", "in_1_" + customer, customer, sub, period1End, t0)).expect(200);
    deliver(
            invoice(
                "invoice.payment_failed", "in_2_" + customer, customer, sub, period2End, t0 + 10))
        .expect(200);
    JsonObject pastDue = view(user);
    assertEquals("pro", pastDue.getString("plan"), pastDue.encode());
    assertEquals("past_due", pastDue.getJsonObject("subscription").getString("status"));
    Instant grace = Instant.parse(pastDue.getJsonObject("subscription").getString("graceUntil"));
    assertTrue(grace.isAfter(Instant.now().plusSeconds(6 * 86_400)), pastDue.encode());

    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE subscriptions SET grace_until = now() - interval '1 second' WHERE user_id = $1",
            Tuple.of(user.id()))
        .await();
    Eventually.until(
        () -> "expired".equals(view(user).getJsonObject("subscription").getString("status")),
        "the sweep expires the subscription when the grace period is over");
    assertEquals("free", view(user).getString("plan"));

    // the renewal is paid after all, too late: recorded and charged, but Pro stays ended
    deliver(invoice("invoice.paid", "in_2_" + customer, customer, sub, period2End, t0 + 20))
        .expect(200);
    assertEquals("expired", view(user).getJsonObject("subscription").getString("status"));
    assertEquals(2 * PRO_CENTS, charged(user));
  }

  @Test
  @DisplayName(
      "a webhook with a bad signature is refused with 400 invalid_signature and changes nothing; another customer's events are ignored")
  void badSignature() {
    TestUser user = Users.create();
    String customer = checkedOut(user);
    String payload = completed(customer, "sub_" + customer).encode();
    StripeNode.api(null)
        .with(
            "Stripe-Signature",
            StripeFake.signature(payload, "whsec_someone_else", Instant.now().getEpochSecond()))
        .send("POST", "/api/webhooks/stripe", payload, "application/json")
        .expectProblem(400, "invalid_signature");
    StripeNode.api(null)
        .send("POST", "/api/webhooks/stripe", payload, "application/json")
        .expectProblem(400, "invalid_signature");
    assertEquals("none", view(user).getJsonObject("subscription").getString("status"));
    JsonObject ignored = deliver(completed("cus_not_ours", "sub_x")).expect(200).json();
    assertTrue(ignored.getString("outcome").startsWith("ignored"), ignored.encode());
    assertEquals(0, charged(user));
  }
}
