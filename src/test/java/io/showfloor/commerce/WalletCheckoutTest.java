package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Products;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Checkout paid partly or wholly with wallet cash, the rest by card")
class WalletCheckoutTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static Users.TestUser buyerWith(long cents) {
    var buyer = Users.create();
    buyer
        .api()
        .post("/api/wallet/deposits", new JsonObject().put("amountCents", cents))
        .expect(201);
    return buyer;
  }

  private static long available(Users.TestUser user) {
    return user.api().get("/api/wallet").expect(200).json().getLong("availableCents");
  }

  private static JsonObject body(long walletCents, String paymentMethodId) {
    JsonObject body =
        new JsonObject().put("shippingAddress", Shop.address()).put("walletCents", walletCents);
    if (paymentMethodId != null) {
      body.put("paymentMethodId", paymentMethodId);
    }
    return body;
  }

  private static int cartLines(Users.TestUser buyer) {
    return buyer.api().get("/api/cart").expect(200).json().getJsonArray("items").size();
  }

  @Test
  @DisplayName(
      "part wallet, part card: the wallet drops by exactly the wallet part, the order is paid")
  void partWallet() {
    var seller = Users.create("seller");
    long productId = Products.create(seller, 3000, 5).getLong("id");
    var buyer = buyerWith(1000);
    Shop.add(buyer, productId, 1);
    JsonObject answer =
        buyer.api().post("/api/checkout", body(700, "pm_card_visa")).expect(201).json();
    assertEquals("succeeded", answer.getString("status"));
    assertEquals(700, answer.getLong("walletCents"));
    assertEquals(300, available(buyer));
    JsonObject order = answer.getJsonArray("orders").getJsonObject(0);
    assertEquals("paid", order.getString("status"));
    JsonObject sellerView =
        seller.api().get("/api/orders/" + order.getLong("id")).expect(200).json();
    assertEquals(
        sellerView.getLong("sellerNetCents"),
        LedgerCheck.balance("seller:" + seller.id() + ":payable"),
        "the seller is owed exactly as after a card checkout");
    assertEquals(4, Shop.stock(productId));
  }

  @Test
  @DisplayName("all wallet: no card at all, paid at once; a replay with the same key spends once")
  void allWalletAndReplay() {
    var seller = Users.create("seller");
    JsonObject product = Products.create(seller, 1500, 5);
    var buyer = buyerWith(10_000);
    Shop.add(buyer, product.getLong("id"), 1);
    var api = buyer.api().with("Idempotency-Key", "wallet-checkout-once");
    JsonObject first = api.post("/api/checkout", body(0, null)).expect(201).json();
    // the total is known only once priced: that checkout was a plain card checkout; start again
    long total = first.getLong("totalCents");
    Shop.add(buyer, product.getLong("id"), 1);
    var walletApi = buyer.api().with("Idempotency-Key", "wallet-checkout-all");
    JsonObject paid = walletApi.post("/api/checkout", body(total, null)).expect(201).json();
    assertEquals("succeeded", paid.getString("status"));
    assertEquals(total, paid.getLong("walletCents"));
    assertEquals("paid", paid.getJsonArray("orders").getJsonObject(0).getString("status"));
    assertEquals(10_000 - total, available(buyer));
    var replay = walletApi.post("/api/checkout", body(total, null)).expect(201);
    assertEquals("true", replay.header("Idempotent-Replayed"));
    assertEquals(10_000 - total, available(buyer), "the replay spent nothing more");
    assertEquals(3, Shop.stock(product.getLong("id")));
  }

  @Test
  @DisplayName("more than available or more than the total is refused and changes nothing")
  void refused() {
    var seller = Users.create("seller");
    long productId = Products.create(seller, 2000, 5).getLong("id");
    var buyer = buyerWith(500);
    Shop.add(buyer, productId, 1);
    buyer
        .api()
        .post("/api/checkout", body(501, "pm_card_visa"))
        .expectProblem(422, "insufficient_wallet_cash");
    assertEquals(500, available(buyer));
    assertEquals(5, Shop.stock(productId));
    assertEquals(1, cartLines(buyer));
    var rich = buyerWith(100_000);
    Shop.add(rich, productId, 1);
    rich.api()
        .post("/api/checkout", body(99_999, "pm_card_visa"))
        .expectProblem(422, "wallet_exceeds_total");
    assertEquals(100_000, available(rich));
    assertEquals(5, Shop.stock(productId));
    assertEquals(1, cartLines(rich));
    rich.api()
        .post("/api/checkout", body(-1, "pm_card_visa"))
        .expectProblem(400, "validation_failed");
  }

  @Test
  @DisplayName("a declined card part gives the wallet part back and the cart stays")
  void declinedCardReturnsWallet() {
    var seller = Users.create("seller");
    long productId = Products.create(seller, 2000, 5).getLong("id");
    var buyer = buyerWith(800);
    Shop.add(buyer, productId, 1);
    buyer
        .api()
        .post("/api/checkout", body(800, "pm_card_chargeDeclined"))
        .expectProblem(402, "card_declined");
    assertEquals(800, available(buyer));
    assertEquals(5, Shop.stock(productId));
    assertEquals(1, cartLines(buyer));
  }

  @Test
  @DisplayName("refunds give the wallet part back to the wallet first, to the cent, then the card")
  void refundReturnsWalletFirst() {
    var seller = Users.create("seller");
    long productId = Products.create(seller, 3000, 5).getLong("id");
    var buyer = buyerWith(1000);
    Shop.add(buyer, productId, 1);
    JsonObject answer =
        buyer.api().post("/api/checkout", body(700, "pm_card_visa")).expect(201).json();
    JsonObject order = answer.getJsonArray("orders").getJsonObject(0);
    long orderId = order.getLong("id");
    long total = order.getLong("totalCents");
    assertEquals(300, available(buyer));
    seller
        .api()
        .post("/api/orders/" + orderId + "/refund", new JsonObject().put("amountCents", 500))
        .expect(201);
    assertEquals(800, available(buyer), "the first 500 cents go back to the wallet");
    seller
        .api()
        .post("/api/orders/" + orderId + "/refund", new JsonObject().put("amountCents", 500))
        .expect(201);
    assertEquals(1000, available(buyer), "only the 200 left of the wallet part; 300 to the card");
    seller.api().post("/api/orders/" + orderId + "/refund", new JsonObject()).expect(201);
    assertEquals(1000, available(buyer), "the rest (" + (total - 1000) + ") goes to the card");
    assertEquals(
        "refunded",
        buyer.api().get("/api/orders/" + orderId).expect(200).json().getString("status"));
    assertEquals(0, LedgerCheck.balance("seller:" + seller.id() + ":payable"));
  }

  @Test
  @DisplayName("a card part left pending until the orders expire gives the wallet part back")
  void expiredCheckoutReturnsWallet() {
    var seller = Users.create("seller");
    long productId = Products.create(seller, 2000, 5).getLong("id");
    var buyer = buyerWith(600);
    Shop.add(buyer, productId, 1);
    JsonObject answer =
        buyer
            .api()
            .post("/api/checkout", body(600, "pm_card_authenticationRequired"))
            .expect(201)
            .json();
    assertEquals("requires_action", answer.getJsonObject("payment").getString("status"));
    assertEquals(0, available(buyer));
    long orderId = answer.getJsonArray("orders").getJsonObject(0).getLong("id");
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
    assertEquals(600, available(buyer));
    assertEquals(5, Shop.stock(productId));
  }
}
