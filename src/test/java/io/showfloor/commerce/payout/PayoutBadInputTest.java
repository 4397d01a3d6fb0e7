package io.showfloor.commerce.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Sales;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bad input to the payout endpoints gets 4xx problem+json and moves no money")
class PayoutBadInputTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static TestUser sellerWithCleared() {
    TestUser seller = Users.create("seller");
    Sales.clear(seller, Sales.sold(seller, 2_500, 1, 0));
    return seller;
  }

  private static long payable(TestUser seller) {
    return LedgerCheck.balance("seller:" + seller.id() + ":payable");
  }

  @Test
  @DisplayName(
      "balance and history: anonymous callers get 401, viewers 403 role_required, bad paging 400")
  void readEndpoints() {
    Api anonymous = TestNode.api();
    anonymous.get("/api/payouts/balance").expectProblem(401, "unauthorized");
    anonymous.get("/api/payouts").expectProblem(401, "unauthorized");
    TestUser viewer = Users.create();
    viewer.api().get("/api/payouts/balance").expectProblem(403, "role_required");
    viewer.api().get("/api/payouts").expectProblem(403, "role_required");
    TestUser seller = Users.create("seller");
    for (String query : List.of("limit=0", "limit=201", "limit=x", "before=0", "status=sent")) {
      seller.api().get("/api/payouts?" + query).expectProblem(400, "validation_failed");
    }
    Users.create("creator").api().get("/api/payouts/balance").expect(200);
  }

  @Test
  @DisplayName(
      "a payout request without a key, with a malformed body, below the minimum or above what is available is refused")
  void requestPayout() {
    TestUser seller = sellerWithCleared();
    long before = payable(seller);
    Api keyed = seller.api().with("Idempotency-Key", "bad-" + UUID.randomUUID());
    TestNode.api()
        .with("Idempotency-Key", "k")
        .post("/api/payouts", new JsonObject().put("amountCents", 1_000))
        .expectProblem(401, "unauthorized");
    Users.create()
        .api()
        .with("Idempotency-Key", "k")
        .post("/api/payouts", new JsonObject().put("amountCents", 1_000))
        .expectProblem(403, "role_required");
    seller
        .api()
        .post("/api/payouts", new JsonObject().put("amountCents", 1_000))
        .expectProblem(400, "idempotency_key_required");
    for (JsonObject bad :
        List.of(
            new JsonObject(),
            new JsonObject().put("amountCents", 0),
            new JsonObject().put("amountCents", -5),
            new JsonObject().put("amountCents", "1000"),
            new JsonObject().put("amountCents", 10.5),
            new JsonObject().put("amountCents", 100_000_000_001L),
            new JsonObject().put("amountCents", 1_000).put("userId", 1))) {
      keyed.post("/api/payouts", bad).expectProblem(400, "validation_failed");
    }
    keyed.send("POST", "/api/payouts", "{\"amountCents\":", "application/json").expect(400);
    seller
        .api()
        .with("Idempotency-Key", "x".repeat(201))
        .post("/api/payouts", new JsonObject().put("amountCents", 1_000))
        .expectProblem(400, "validation_failed");
    keyed
        .post("/api/payouts", new JsonObject().put("amountCents", 999))
        .expectProblem(422, "payout_below_minimum");
    keyed
        .post("/api/payouts", new JsonObject().put("amountCents", before + 1))
        .expectProblem(422, "insufficient_funds");
    assertEquals(before, payable(seller), "nothing was taken off the payable");
    assertEquals(0, seller.api().get("/api/payouts").json().getJsonArray("items").size());
  }

  @Test
  @DisplayName("a connected account id must look like acct_…, and the body takes nothing else")
  void registerAccount() {
    TestNode.api()
        .put("/api/payouts/account", new JsonObject().put("connectedAccountId", "acct_1Abc234Def"))
        .expectProblem(401, "unauthorized");
    Users.create()
        .api()
        .put("/api/payouts/account", new JsonObject().put("connectedAccountId", "acct_1Abc234Def"))
        .expectProblem(403, "role_required");
    TestUser seller = Users.create("seller");
    for (JsonObject bad :
        List.of(
            new JsonObject(),
            new JsonObject().put("connectedAccountId", "cus_1Abc234Def"),
            new JsonObject().put("connectedAccountId", "acct_"),
            new JsonObject().put("connectedAccountId", "acct_12"),
            new JsonObject().put("connectedAccountId", "acct_1Abc 234"),
            new JsonObject().put("connectedAccountId", "acct_" + "a".repeat(65)),
            new JsonObject().put("connectedAccountId", 42),
            new JsonObject().put("connectedAccountId", "acct_1Abc234Def").put("country", "US"))) {
      seller.api().put("/api/payouts/account", bad).expectProblem(400, "validation_failed");
    }
    assertEquals(
        null, seller.api().get("/api/payouts/balance").json().getString("connectedAccountId"));
  }

  @Test
  @DisplayName(
      "admin endpoints: only admins, unknown payouts 404, malformed ids, filters and reasons 400")
  void adminEndpoints() {
    TestUser seller = sellerWithCleared();
    long id =
        seller
            .api()
            .with("Idempotency-Key", "adm-" + UUID.randomUUID())
            .post("/api/payouts", new JsonObject().put("amountCents", 1_000))
            .expect(201)
            .json()
            .getLong("id");
    long payable = payable(seller);
    for (Api notAdmin : List.of(seller.api(), Users.create("moderator").api())) {
      notAdmin.get("/api/admin/payouts").expectProblem(403, "role_required");
      notAdmin.post("/api/admin/payouts/" + id + "/approve").expectProblem(403, "role_required");
      notAdmin.post("/api/admin/payouts/" + id + "/reject").expectProblem(403, "role_required");
    }
    TestNode.api().get("/api/admin/payouts").expectProblem(401, "unauthorized");
    TestNode.api().post("/api/admin/payouts/" + id + "/approve").expectProblem(401, "unauthorized");
    Api admin = LedgerCheck.admin().api();
    admin.get("/api/admin/payouts?status=everything").expectProblem(400, "validation_failed");
    admin.get("/api/admin/payouts?limit=500").expectProblem(400, "validation_failed");
    admin.post("/api/admin/payouts/abc/approve").expectProblem(400, "validation_failed");
    admin.post("/api/admin/payouts/0/reject").expectProblem(400, "validation_failed");
    admin.post("/api/admin/payouts/999999999/approve").expectProblem(404, "payout_not_found");
    admin.post("/api/admin/payouts/999999999/reject").expectProblem(404, "payout_not_found");
    admin
        .post("/api/admin/payouts/" + id + "/reject", new JsonObject().put("reason", ""))
        .expectProblem(400, "validation_failed");
    admin
        .post(
            "/api/admin/payouts/" + id + "/reject", new JsonObject().put("reason", "x".repeat(501)))
        .expectProblem(400, "validation_failed");
    admin
        .post(
            "/api/admin/payouts/" + id + "/reject",
            new JsonObject().put("reason", "ok").put("refund", true))
        .expectProblem(400, "validation_failed");
    assertEquals(payable, payable(seller), "nothing moved");
    assertEquals(
        "requested",
        seller
            .api()
            .get("/api/payouts")
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("status"));
  }
}
