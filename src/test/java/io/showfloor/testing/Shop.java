package io.showfloor.testing;

import io.vertx.core.json.JsonObject;

/** Shopping steps over HTTP for commerce tests: fill a cart, check out, read what a buyer sees. */
public final class Shop {
  private Shop() {}

  public static JsonObject address() {
    return new JsonObject()
        .put("name", "Ada Buyer")
        .put("line1", "1 Market Street")
        .put("city", "Springfield")
        .put("postalCode", "12345")
        .put("country", "US");
  }

  /**
   * Saves {@link #address()} as the user's default address (bidding with a charged card,
   * giveaways).
   */
  public static JsonObject saveAddress(Users.TestUser user) {
    return user.api()
        .post("/api/me/addresses", address().put("isDefault", true))
        .expect(201)
        .json();
  }

  public static void add(Users.TestUser buyer, long productId, int quantity) {
    buyer
        .api()
        .post(
            "/api/cart/items",
            new JsonObject().put("productId", productId).put("quantity", quantity))
        .expect(201);
  }

  /** Checks out the cart with a test card; returns the answer (expects 201). */
  public static JsonObject checkout(Users.TestUser buyer, String paymentMethodId) {
    return checkout(buyer.api(), paymentMethodId).expect(201).json();
  }

  public static Api.Response checkout(Api api, String paymentMethodId) {
    JsonObject body = new JsonObject().put("shippingAddress", address());
    if (paymentMethodId != null) {
      body.put("paymentMethodId", paymentMethodId);
    }
    return api.post("/api/checkout", body);
  }

  public static int stock(long productId) {
    return TestNode.api()
        .get("/api/products/" + productId)
        .expect(200)
        .json()
        .getInteger("quantity");
  }
}
