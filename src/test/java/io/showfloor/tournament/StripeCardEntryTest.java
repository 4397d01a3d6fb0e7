package io.showfloor.tournament;

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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Paid tournament entry by card through Stripe: PaymentIntent, webhook, refund")
@ExtendWith(StripeNode.PerClass.class)
class StripeCardEntryTest {
  private static final long FEE = 1_250;
  private final StripeFake stripe = StripeNode.fake();

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static long paidTournament() {
    JsonObject body =
        new JsonObject()
            .put("name", "Card cup " + UUID.randomUUID().toString().substring(0, 6))
            .put("startsAt", Instant.now().plusSeconds(3600).toString())
            .put("endsAt", Instant.now().plusSeconds(7200).toString())
            .put("entryFeeCents", FEE)
            .put("startingCashCents", 100_000)
            .put("marketMaker", false)
            .put(
                "instruments",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("base", "GLD")
                            .put("name", "Gold")
                            .put("referencePriceCents", 1000)));
    return StripeNode.api(LedgerCheck.admin())
        .post("/api/tournaments", body)
        .expect(201)
        .json()
        .getLong("id");
  }

  private static Api.Response enter(TestUser user, long id, String key, JsonObject body) {
    return StripeNode.api(user)
        .with("Idempotency-Key", key)
        .post("/api/tournaments/" + id + "/entries", body.put("paymentMethod", "card"));
  }

  private static Api.Response deliver(String payload, String signature) {
    return StripeNode.api(null)
        .with("Stripe-Signature", signature)
        .send("POST", "/api/webhooks/stripe", payload, "application/json");
  }

  private JsonObject succeeded(String paymentId) {
    return stripe.event("payment_intent.succeeded", stripe.intent(paymentId).copy());
  }

  private static JsonArray entries(long id) {
    return TestNode.api()
        .get("/api/tournaments/" + id + "/entries")
        .expect(200)
        .json()
        .getJsonArray("items");
  }

  /** What the tournament's movements left on Stripe's clearing account (debit positive). */
  private static long clearing(long id) {
    return TestNode.get()
        .platform()
        .db()
        .one(
            """
            SELECT COALESCE(SUM(e.amount_cents), 0) AS cents FROM ledger_entries e
            JOIN ledger_accounts a ON a.id = e.account_id JOIN ledger_transactions t ON t.id = e.transaction_id
            WHERE a.code = 'provider:stripe:clearing' AND t.reference = $1""",
            Tuple.of("tournament:" + id))
        .await()
        .getLong("cents");
  }

  private long refundedOnCard(String paymentId) {
    return stripe.charge(paymentId).getLong("amount_refunded");
  }

  @Test
  @DisplayName(
      "a card the browser confirms: 202 with the client secret, the entry made once by the signed webhook, a retry answers it, a card confirmed at once is not entered twice, a late payment to a cancelled tournament and every entry are refunded to the card")
  void confirmedByWebhookAndRefunded() {
    long id = paidTournament();
    TestUser a = Users.create();
    TestUser b = Users.create();
    TestUser late = Users.create();

    // a: no payment method yet, so the browser confirms (Stripe Elements)
    JsonObject pending = enter(a, id, "card-a-" + id, new JsonObject()).expect(202).json();
    assertEquals("requires_confirmation", pending.getString("status"));
    String paymentA = pending.getString("paymentId");
    assertTrue(
        pending.getString("clientSecret").startsWith(paymentA + "_secret_"), pending.encode());
    assertEquals(FEE, pending.getLong("amountCents"));
    JsonObject metadata = stripe.intent(paymentA).getJsonObject("metadata");
    assertEquals("tournament_entry", metadata.getString("kind"));
    assertEquals(String.valueOf(id), metadata.getString("tournamentId"));
    assertEquals(0, entries(id).size());
    assertEquals(0, LedgerCheck.balance("tournament:" + id + ":prize-pool"));

    stripe.confirmInBrowser(paymentA);
    String payload = succeeded(paymentA).encode();
    // a forged or unsigned delivery is refused and enters nobody
    deliver(payload, StripeFake.signature(payload, "whsec_forged", Instant.now().getEpochSecond()))
        .expectProblem(400, "invalid_signature");
    assertEquals(0, entries(id).size());
    JsonObject applied = deliver(payload, StripeFake.signature(payload)).expect(200).json();
    assertFalse(applied.getBoolean("duplicate"), applied.encode());
    assertTrue(applied.getString("outcome").contains("paid by card"), applied.encode());
    assertTrue(
        deliver(payload, StripeFake.signature(payload)).expect(200).json().getBoolean("duplicate"));
    JsonArray entered = entries(id);
    assertEquals(1, entered.size());
    assertEquals(a.id(), entered.getJsonObject(0).getLong("userId"));
    assertEquals("card", entered.getJsonObject(0).getString("paidWith"));
    assertEquals(FEE, LedgerCheck.balance("tournament:" + id + ":prize-pool"));
    assertEquals(FEE, clearing(id));
    assertEquals(
        100_000,
        StripeNode.api(a)
            .get("/api/tournaments/" + id + "/me")
            .expect(200)
            .json()
            .getLong("cashCents"));
    // the browser's retry with the same key answers the entry, charging nothing more
    Api.Response retry = enter(a, id, "card-a-" + id, new JsonObject()).expect(201);
    assertEquals("true", retry.header("Idempotent-Replayed"));
    enter(a, id, "card-a-again-" + id, new JsonObject()).expectProblem(409, "already_entered");

    // b: a card confirmed at once enters at once; Stripe's webhook for it then changes nothing
    JsonObject entryB =
        enter(b, id, "card-b-" + id, new JsonObject().put("paymentMethodId", "pm_card_visa"))
            .expect(201)
            .json();
    assertEquals("card", entryB.getString("paidWith"));
    String paymentB =
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT payment_id FROM tournament_entries WHERE tournament_id = $1 AND user_id = $2",
                Tuple.of(id, b.id()))
            .await()
            .getString("payment_id");
    String payloadB = succeeded(paymentB).encode();
    JsonObject again = deliver(payloadB, StripeFake.signature(payloadB)).expect(200).json();
    assertTrue(again.getString("outcome").contains("already made"), again.encode());
    assertEquals(2, entries(id).size());
    assertEquals(2 * FEE, LedgerCheck.balance("tournament:" + id + ":prize-pool"));

    // late: pays after the tournament was cancelled; the entry is refused and the card refunded
    String paymentLate =
        enter(late, id, "card-late-" + id, new JsonObject())
            .expect(202)
            .json()
            .getString("paymentId");
    JsonObject cancelled =
        StripeNode.api(LedgerCheck.admin())
            .post("/api/tournaments/" + id + "/cancel")
            .expect(200)
            .json();
    assertEquals(2 * FEE, cancelled.getLong("refundedCents"));
    stripe.confirmInBrowser(paymentLate);
    String payloadLate = succeeded(paymentLate).encode();
    JsonObject refused = deliver(payloadLate, StripeFake.signature(payloadLate)).expect(200).json();
    assertTrue(refused.getString("outcome").contains("tournament_not_open"), refused.encode());
    assertEquals(2, entries(id).size());

    // every card gets its fee back; the pool and the clearing account are square
    Eventually.until(() -> refundedOnCard(paymentA) == FEE, "a's card is refunded");
    Eventually.until(() -> refundedOnCard(paymentB) == FEE, "b's card is refunded");
    Eventually.until(() -> refundedOnCard(paymentLate) == FEE, "the late card is refunded");
    assertEquals(0, LedgerCheck.balance("tournament:" + id + ":prize-pool"));
    assertEquals(0, clearing(id));
    assertEquals(0, LedgerCheck.balance("user:" + a.id() + ":cash"));
  }
}
