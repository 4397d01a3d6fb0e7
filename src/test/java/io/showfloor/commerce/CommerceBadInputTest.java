package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Products;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bad input to carts, checkout and orders gets 4xx problem+json and changes nothing")
class CommerceBadInputTest {

  @Test
  @DisplayName(
      "cart: malformed, out-of-range, unknown, foreign, archived and own products are refused")
  void cart() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    long product = Products.create(seller, 500, 3).getLong("id");
    long archived = Products.create(seller, 500, 3).getLong("id");
    seller.api().delete("/api/products/" + archived).expect(204);
    Shop.add(buyer, product, 1);
    long item =
        buyer.api().get("/api/cart").json().getJsonArray("items").getJsonObject(0).getLong("id");

    for (JsonObject bad :
        List.of(
            new JsonObject(),
            new JsonObject().put("productId", -1),
            new JsonObject().put("productId", "x"),
            new JsonObject().put("productId", product).put("quantity", 0),
            new JsonObject().put("productId", product).put("quantity", 101),
            new JsonObject().put("productId", product).put("quantity", 1.5),
            new JsonObject().put("productId", product).put("priceCents", 1))) {
      buyer.api().post("/api/cart/items", bad).expectProblem(400, "validation_failed");
    }
    buyer.api().send("POST", "/api/cart/items", "[1,2", "application/json").expect(400);
    buyer
        .api()
        .post("/api/cart/items", new JsonObject().put("productId", 999_999_999L))
        .expectProblem(404, "product_not_found");
    buyer
        .api()
        .post("/api/cart/items", new JsonObject().put("productId", archived))
        .expectProblem(409, "product_unavailable");
    buyer
        .api()
        .post("/api/cart/items", new JsonObject().put("productId", product).put("quantity", 3))
        .expectProblem(409, "out_of_stock");
    buyer
        .api()
        .post("/api/cart/items", new JsonObject().put("productId", product).put("quantity", 100))
        .expectProblem(422, "quantity_too_large");
    seller
        .api()
        .post("/api/cart/items", new JsonObject().put("productId", product))
        .expectProblem(422, "own_product");
    TestNode.api()
        .post("/api/cart/items", new JsonObject().put("productId", product))
        .expectProblem(401, "unauthorized");

    buyer
        .api()
        .patch("/api/cart/items/" + item, new JsonObject().put("quantity", 0))
        .expectProblem(400, "validation_failed");
    buyer
        .api()
        .patch("/api/cart/items/" + item, new JsonObject().put("quantity", 4))
        .expectProblem(409, "out_of_stock");
    Users.create()
        .api()
        .patch("/api/cart/items/" + item, new JsonObject().put("quantity", 1))
        .expectProblem(404, "cart_item_not_found");
    Users.create()
        .api()
        .delete("/api/cart/items/" + item)
        .expectProblem(404, "cart_item_not_found");
    buyer.api().delete("/api/cart/items/abc").expectProblem(400, "validation_failed");

    JsonObject cart = buyer.api().get("/api/cart").json();
    assertEquals(1, cart.getJsonArray("items").size());
    assertEquals(1, cart.getJsonArray("items").getJsonObject(0).getInteger("quantity"));
    buyer.api().patch("/api/cart/items/" + item, new JsonObject().put("quantity", 2)).expect(200);
    buyer.api().delete("/api/cart/items/" + item).expect(204);
    assertEquals(0, buyer.api().get("/api/cart").json().getJsonArray("items").size());
  }

  @Test
  @DisplayName(
      "cart: a cart holds at most 50 products; a product already in a full cart can still be added to")
  void fullCart() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    long first = 0;
    for (int i = 0; i < 50; i++) {
      long product = Products.create(seller, 100, 5).getLong("id");
      first = i == 0 ? product : first;
      Shop.add(buyer, product, 1);
    }
    long oneMore = Products.create(seller, 100, 5).getLong("id");
    buyer
        .api()
        .post("/api/cart/items", new JsonObject().put("productId", oneMore))
        .expectProblem(422, "cart_full");
    buyer
        .api()
        .post("/api/cart/items", new JsonObject().put("productId", first).put("quantity", 2))
        .expect(201);

    JsonObject cart = buyer.api().get("/api/cart").json();
    assertEquals(50, cart.getJsonArray("items").size());
    assertEquals(3, cart.getJsonArray("items").getJsonObject(0).getInteger("quantity"));
  }

  @Test
  @DisplayName(
      "checkout: a bad address, amounts or payment method are refused before any stock is taken")
  void checkout() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    long product = Products.create(seller, 500, 3).getLong("id");
    Shop.add(buyer, product, 1);
    JsonObject address = Shop.address();
    for (JsonObject bad :
        List.of(
            new JsonObject(),
            new JsonObject().put("shippingAddress", address.copy().put("country", "usa")),
            new JsonObject().put("shippingAddress", address.copy().put("line1", "")),
            new JsonObject().put("shippingAddress", address.copy().put("extra", 1)),
            new JsonObject().put("shippingAddress", address.copy().put("name", "x".repeat(101))),
            new JsonObject().put("shippingAddress", address).put("redeemPoints", -1),
            new JsonObject().put("shippingAddress", address).put("paymentMethodId", "pm card"),
            new JsonObject().put("shippingAddress", address).put("totalCents", 1),
            new JsonObject().put("shippingAddress", "1 Main St"))) {
      buyer.api().post("/api/checkout", bad).expectProblem(400, "validation_failed");
    }
    Users.unverified()
        .api()
        .post("/api/checkout", new JsonObject().put("shippingAddress", address))
        .expectProblem(403, "email_not_verified");
    buyer
        .api()
        .post(
            "/api/checkout",
            new JsonObject().put("shippingAddress", address).put("redeemPoints", 100))
        .expectProblem(422, "insufficient_points");
    Shop.checkout(buyer.api(), "pm_card_does_not_exist")
        .expectProblem(422, "payment_method_invalid");
    assertEquals(3, Shop.stock(product));
    assertEquals(1, buyer.api().get("/api/cart").json().getJsonArray("items").size());
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName("orders: foreign ids, bad shipping details, refund amounts and filters are refused")
  void orders() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    long product = Products.create(seller, 500, 3).getLong("id");
    Shop.add(buyer, product, 1);
    JsonObject checkout = Shop.checkout(buyer, "pm_card_visa");
    long orderId = checkout.getJsonArray("orders").getJsonObject(0).getLong("id");
    var stranger = Users.create("seller");
    stranger.api().get("/api/orders/" + orderId).expectProblem(404, "order_not_found");
    stranger
        .api()
        .get("/api/checkouts/" + checkout.getLong("checkoutId"))
        .expectProblem(404, "checkout_not_found");
    buyer.api().get("/api/orders/0").expectProblem(400, "validation_failed");
    buyer.api().get("/api/orders?role=admin").expectProblem(400, "validation_failed");
    buyer.api().get("/api/orders?status=lost").expectProblem(400, "validation_failed");
    buyer.api().get("/api/orders?limit=500").expectProblem(400, "validation_failed");
    TestNode.api().get("/api/orders").expectProblem(401, "unauthorized");
    for (JsonObject bad :
        List.of(
            new JsonObject(),
            new JsonObject().put("carrier", "UPS"),
            new JsonObject().put("carrier", "").put("trackingNumber", "1"),
            new JsonObject().put("carrier", "UPS").put("trackingNumber", "<script>"),
            new JsonObject().put("carrier", "UPS").put("trackingNumber", "1").put("x", 1))) {
      seller
          .api()
          .post("/api/orders/" + orderId + "/ship", bad)
          .expectProblem(400, "validation_failed");
    }
    for (JsonObject bad :
        List.of(
            new JsonObject().put("amountCents", 0),
            new JsonObject().put("amountCents", -100),
            new JsonObject().put("amountCents", "100"),
            new JsonObject().put("amountCents", 100_000_000_001L),
            new JsonObject().put("reason", ""),
            new JsonObject().put("refundAll", true))) {
      seller
          .api()
          .post("/api/orders/" + orderId + "/refund", bad)
          .expectProblem(400, "validation_failed");
    }
    seller
        .api()
        .post("/api/orders/999999999/refund", new JsonObject())
        .expectProblem(404, "order_not_found");
    seller
        .api()
        .post(
            "/api/orders/999999999/ship",
            new JsonObject().put("carrier", "UPS").put("trackingNumber", "1"))
        .expectProblem(404, "order_not_found");
    JsonObject order = buyer.api().get("/api/orders/" + orderId).json();
    assertEquals("paid", order.getString("status"));
    assertEquals(0, order.getLong("refundedCents"));
    LedgerCheck.assertBalanced();
  }
}
