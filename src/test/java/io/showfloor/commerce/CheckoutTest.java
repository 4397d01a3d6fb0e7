package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.commerce.order.LockedOrder;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.Products;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Checkout: one payment, one order per seller, stock taken exactly once")
class CheckoutTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName(
      "a cart across three sellers becomes three orders and one payment, balanced to the cent")
  void threeSellers() {
    var buyer = Users.create();
    var a = Users.create("seller");
    var b = Users.create("seller");
    var c = Users.create("seller");
    long a1 =
        Products.create(
                a,
                new JsonObject()
                    .put("priceCents", 1999)
                    .put("quantity", 5)
                    .put("shippingCents", 500))
            .getLong("id");
    long a2 =
        Products.create(
                a,
                new JsonObject()
                    .put("priceCents", 1006)
                    .put("quantity", 5)
                    .put("shippingCents", 300))
            .getLong("id");
    long b1 =
        Products.create(
                b,
                new JsonObject().put("priceCents", 1019).put("quantity", 5).put("shippingCents", 0))
            .getLong("id");
    long c1 =
        Products.create(
                c,
                new JsonObject()
                    .put("priceCents", 333)
                    .put("quantity", 9)
                    .put("shippingCents", 250))
            .getLong("id");
    Shop.add(buyer, a1, 2);
    Shop.add(buyer, a2, 1);
    Shop.add(buyer, b1, 1);
    Shop.add(buyer, c1, 3);
    JsonObject cart = buyer.api().get("/api/cart").expect(200).json();
    assertEquals(3, cart.getInteger("sellers"));
    assertEquals(3998 + 1006 + 1019 + 999, cart.getLong("itemsCents"));
    assertEquals(
        500 + 0 + 250,
        cart.getLong("shippingCents"),
        "shipping is bundled: the highest per seller, once");

    JsonObject answer = Shop.checkout(buyer, "pm_card_visa");
    assertEquals("succeeded", answer.getJsonObject("payment").getString("status"));
    assertEquals("sandbox", answer.getJsonObject("payment").getString("provider"));
    JsonArray orders = answer.getJsonArray("orders");
    assertEquals(3, orders.size());
    long total = 3998 + 1006 + 1019 + 999 + 750;
    assertEquals(total, answer.getLong("totalCents"));
    assertEquals(total, answer.getJsonObject("payment").getLong("amountCents"));
    for (Object o : orders) {
      assertEquals("paid", ((JsonObject) o).getString("status"));
    }
    assertEquals(3, Shop.stock(a1));
    assertEquals(6, Shop.stock(c1));
    assertTrue(buyer.api().get("/api/cart").json().getJsonArray("items").isEmpty());

    // fee: 8% of each line, half up: 3998 -> 319.84 -> 320, 1006 -> 80, 1019 -> 82, 999 -> 79.92 ->
    // 80
    JsonObject sellerA = a.api().get("/api/orders/" + orderOf(orders, a.id())).expect(200).json();
    assertEquals(320 + 80, sellerA.getLong("feeCents"));
    assertEquals(3998 + 1006 + 500 - 400, sellerA.getLong("sellerNetCents"));
    assertEquals(3998 + 1006 + 500 - 400, LedgerCheck.balance("seller:" + a.id() + ":payable"));
    assertEquals(1019 - 82, LedgerCheck.balance("seller:" + b.id() + ":payable"));
    assertEquals(999 + 250 - 80, LedgerCheck.balance("seller:" + c.id() + ":payable"));
    JsonObject buyerView =
        buyer.api().get("/api/orders/" + orderOf(orders, b.id())).expect(200).json();
    assertNull(buyerView.getValue("feeCents"), "the buyer does not see the seller's fees");
    assertEquals(1, buyer.api().get("/api/orders?limit=1").json().getJsonArray("items").size());
    assertEquals(3, buyer.api().get("/api/orders").json().getJsonArray("items").size());
    assertEquals(
        1, a.api().get("/api/orders?role=seller&status=paid").json().getJsonArray("items").size());
    JsonObject receipt = Mailbox.await(buyer.email(), "receipt #" + answer.getLong("checkoutId"));
    assertTrue(
        receipt
            .getString("text")
            .contains("Charged: $" + String.format("%,d.%02d", total / 100, total % 100)),
        receipt.getString("text"));
    assertTrue(
        receipt.getString("text").contains("sandbox payment"),
        "the sandbox says plainly that no money moved");
    assertTrue(
        a.api().get("/api/me/notifications").json().getJsonArray("items").stream()
            .anyMatch(n -> "order_paid".equals(((JsonObject) n).getString("kind"))));
  }

  private static long orderOf(JsonArray orders, long sellerId) {
    return orders.stream()
        .map(JsonObject.class::cast)
        .filter(o -> o.getLong("sellerId") == sellerId)
        .findFirst()
        .orElseThrow()
        .getLong("id");
  }

  @Test
  @DisplayName(
      "a declined card answers 402, cancels the orders, and leaves cart and stock as they were")
  void declined() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    long id = Products.create(seller, 2500, 4).getLong("id");
    Shop.add(buyer, id, 2);
    Shop.checkout(buyer.api(), "pm_card_chargeDeclined").expectProblem(402, "card_declined");
    assertEquals(4, Shop.stock(id));
    JsonArray items = buyer.api().get("/api/cart").json().getJsonArray("items");
    assertEquals(1, items.size());
    assertEquals(2, items.getJsonObject(0).getInteger("quantity"));
    JsonObject order = buyer.api().get("/api/orders").json().getJsonArray("items").getJsonObject(0);
    assertEquals("cancelled", order.getString("status"));
    assertEquals(0, LedgerCheck.balance("seller:" + seller.id() + ":payable"));
    Shop.checkout(buyer.api(), "pm_card_visa").expect(201);
    assertEquals(2, Shop.stock(id));
  }

  @Test
  @DisplayName("a retried checkout with the same Idempotency-Key pays and takes stock once")
  void idempotent() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    long id = Products.create(seller, 1200, 5).getLong("id");
    Shop.add(buyer, id, 1);
    var api = buyer.api().with("Idempotency-Key", "checkout-retry-1");
    JsonObject first = Shop.checkout(api, "pm_card_visa").expect(201).json();
    var second = Shop.checkout(api, "pm_card_visa").expect(201);
    assertEquals("true", second.header("Idempotent-Replayed"));
    assertEquals(first.getLong("checkoutId"), second.json().getLong("checkoutId"));
    assertEquals(4, Shop.stock(id));
    assertEquals(1200 - 96, LedgerCheck.balance("seller:" + seller.id() + ":payable"));
  }

  @Test
  @DisplayName(
      "a checkout with no paymentMethodId is paid by the sandbox at once: 201, paid orders, stock and cart taken once")
  void noPaymentMethod() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    long id = Products.create(seller, 1500, 3).getLong("id");
    Shop.add(buyer, id, 2);
    var api = buyer.api().with("Idempotency-Key", "checkout-no-method-" + buyer.id());
    JsonObject answer = Shop.checkout(api, null).expect(201).json();
    assertEquals("succeeded", answer.getString("status"));
    assertEquals("succeeded", answer.getJsonObject("payment").getString("status"));
    assertEquals(3000, answer.getLong("totalCents"));
    assertEquals(1, answer.getJsonArray("orders").size());
    assertEquals("paid", answer.getJsonArray("orders").getJsonObject(0).getString("status"));
    assertEquals(1, Shop.stock(id));
    assertTrue(buyer.api().get("/api/cart").json().getJsonArray("items").isEmpty());
    assertEquals(3000 - 240, LedgerCheck.balance("seller:" + seller.id() + ":payable"));
    // a retry answers the same committed checkout and takes nothing again
    var again = Shop.checkout(api, null).expect(201);
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(answer.getLong("checkoutId"), again.json().getLong("checkoutId"));
    assertEquals(1, Shop.stock(id));
  }

  @Test
  @DisplayName("checking out more than is in stock answers 409 out_of_stock and changes nothing")
  void outOfStock() {
    var buyer = Users.create();
    var other = Users.create();
    var seller = Users.create("seller");
    long scarce = Products.create(seller, 900, 2).getLong("id");
    long plenty = Products.create(seller, 100, 50).getLong("id");
    Shop.add(buyer, scarce, 2);
    Shop.add(buyer, plenty, 1);
    Shop.add(other, scarce, 1);
    Shop.checkout(other, "pm_card_visa");
    Shop.checkout(buyer.api(), "pm_card_visa").expectProblem(409, "out_of_stock");
    assertEquals(1, Shop.stock(scarce));
    assertEquals(50, Shop.stock(plenty));
    assertEquals(2, buyer.api().get("/api/cart").json().getJsonArray("items").size());
    assertTrue(buyer.api().get("/api/orders").json().getJsonArray("items").isEmpty());
    Shop.checkout(Users.create().api(), "pm_card_visa").expectProblem(422, "cart_empty");
  }

  @Test
  @DisplayName(
      "an order left unpaid expires, gives its units back, and a seller was told when stock ran low")
  void expiry() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    long id =
        Products.create(
                seller,
                new JsonObject()
                    .put("priceCents", 700)
                    .put("quantity", 4)
                    .put("lowStockThreshold", 2))
            .getLong("id");
    Shop.add(buyer, id, 3);
    JsonObject answer = Shop.checkout(buyer, "pm_card_authenticationRequired");
    assertEquals("requires_action", answer.getJsonObject("payment").getString("status"));
    assertNotNull(answer.getJsonObject("payment").getString("clientSecret"));
    long orderId = answer.getJsonArray("orders").getJsonObject(0).getLong("id");
    assertEquals(
        "pending_payment", answer.getJsonArray("orders").getJsonObject(0).getString("status"));
    assertEquals(1, Shop.stock(id));
    JsonObject notice =
        seller.api().get("/api/me/notifications").json().getJsonArray("items").getJsonObject(0);
    assertEquals("low_stock", notice.getString("kind"));
    assertEquals(1, notice.getJsonObject("payload").getInteger("quantity"));

    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1",
            Tuple.of(orderId))
        .await();
    Eventually.until(
        () ->
            "cancelled"
                .equals(buyer.api().get("/api/orders/" + orderId).json().getString("status")),
        "the unpaid order expires");
    assertEquals(
        "payment_expired",
        buyer.api().get("/api/orders/" + orderId).json().getString("cancelReason"));
    assertEquals(4, Shop.stock(id));
    assertEquals(
        "expired",
        buyer
            .api()
            .get("/api/checkouts/" + answer.getLong("checkoutId"))
            .json()
            .getString("status"));
  }

  @Test
  @DisplayName(
      "a won lot becomes a due order at the hammer price, paid by the next checkout with the creator's commission")
  void lotOrder() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    var creator = Users.create("creator");
    long product =
        Products.create(
                seller,
                new JsonObject()
                    .put("priceCents", 5000)
                    .put("quantity", 1)
                    .put("shippingCents", 400))
            .getLong("id");
    var commerce = TestNode.get().platform();
    long orderId =
        commerce
            .db()
            .tx(
                conn ->
                    CommerceAccess.orders()
                        .createLockedOrder(
                            conn,
                            LockedOrder.lot(
                                77,
                                buyer.id(),
                                seller.id(),
                                product,
                                7250,
                                12L,
                                creator.id(),
                                1000)))
            .await();
    assertEquals(0, Shop.stock(product));
    JsonObject cart = buyer.api().get("/api/cart").expect(200).json();
    JsonObject due = cart.getJsonArray("dueOrders").getJsonObject(0);
    assertEquals(orderId, due.getLong("id"));
    assertEquals("lot", due.getString("source"));
    assertEquals(7250 + 400, due.getLong("totalCents"));
    assertEquals(false, due.getBoolean("removable"));

    JsonObject answer = Shop.checkout(buyer, "pm_card_visa");
    assertEquals(7650, answer.getLong("totalCents"));
    assertEquals("paid", buyer.api().get("/api/orders/" + orderId).json().getString("status"));
    // fee 8% of 7250 = 580; commission 10% = 725; the seller nets the rest plus shipping
    assertEquals(725, LedgerCheck.balance("creator:" + creator.id() + ":payable"));
    assertEquals(7250 - 580 - 725 + 400, LedgerCheck.balance("seller:" + seller.id() + ":payable"));
    assertTrue(buyer.api().get("/api/cart").json().getJsonArray("dueOrders").isEmpty());
  }
}
