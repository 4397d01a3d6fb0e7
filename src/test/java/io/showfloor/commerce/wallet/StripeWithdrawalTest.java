package io.showfloor.commerce.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.StripeFake;
import io.showfloor.testing.StripeNode;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName(
    "Withdrawals with Stripe configured: a Connect transfer to the user's connected account, or the money back in the wallet")
@ExtendWith(StripeNode.PerClass.class)
class StripeWithdrawalTest {
  private final StripeFake stripe = StripeNode.fake();

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  /**
   * A user (seller role, so it can register a connected account today) with a settled Stripe card
   * deposit.
   */
  private static TestUser settled(long cents) {
    TestUser user = Users.create("seller");
    StripeNode.api(user)
        .post(
            "/api/wallet/deposits",
            new JsonObject().put("amountCents", cents).put("paymentMethodId", "pm_card_visa"))
        .expect(201);
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE wallet_deposits SET completed_at = completed_at - interval '73 hours' WHERE user_id = $1",
            Tuple.of(user.id()))
        .await();
    return user;
  }

  private static Api.Response withdraw(TestUser user, long cents) {
    return StripeNode.api(user)
        .with("Idempotency-Key", "sw-" + UUID.randomUUID())
        .post("/api/wallet/withdrawals", new JsonObject().put("amountCents", cents));
  }

  @Test
  @DisplayName(
      "without a connected account it is 409 payout_account_missing; with one, one transfer and one bank payout on that account, paid when payout.paid arrives (once)")
  void transfersOnce() {
    TestUser user = settled(9_000);
    assertEquals(
        "stripe", StripeNode.api(user).get("/api/wallet").expect(200).json().getString("provider"));
    withdraw(user, 2_000).expectProblem(409, "payout_account_missing");
    assertEquals(9_000, LedgerCheck.balance("user:" + user.id() + ":cash"));

    StripeNode.api(user)
        .put("/api/payouts/account", new JsonObject().put("connectedAccountId", "acct_1WalletOut"))
        .expect(200);
    long clearing = LedgerCheck.balance("provider:stripe:clearing");
    JsonObject w = withdraw(user, 2_000).expect(201).json().getJsonObject("withdrawal");
    assertEquals(
        "processing",
        w.getString("status"),
        "on its way to the bank until Stripe's payout webhook");
    assertEquals("stripe", w.getString("provider"));
    assertNull(w.getString("note"), "a real provider carries no sandbox note");
    assertEquals("acct_1WalletOut", w.getString("destination"));
    assertTrue(w.getString("providerTransferId").startsWith("tr_"), w.encode());
    assertTrue(w.getString("providerPayoutId").startsWith("po_"), w.encode());
    List<StripeFake.Call> transfers =
        stripe.calls().stream()
            .filter(
                call ->
                    call.path().equals("/v1/transfers")
                        && ("withdrawal-" + w.getLong("id")).equals(call.idempotencyKey()))
            .toList();
    assertEquals(1, transfers.size());
    assertEquals("2000", transfers.get(0).params().get("amount"));
    assertEquals("acct_1WalletOut", transfers.get(0).params().get("destination"));
    StripeFake.Call bank =
        stripe.calls().stream()
            .filter(
                call ->
                    call.path().equals("/v1/payouts")
                        && ("withdrawal-" + w.getLong("id") + "-payout")
                            .equals(call.idempotencyKey()))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "acct_1WalletOut",
        bank.params().get("header:Stripe-Account"),
        "the payout is made on the connected account");
    assertEquals(String.valueOf(w.getLong("id")), bank.params().get("metadata[withdrawalId]"));
    assertEquals(7_000, LedgerCheck.balance("user:" + user.id() + ":cash"));
    assertEquals(clearing, LedgerCheck.balance("provider:stripe:clearing"), "still in transit");

    JsonObject paid =
        stripe.event("payout.paid", payout(w, "paid")).put("account", "acct_1WalletOut");
    assertEquals(
        "withdrawal " + w.getLong("id") + " paid",
        deliver(paid).expect(200).json().getString("outcome"));
    assertEquals(true, deliver(paid).expect(200).json().getBoolean("duplicate"));
    assertEquals("paid", latest(user).getString("status"));
    assertEquals(clearing - 2_000, LedgerCheck.balance("provider:stripe:clearing"));
    assertEquals(7_000, LedgerCheck.balance("user:" + user.id() + ":cash"));
    Mailbox.await(user.email(), "Your withdrawal of $20.00 is on its way");
  }

  private static JsonObject payout(JsonObject withdrawal, String status) {
    return new JsonObject()
        .put("id", withdrawal.getString("providerPayoutId"))
        .put("object", "payout")
        .put("amount", withdrawal.getLong("amountCents"))
        .put("currency", "usd")
        .put("status", status)
        .put(
            "metadata",
            new JsonObject()
                .put("kind", "withdrawal")
                .put("withdrawalId", String.valueOf(withdrawal.getLong("id"))));
  }

  private static JsonObject latest(TestUser user) {
    return StripeNode.api(user)
        .get("/api/wallet/withdrawals?limit=1")
        .expect(200)
        .json()
        .getJsonArray("items")
        .getJsonObject(0);
  }

  @Test
  @DisplayName(
      "payout.failed reverses the withdrawal through the ledger to the wallet, tells the user, and takes the transfer back")
  void bankPayoutFails() {
    TestUser user = settled(5_000);
    StripeNode.api(user)
        .put("/api/payouts/account", new JsonObject().put("connectedAccountId", "acct_1ClosedBank"))
        .expect(200);
    JsonObject w = withdraw(user, 3_000).expect(201).json().getJsonObject("withdrawal");
    assertEquals("processing", w.getString("status"));
    assertEquals(2_000, LedgerCheck.balance("user:" + user.id() + ":cash"));
    JsonObject failed =
        stripe
            .event(
                "payout.failed",
                payout(w, "failed")
                    .put("failure_code", "account_closed")
                    .put("failure_message", "The bank account has been closed."))
            .put("account", "acct_1ClosedBank");
    assertEquals(
        "withdrawal " + w.getLong("id") + " failed",
        deliver(failed).expect(200).json().getString("outcome"));
    assertEquals(true, deliver(failed).expect(200).json().getBoolean("duplicate"));
    JsonObject after = latest(user);
    assertEquals("failed", after.getString("status"));
    assertEquals("The bank account has been closed.", after.getString("failureReason"));
    assertEquals(5_000, LedgerCheck.balance("user:" + user.id() + ":cash"));
    List<String> kinds =
        TestNode.get()
            .platform()
            .db()
            .query(
                "SELECT kind FROM ledger_transactions WHERE reference = $1 ORDER BY id",
                Tuple.of("withdrawal:" + w.getLong("id")))
            .await()
            .stream()
            .map(r -> r.getString("kind"))
            .toList();
    assertEquals(List.of("withdrawal_requested", "withdrawal_reversed"), kinds);
    Mailbox.await(user.email(), "Your withdrawal of $30.00 could not be sent");
    Eventually.until(
        () ->
            stripe.calls().stream()
                .anyMatch(
                    call ->
                        call.path()
                                .equals(
                                    "/v1/transfers/"
                                        + w.getString("providerTransferId")
                                        + "/reversals")
                            && ("withdrawal-" + w.getLong("id") + "-reversal")
                                .equals(call.idempotencyKey())),
        "the transfer is taken back");
    // a payout event for nothing of ours changes nothing
    JsonObject stray =
        stripe.event(
            "payout.paid",
            new JsonObject()
                .put("id", "po_NotOurs1")
                .put("object", "payout")
                .put("amount", 100)
                .put("status", "paid")
                .put("metadata", new JsonObject()));
    assertTrue(deliver(stray).expect(200).json().getString("outcome").startsWith("ignored"));
  }

  @Test
  @DisplayName(
      "a transfer Stripe refuses leaves the withdrawal failed, reversed through the ledger to the wallet, and the user told")
  void refusedIsReversed() {
    TestUser user = settled(6_000);
    StripeNode.api(user)
        .put("/api/payouts/account", new JsonObject().put("connectedAccountId", "acct_Unknown1234"))
        .expect(200);
    long inTransit = LedgerCheck.balance("platform:payouts-in-transit");
    JsonObject answer = withdraw(user, 6_000).expect(201).json();
    JsonObject w = answer.getJsonObject("withdrawal");
    assertEquals("failed", w.getString("status"));
    assertTrue(w.getString("failureReason").contains("No such destination"), w.encode());
    assertEquals(6_000, answer.getJsonObject("wallet").getLong("availableCents"));
    assertEquals(6_000, LedgerCheck.balance("user:" + user.id() + ":cash"));
    assertEquals(inTransit, LedgerCheck.balance("platform:payouts-in-transit"));
    List<String> kinds =
        TestNode.get()
            .platform()
            .db()
            .query(
                "SELECT kind FROM ledger_transactions WHERE reference = $1 ORDER BY id",
                Tuple.of("withdrawal:" + w.getLong("id")))
            .await()
            .stream()
            .map(r -> r.getString("kind"))
            .toList();
    assertEquals(List.of("withdrawal_requested", "withdrawal_reversed"), kinds);
    assertEquals(
        0,
        answer
            .getJsonObject("wallet")
            .getJsonObject("withdrawals")
            .getLong("withdrawnLast24hCents"),
        "a failed withdrawal does not count against the daily limit");
    Mailbox.await(user.email(), "Your withdrawal of $60.00 could not be sent");
  }

  private static Api.Response deliver(JsonObject event) {
    String payload = event.encode();
    return StripeNode.api(null)
        .with("Stripe-Signature", StripeFake.signature(payload))
        .send("POST", "/api/webhooks/stripe", payload, "application/json");
  }

  @Test
  @DisplayName(
      "Connect Express onboarding: one account, an account link, withdrawals wait for account.updated (signed, applied once)")
  void onboarding() {
    Users.create()
        .api()
        .post("/api/wallet/payout-account")
        .expectProblem(409, "onboarding_unavailable");

    TestUser user = Users.create();
    StripeNode.api(user)
        .post(
            "/api/wallet/deposits",
            new JsonObject().put("amountCents", 4_000).put("paymentMethodId", "pm_card_visa"))
        .expect(201);
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE wallet_deposits SET completed_at = completed_at - interval '73 hours' WHERE user_id = $1",
            Tuple.of(user.id()))
        .await();
    withdraw(user, 1_000).expectProblem(409, "payout_account_missing");

    JsonObject first = StripeNode.api(user).post("/api/wallet/payout-account").expect(200).json();
    String account = first.getString("connectedAccountId");
    assertTrue(account.startsWith("acct_"), first.encode());
    assertTrue(
        first.getString("url").startsWith("https://connect.stripe.com/setup/"), first.encode());
    assertEquals(false, first.getBoolean("payoutsEnabled"));
    JsonObject again = StripeNode.api(user).post("/api/wallet/payout-account").expect(200).json();
    assertEquals(account, again.getString("connectedAccountId"), "one connected account per user");
    List<StripeFake.Call> created =
        stripe.calls().stream()
            .filter(
                call ->
                    call.path().equals("/v1/accounts")
                        && ("connect-account-" + user.id()).equals(call.idempotencyKey()))
            .toList();
    assertEquals(1, created.size());
    assertEquals("express", created.get(0).params().get("type"));
    assertEquals(
        account,
        stripe.calls().stream()
            .filter(call -> call.path().equals("/v1/account_links"))
            .reduce((a, b) -> b)
            .orElseThrow()
            .params()
            .get("account"));

    withdraw(user, 1_000).expectProblem(409, "payout_account_not_ready");
    assertEquals(4_000, LedgerCheck.balance("user:" + user.id() + ":cash"));

    JsonObject enabled =
        stripe.event(
            "account.updated",
            new JsonObject()
                .put("id", account)
                .put("object", "account")
                .put("payouts_enabled", true)
                .put("charges_enabled", true)
                .put("details_submitted", true));
    String payload = enabled.encode();
    StripeNode.api(null)
        .with("Stripe-Signature", "t=1,v1=deadbeef")
        .send("POST", "/api/webhooks/stripe", payload, "application/json")
        .expectProblem(400, "invalid_signature");
    assertEquals(
        false,
        StripeNode.api(user)
            .get("/api/wallet")
            .expect(200)
            .json()
            .getJsonObject("withdrawals")
            .getJsonObject("payoutAccount")
            .getBoolean("payoutsEnabled"),
        "an unsigned event changes nothing");
    assertTrue(
        deliver(enabled).expect(200).json().getString("outcome").contains("payouts enabled"));
    assertEquals(true, deliver(enabled).expect(200).json().getBoolean("duplicate"));
    assertEquals(
        true,
        StripeNode.api(user)
            .get("/api/wallet")
            .expect(200)
            .json()
            .getJsonObject("withdrawals")
            .getJsonObject("payoutAccount")
            .getBoolean("payoutsEnabled"));

    JsonObject w = withdraw(user, 1_000).expect(201).json().getJsonObject("withdrawal");
    assertEquals("processing", w.getString("status"));
    assertEquals(account, w.getString("destination"));
    assertEquals(3_000, LedgerCheck.balance("user:" + user.id() + ":cash"));
  }
}
