package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The wallet: deposits through the sandbox payment provider")
class WalletTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName("a new user's wallet is empty and says which provider it uses")
  void emptyWallet() {
    JsonObject wallet = Users.create().api().get("/api/wallet").expect(200).json();
    assertEquals(0, wallet.getLong("availableCents"));
    assertEquals(0, wallet.getLong("balanceCents"));
    assertEquals("sandbox", wallet.getString("provider"));
  }

  @Test
  @DisplayName("a sandbox deposit completes at once and shows in the balance and history")
  void depositCompletes() {
    var user = Users.create();
    JsonObject answer =
        user.api()
            .post("/api/wallet/deposits", new JsonObject().put("amountCents", 5000))
            .expect(201)
            .json();
    assertEquals("succeeded", answer.getJsonObject("deposit").getString("status"));
    assertEquals("sandbox", answer.getJsonObject("deposit").getString("provider"));
    JsonObject wallet = user.api().get("/api/wallet").expect(200).json();
    assertEquals(5000, wallet.getLong("availableCents"));
    assertEquals("deposit", wallet.getJsonArray("history").getJsonObject(0).getString("kind"));
    assertEquals(5000, LedgerCheck.balance("user:" + user.id() + ":cash"));
  }

  @Test
  @DisplayName("a retried deposit with the same Idempotency-Key credits once")
  void idempotentDeposit() {
    var user = Users.create();
    var api = user.api().with("Idempotency-Key", "deposit-once-1");
    api.post("/api/wallet/deposits", new JsonObject().put("amountCents", 700)).expect(201);
    var replay =
        api.post("/api/wallet/deposits", new JsonObject().put("amountCents", 700)).expect(201);
    assertEquals("true", replay.header("Idempotent-Replayed"));
    assertEquals(700, user.api().get("/api/wallet").json().getLong("availableCents"));
    api.post("/api/wallet/deposits", new JsonObject().put("amountCents", 800))
        .expectProblem(409, "idempotency_key_reused");
  }

  @Test
  @DisplayName("a declined test card answers 402 card_declined and credits nothing")
  void declined() {
    var user = Users.create();
    user.api()
        .post(
            "/api/wallet/deposits",
            new JsonObject()
                .put("amountCents", 900)
                .put("paymentMethodId", "pm_card_chargeDeclined"))
        .expectProblem(402, "card_declined");
    user.api()
        .post(
            "/api/wallet/deposits",
            new JsonObject().put("amountCents", 900).put("paymentMethodId", "pm_card_made_up"))
        .expectProblem(422, "payment_method_invalid");
    assertEquals(0, user.api().get("/api/wallet").json().getLong("availableCents"));
  }

  @Test
  @DisplayName("bad deposit requests are refused with problem+json and change nothing")
  void badInput() {
    var user = Users.create();
    TestNode.api()
        .post("/api/wallet/deposits", new JsonObject().put("amountCents", 500))
        .expectProblem(401, "unauthorized");
    TestNode.api().get("/api/wallet").expectProblem(401, "unauthorized");
    Users.unverified()
        .api()
        .post("/api/wallet/deposits", new JsonObject().put("amountCents", 500))
        .expectProblem(403, "email_not_verified");
    for (JsonObject bad :
        new JsonObject[] {
          new JsonObject(),
          new JsonObject().put("amountCents", -5),
          new JsonObject().put("amountCents", 0),
          new JsonObject().put("amountCents", 10_000_001),
          new JsonObject().put("amountCents", "100"),
          new JsonObject().put("amountCents", 12.5),
          new JsonObject().put("amountCents", 500).put("extra", true),
          new JsonObject().put("amountCents", 500).put("paymentMethodId", "pm card; drop")
        }) {
      user.api().post("/api/wallet/deposits", bad).expectProblem(400, "validation_failed");
    }
    user.api().send("POST", "/api/wallet/deposits", "{not json", "application/json").expect(400);
    assertEquals(0, user.api().get("/api/wallet").json().getLong("availableCents"));
  }
}
