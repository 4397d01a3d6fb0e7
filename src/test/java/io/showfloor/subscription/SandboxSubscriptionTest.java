package io.showfloor.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Subscribers;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Subscriptions on the sandbox: subscribe, cancel at period end, resume, renew")
class SandboxSubscriptionTest {
  private static final long PRO_CENTS = 1500;

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static JsonObject view(TestUser user) {
    return user.api().get("/api/me/subscription").expect(200).json();
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

  private static void periodEndsNow(TestUser user) {
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE subscriptions SET current_period_end = now() - interval '1 second'"
                + " WHERE user_id = $1",
            Tuple.of(user.id()))
        .await();
  }

  private static JsonObject analytics() {
    return LedgerCheck.admin()
        .api()
        .get("/api/admin/analytics")
        .expect(200)
        .json()
        .getJsonObject("subscriptions");
  }

  @Test
  @DisplayName(
      "a Free user sees both plans; subscribing makes them Pro at once and charges the Pro price through the ledger")
  void subscribe() {
    TestUser user = Users.create();
    JsonObject before = view(user);
    assertEquals("free", before.getString("plan"));
    assertEquals("sandbox", before.getString("billing"));
    assertNull(before.getValue("subscription"));
    assertEquals(2, before.getJsonArray("plans").size());
    assertEquals(PRO_CENTS, before.getJsonArray("plans").getJsonObject(1).getLong("priceCents"));
    JsonObject figures = analytics();

    JsonObject after = user.api().post("/api/me/subscription").expect(201).json();
    assertEquals("pro", after.getString("plan"));
    JsonObject subscription = after.getJsonObject("subscription");
    assertEquals("active", subscription.getString("status"));
    assertEquals("sandbox", subscription.getString("provider"));
    assertFalse(subscription.getBoolean("cancelAtPeriodEnd"));
    Instant end = Instant.parse(subscription.getString("currentPeriodEnd"));
    assertTrue(
        Math.abs(Duration.between(Instant.now().plus(Duration.ofDays(30)), end).toMinutes()) < 5,
        subscription.encode());
    assertEquals(PRO_CENTS, charged(user));

    JsonObject now = analytics();
    assertEquals(
        figures.getLong("activeSubscribers") + 1, now.getLong("activeSubscribers"), now.encode());
    assertEquals(figures.getLong("mrrCents") + PRO_CENTS, now.getLong("mrrCents"), now.encode());
    assertEquals(figures.getLong("startedSubscribers") + 1, now.getLong("startedSubscribers"));

    // a second subscribe changes nothing
    user.api().post("/api/me/subscription").expectProblem(409, "already_subscribed");
    assertEquals(PRO_CENTS, charged(user));
  }

  @Test
  @DisplayName(
      "cancel keeps Pro until the period ends, resume undoes it; at period end a cancelled subscription becomes Free and counts as churn")
  void cancelAndResume() {
    TestUser user = Subscribers.pro(Users.create());
    JsonObject cancelled = user.api().post("/api/me/subscription/cancel").expect(200).json();
    assertEquals("pro", cancelled.getString("plan"));
    assertTrue(cancelled.getJsonObject("subscription").getBoolean("cancelAtPeriodEnd"));
    user.api().post("/api/me/subscription/cancel").expectProblem(409, "already_cancelled");

    JsonObject resumed = user.api().post("/api/me/subscription/resume").expect(200).json();
    assertFalse(resumed.getJsonObject("subscription").getBoolean("cancelAtPeriodEnd"));
    user.api().post("/api/me/subscription/resume").expectProblem(409, "not_cancelled");

    user.api().post("/api/me/subscription/cancel").expect(200);
    JsonObject figures = analytics();
    periodEndsNow(user);
    io.showfloor.testing.Eventually.until(
        () -> "cancelled".equals(view(user).getJsonObject("subscription").getString("status")),
        "the sweep ends the cancelled subscription at period end");
    JsonObject ended = view(user);
    assertEquals("free", ended.getString("plan"));
    assertEquals(PRO_CENTS, charged(user), "no renewal was charged");
    assertEquals(
        figures.getLong("churnedSubscribers") + 1, analytics().getLong("churnedSubscribers"));
    // Free again: export is refused (the plan cache was told)
    user.api().get("/api/me/market/export?kind=fills").expectProblem(403, "pro_required");
    // and subscribing again starts a new period
    assertEquals("pro", Subscribers.pro(user) == user ? view(user).getString("plan") : "");
    assertEquals(2 * PRO_CENTS, charged(user));
  }

  @Test
  @DisplayName("a sandbox subscription not cancelled renews at period end and charges once more")
  void renews() {
    TestUser user = Subscribers.pro(Users.create());
    String firstEnd = view(user).getJsonObject("subscription").getString("currentPeriodEnd");
    periodEndsNow(user);
    io.showfloor.testing.Eventually.until(
        () -> charged(user) == 2 * PRO_CENTS, "the sweep renews and charges the next period");
    JsonObject renewed = view(user);
    assertEquals("pro", renewed.getString("plan"));
    assertEquals("active", renewed.getJsonObject("subscription").getString("status"));
    assertTrue(
        Instant.parse(renewed.getJsonObject("subscription").getString("currentPeriodEnd"))
            .isAfter(Instant.now().plus(Duration.ofDays(29))),
        renewed.encode() + " after " + firstEnd);
  }

  @Test
  @DisplayName(
      "cancel or resume without Pro, and the Stripe-only actions on the sandbox, answer 409 with a stable code and change nothing")
  void badInput() {
    TestUser user = Users.create();
    user.api().post("/api/me/subscription/cancel").expectProblem(409, "not_subscribed");
    user.api().post("/api/me/subscription/resume").expectProblem(409, "not_subscribed");
    user.api().post("/api/me/subscription/checkout").expectProblem(409, "stripe_not_configured");
    user.api().post("/api/me/subscription/portal").expectProblem(409, "stripe_not_configured");
    TestNode.api().get("/api/me/subscription").expectProblem(401, "unauthorized");
    Users.unverified().api().post("/api/me/subscription").expectProblem(403, "email_not_verified");
    assertNull(view(user).getValue("subscription"));
    assertEquals(0, charged(user));
  }
}
