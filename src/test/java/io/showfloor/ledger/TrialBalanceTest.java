package io.showfloor.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /api/admin/ledger/trial-balance")
class TrialBalanceTest {

  @Test
  @DisplayName("an admin sees every account with equal debit and credit totals")
  void adminSeesBalancedTotals() {
    var buyer = Users.create();
    buyer.api().post("/api/wallet/deposits", new JsonObject().put("amountCents", 1234)).expect(201);
    JsonObject trial =
        LedgerCheck.admin().api().get("/api/admin/ledger/trial-balance").expect(200).json();
    assertEquals(trial.getLong("totalDebitsCents"), trial.getLong("totalCreditsCents"));
    assertTrue(trial.getLong("totalDebitsCents") >= 1234);
    JsonObject cash =
        trial.getJsonArray("accounts").stream()
            .map(JsonObject.class::cast)
            .filter(a -> a.getString("account").equals("user:" + buyer.id() + ":cash"))
            .findFirst()
            .orElseThrow();
    assertEquals(1234, cash.getLong("balanceCents"));
    assertEquals(1234, cash.getLong("creditCents"));
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName("anyone but an admin is refused")
  void othersRefused() {
    TestNode.api().get("/api/admin/ledger/trial-balance").expectProblem(401, "unauthorized");
    Users.create("seller")
        .api()
        .get("/api/admin/ledger/trial-balance")
        .expectProblem(403, "role_required");
  }
}
