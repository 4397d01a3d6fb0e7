package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.commerce.checkout.Checkouts;
import io.showfloor.commerce.order.LockedOrder;
import io.showfloor.commerce.order.ShopOrders;
import io.showfloor.commerce.payment.SavedCards;
import io.showfloor.commerce.payment.StripePayments;
import io.showfloor.ledger.Ledger;
import io.showfloor.platform.Platform;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Products;
import io.showfloor.testing.Shop;
import io.showfloor.testing.StripeFake;
import io.showfloor.testing.StripeNode;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Saved cards: a won lot is charged off-session the moment it closes")
@ExtendWith(StripeNode.PerClass.class)
class SavedCardTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName(
      "a buyer saves a test card; a won lot is then charged to it and paid without a checkout")
  void sandboxOffSession() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    JsonObject card =
        buyer
            .api()
            .post("/api/me/cards", new JsonObject().put("paymentMethodId", "pm_card_visa"))
            .expect(201)
            .json();
    assertEquals("ready", card.getString("status"));
    assertEquals("4242", card.getString("last4"));
    assertTrue(card.getBoolean("isDefault"));
    assertEquals(
        1, buyer.api().get("/api/me/cards").expect(200).json().getJsonArray("items").size());
    // the buyer's earlier checkout address is where the lot ships
    long first = Products.create(seller, 100, 5).getLong("id");
    Shop.add(buyer, first, 1);
    Shop.checkout(buyer, "pm_card_visa");

    Platform platform = TestNode.get().platform();
    long product = Products.create(seller, 4000, 1).getLong("id");
    long orderId =
        platform
            .db()
            .tx(
                conn ->
                    CommerceAccess.orders()
                        .createLockedOrder(
                            conn,
                            LockedOrder.lot(
                                501, buyer.id(), seller.id(), product, 4500, null, null, null)))
            .await();
    JsonObject checkout =
        checkouts(platform).chargeSavedCard(buyer.id(), cards(platform), "lot:501").await();
    assertEquals("succeeded", checkout.getJsonObject("payment").getString("status"));
    JsonObject order = buyer.api().get("/api/orders/" + orderId).json();
    assertEquals("paid", order.getString("status"));
    assertEquals("Springfield", order.getJsonObject("shippingAddress").getString("city"));
    assertEquals(
        checkout.getLong("checkoutId"),
        checkouts(platform)
            .chargeSavedCard(buyer.id(), cards(platform), "lot:501")
            .await()
            .getLong("checkoutId"),
        "charging the same lot again finds the same checkout");

    buyer.api().delete("/api/me/cards/" + card.getLong("id")).expect(204);
    buyer.api().delete("/api/me/cards/" + card.getLong("id")).expectProblem(404, "card_not_found");
    long next = Products.create(seller, 900, 1).getLong("id");
    platform
        .db()
        .tx(
            conn ->
                CommerceAccess.orders()
                    .createLockedOrder(
                        conn,
                        LockedOrder.lot(502, buyer.id(), seller.id(), next, 900, null, null, null)))
        .await();
    assertNull(
        checkouts(platform).chargeSavedCard(buyer.id(), cards(platform), "lot:502").await(),
        "without a saved card nothing is charged; the lot stays due in the cart");
    assertEquals(1, buyer.api().get("/api/cart").json().getJsonArray("dueOrders").size());
  }

  @Test
  @DisplayName(
      "through Stripe: a SetupIntent on a customer, then an off-session PaymentIntent on that customer")
  void stripeOffSession() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    JsonObject card =
        StripeNode.api(buyer)
            .post("/api/me/cards", new JsonObject().put("paymentMethodId", "pm_card_mastercard"))
            .expect(201)
            .json();
    assertEquals("ready", card.getString("status"));
    assertEquals("mastercard", card.getString("brand"));
    StripeFake stripe = StripeNode.fake();
    assertTrue(
        stripe.calls().stream()
            .anyMatch(
                c ->
                    c.path().equals("/v1/customers")
                        && ("customer-" + buyer.id()).equals(c.idempotencyKey())));

    JsonObject pending =
        StripeNode.api(buyer).post("/api/me/cards", new JsonObject()).expect(201).json();
    assertEquals("pending", pending.getString("status"));
    assertNotNull(pending.getString("clientSecret"));

    Platform platform = StripeNode.get().platform();
    long product = Products.create(seller, 2500, 1).getLong("id");
    long orderId =
        platform
            .db()
            .tx(
                conn ->
                    CommerceAccess.orders()
                        .createLockedOrder(
                            conn,
                            LockedOrder.lot(
                                601, buyer.id(), seller.id(), product, 2500, null, null, null)))
            .await();
    SavedCards cards =
        new SavedCards(
            platform.db(),
            new StripePayments(platform.vertx(), StripeFake.SECRET_KEY, stripe.apiBase()));
    Checkouts checkouts =
        new Checkouts(
            platform.db(),
            platform.events(),
            platform.metrics(),
            new Ledger(),
            new StripePayments(platform.vertx(), StripeFake.SECRET_KEY, stripe.apiBase()),
            new ShopOrders(
                platform.db(),
                platform.events(),
                new Ledger(),
                CommerceAccess.notices(platform),
                CommerceSettings.from(platform.settings())),
            CommerceAccess.notices(platform),
            new io.showfloor.market.cash.LedgerMarketCash(new Ledger()));
    JsonObject checkout = checkouts.chargeSavedCard(buyer.id(), cards, "lot:601").await();
    assertEquals("succeeded", checkout.getJsonObject("payment").getString("status"));
    StripeFake.Call charge =
        stripe.calls().stream()
            .filter(
                c ->
                    c.path().equals("/v1/payment_intents")
                        && ("checkout-" + checkout.getLong("checkoutId"))
                            .equals(c.idempotencyKey()))
            .findFirst()
            .orElseThrow();
    assertEquals("true", charge.params().get("off_session"));
    assertTrue(charge.params().get("customer").startsWith("cus_"));
    assertTrue(charge.params().get("payment_method").startsWith("pm_saved_"));
    assertEquals(
        "paid", StripeNode.api(buyer).get("/api/orders/" + orderId).json().getString("status"));
  }

  private static SavedCards cards(Platform platform) {
    return new SavedCards(platform.db(), new io.showfloor.commerce.payment.SandboxPayments());
  }

  private static Checkouts checkouts(Platform platform) {
    return new Checkouts(
        platform.db(),
        platform.events(),
        platform.metrics(),
        new Ledger(),
        new io.showfloor.commerce.payment.SandboxPayments(),
        new ShopOrders(
            platform.db(),
            platform.events(),
            new Ledger(),
            CommerceAccess.notices(platform),
            CommerceSettings.from(platform.settings())),
        CommerceAccess.notices(platform),
        new io.showfloor.market.cash.LedgerMarketCash(new Ledger()));
  }
}
