package io.showfloor.testing;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/** Products listed over HTTP by a seller, for tests of carts, checkout, auctions and shows. */
public final class Products {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private Products() {}

  /** A product at {@code priceCents} with {@code quantity} in stock and free shipping. */
  public static JsonObject create(Users.TestUser seller, long priceCents, int quantity) {
    return create(seller, new JsonObject().put("priceCents", priceCents).put("quantity", quantity));
  }

  /**
   * A product with these fields; title, category, price and quantity are filled in when missing.
   */
  public static JsonObject create(Users.TestUser seller, JsonObject fields) {
    long n = SEQUENCE.incrementAndGet();
    JsonObject body =
        new JsonObject()
            .put("title", "Test product " + n)
            .put("description", "A product made by a test")
            .put("category", "collectibles")
            .put("priceCents", 1000)
            .put("quantity", 10)
            .mergeIn(fields);
    return seller.api().post("/api/products", body).expect(201).json();
  }
}
