package io.showfloor.commerce.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Products;
import io.showfloor.testing.Sales;
import io.showfloor.testing.Shop;
import io.showfloor.testing.StripeFake;
import io.showfloor.testing.StripeNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName(
    "Payouts through Stripe Connect: transfers to the seller's connected account, once, against the local fake Stripe")
@ExtendWith(StripeNode.PerClass.class)
class StripePayoutTest {
  private final StripeFake stripe = StripeNode.fake();

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  /**
   * A seller on the Stripe node with one sale paid by card through Stripe, delivered longer than
   * the hold ago.
   */
  private static TestUser sellerWithClearedSale(long priceCents) {
    TestUser seller = Users.create("seller");
    TestUser buyer = Users.create();
    long product = Products.create(seller, priceCents, 5).getLong("id");
    StripeNode.api(buyer)
        .post("/api/cart/items", new JsonObject().put("productId", product).put("quantity", 1))
        .expect(201);
    JsonObject checkout = Shop.checkout(StripeNode.api(buyer), "pm_card_visa").expect(201).json();
    long orderId = checkout.getJsonArray("orders").getJsonObject(0).getLong("id");
    StripeNode.api(seller)
        .post(
            "/api/orders/" + orderId + "/ship",
            new JsonObject().put("carrier", "UPS").put("trackingNumber", "1ZSTRIPE" + orderId))
        .expect(200);
    StripeNode.api(buyer).post("/api/orders/" + orderId + "/deliver").expect(200);
    Sales.ageDelivery(orderId, Sales.holdDays() * 86_400L + 60); // the payout hold is over
    return seller;
  }

  private static Api.Response request(TestUser seller, long amountCents) {
    return StripeNode.api(seller)
        .with("Idempotency-Key", "stripe-" + UUID.randomUUID())
        .post("/api/payouts", new JsonObject().put("amountCents", amountCents));
  }

  @Test
  @DisplayName(
      "approving sends one transfer with key payout-<id> to the connected account; a second approval sends nothing")
  void transferOnce() {
    TestUser seller = sellerWithClearedSale(4_000);
    long net = Sales.sellerNet(4_000, 1, 0);
    JsonObject balance = StripeNode.api(seller).get("/api/payouts/balance").expect(200).json();
    assertEquals("stripe", balance.getString("provider"));
    assertEquals(net, balance.getLong("availableCents"));
    request(seller, 2_000).expectProblem(409, "payout_account_missing");

    StripeNode.api(seller)
        .put(
            "/api/payouts/account",
            new JsonObject().put("connectedAccountId", "acct_1SellerPayout"))
        .expect(200);
    JsonObject payout = request(seller, 2_000).expect(201).json();
    assertNull(payout.getString("note"), "a real provider carries no sandbox note");
    long clearingBefore = LedgerCheck.balance("provider:stripe:clearing");
    Api admin = StripeNode.api(LedgerCheck.admin());
    JsonObject paid =
        admin.post("/api/admin/payouts/" + payout.getLong("id") + "/approve").expect(200).json();
    assertEquals("paid", paid.getString("status"));
    assertTrue(paid.getString("providerTransferId").startsWith("tr_"), paid.encode());

    List<StripeFake.Call> transfers =
        stripe.calls().stream()
            .filter(
                call ->
                    call.path().equals("/v1/transfers")
                        && ("payout-" + payout.getLong("id")).equals(call.idempotencyKey()))
            .toList();
    assertEquals(1, transfers.size());
    assertEquals("2000", transfers.get(0).params().get("amount"));
    assertEquals("usd", transfers.get(0).params().get("currency"));
    assertEquals("acct_1SellerPayout", transfers.get(0).params().get("destination"));
    assertEquals(
        String.valueOf(payout.getLong("id")), transfers.get(0).params().get("metadata[payoutId]"));
    assertEquals(clearingBefore - 2_000, LedgerCheck.balance("provider:stripe:clearing"));

    admin
        .post("/api/admin/payouts/" + payout.getLong("id") + "/approve")
        .expectProblem(409, "payout_state");
    assertEquals(
        1,
        stripe.calls().stream()
            .filter(
                call ->
                    call.path().equals("/v1/transfers")
                        && ("payout-" + payout.getLong("id")).equals(call.idempotencyKey()))
            .count());
    JsonObject after = StripeNode.api(seller).get("/api/payouts/balance").expect(200).json();
    assertEquals(2_000, after.getLong("paidOutCents"));
    assertEquals(net - 2_000, after.getLong("availableCents"));
  }

  @Test
  @DisplayName(
      "a transfer Stripe refuses (no such connected account) leaves the payout failed and the money back on the payable")
  void refusedTransfer() {
    TestUser seller = sellerWithClearedSale(3_000);
    long net = Sales.sellerNet(3_000, 1, 0);
    StripeNode.api(seller)
        .put("/api/payouts/account", new JsonObject().put("connectedAccountId", "acct_Unknown1234"))
        .expect(200);
    JsonObject payout = request(seller, net).expect(201).json();
    assertEquals(0, LedgerCheck.balance("seller:" + seller.id() + ":payable"));
    JsonObject failed =
        StripeNode.api(LedgerCheck.admin())
            .post("/api/admin/payouts/" + payout.getLong("id") + "/approve")
            .expect(200)
            .json();
    assertEquals("failed", failed.getString("status"));
    assertTrue(failed.getString("failureReason").contains("No such destination"), failed.encode());
    assertEquals(net, LedgerCheck.balance("seller:" + seller.id() + ":payable"));
    JsonObject balance = StripeNode.api(seller).get("/api/payouts/balance").expect(200).json();
    assertEquals(net, balance.getLong("availableCents"));
    assertEquals(0, balance.getLong("inTransitCents"));
    assertEquals(0, balance.getLong("paidOutCents"));
  }
}
