package io.showfloor.testing;

import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

/**
 * Sales made over HTTP (a product, a cart, a sandbox card checkout) and their fulfilment, for
 * payout and analytics tests.
 */
public final class Sales {
  private Sales() {}

  /**
   * The seller's share of a one-line order: items less the 8% fee (rounded half up), plus shipping.
   */
  public static long sellerNet(long priceCents, int quantity, long shippingCents) {
    long items = priceCents * quantity;
    return items - fee(items) + shippingCents;
  }

  /** The platform fee on a line, 8% rounded half up (commerce.platformFeeBps). */
  public static long fee(long lineCents) {
    return (lineCents * 800 + 5_000) / 10_000;
  }

  /** A product listed by {@code seller} at this price and shipping. */
  public static long product(TestUser seller, long priceCents, long shippingCents) {
    return Products.create(
            seller,
            new JsonObject()
                .put("priceCents", priceCents)
                .put("quantity", 50)
                .put("shippingCents", shippingCents))
        .getLong("id");
  }

  /** {@code buyer} buys {@code quantity} of a product with a test card; returns the order id. */
  public static long buy(TestUser buyer, long productId, int quantity) {
    Shop.add(buyer, productId, quantity);
    return Shop.checkout(buyer, "pm_card_visa")
        .getJsonArray("orders")
        .getJsonObject(0)
        .getLong("id");
  }

  /** A fresh buyer buys a fresh product of {@code seller}; returns the order id. */
  public static long sold(TestUser seller, long priceCents, int quantity, long shippingCents) {
    return buy(Users.create(), product(seller, priceCents, shippingCents), quantity);
  }

  /**
   * The seller ships the order and its buyer confirms it arrived (sellers cannot): its payout hold
   * starts now.
   */
  public static void deliver(TestUser seller, long orderId) {
    seller
        .api()
        .post(
            "/api/orders/" + orderId + "/ship",
            new JsonObject().put("carrier", "UPS").put("trackingNumber", "1Z" + orderId))
        .expect(200);
    long buyerId = seller.api().get("/api/orders/" + orderId).expect(200).json().getLong("buyerId");
    Users.existing(buyerId).api().post("/api/orders/" + orderId + "/deliver").expect(200);
  }

  /**
   * Delivered, and its payout hold over: the money is available. The database clock decides the
   * hold, so the delivery is moved back by payouts.holdDays and a minute.
   */
  public static void clear(TestUser seller, long orderId) {
    deliver(seller, orderId);
    ageDelivery(orderId, holdDays() * 86_400L + 60);
  }

  /** Moves an order's delivery {@code seconds} into the past. */
  public static void ageDelivery(long orderId, long seconds) {
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE orders SET delivered_at = delivered_at - make_interval(secs => $2) WHERE id = $1",
            Tuple.of(orderId, (double) seconds))
        .await();
  }

  /** payouts.holdDays of the test node. */
  public static int holdDays() {
    return TestNode.get().platform().settings().integer("payouts.holdDays", 7);
  }
}
