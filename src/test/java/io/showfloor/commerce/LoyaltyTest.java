package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.commerce.order.LockedOrder;
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

@DisplayName(
    "Loyalty: points per dollar, tiers by 12-month spend, redeemed at checkout, reversed on refund")
class LoyaltyTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static JsonObject loyalty(Users.TestUser user) {
    return user.api().get("/api/loyalty").expect(200).json();
  }

  private static long buy(
      Users.TestUser buyer, Users.TestUser seller, long cents, Long redeem, String card) {
    long product = Products.create(seller, cents, 5).getLong("id");
    Shop.add(buyer, product, 1);
    JsonObject body =
        new JsonObject().put("shippingAddress", Shop.address()).put("paymentMethodId", card);
    if (redeem != null) {
      body.put("redeemPoints", redeem);
    }
    var answer = buyer.api().post("/api/checkout", body);
    return answer.status() == 201
        ? answer.json().getJsonArray("orders").getJsonObject(0).getLong("id")
        : -answer.status();
  }

  @Test
  @DisplayName("a purchase earns a point per whole dollar and shows tier, spend and progress")
  void earn() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    buy(buyer, seller, 12_345, null, "pm_card_visa");
    JsonObject l = loyalty(buyer);
    assertEquals(123, l.getLong("points"));
    assertEquals("bronze", l.getString("tier"));
    assertEquals(12_345, l.getLong("spend12mCents"));
    assertEquals("silver", l.getString("nextTier"));
    assertEquals(50_000 - 12_345, l.getLong("toNextTierCents"));
    assertEquals("earn", l.getJsonArray("history").getJsonObject(0).getString("kind"));
  }

  @Test
  @DisplayName(
      "points buy a discount at checkout (at most half the cart); the platform pays it, the seller is paid in full")
  void redeem() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    buy(buyer, seller, 30_000, null, "pm_card_visa"); // 300 points
    long discountsBefore = LedgerCheck.balance("platform:loyalty-discounts");
    long orderId = buy(buyer, seller, 400, 1000L, "pm_card_visa");
    JsonObject order = buyer.api().get("/api/orders/" + orderId).json();
    assertEquals(200, order.getLong("discountCents"), "half of 400 cents");
    assertEquals(200, order.getLong("totalCents"));
    assertEquals(discountsBefore + 200, LedgerCheck.balance("platform:loyalty-discounts"));
    assertEquals(
        30_000 - 2_400 + 400 - 32, LedgerCheck.balance("seller:" + seller.id() + ":payable"));
    assertEquals(300 - 200 + 2, loyalty(buyer).getLong("points"));
  }

  @Test
  @DisplayName(
      "a declined card gives spent points back; asking for points you lack changes nothing")
  void declinedAndInsufficient() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    buy(buyer, seller, 10_000, null, "pm_card_visa"); // 100 points
    assertEquals(-402, buy(buyer, seller, 1_000, 100L, "pm_card_chargeDeclined"));
    assertEquals(100, loyalty(buyer).getLong("points"));
    var poor = Users.create();
    long product = Products.create(seller, 1000, 5).getLong("id");
    Shop.add(poor, product, 1);
    poor.api()
        .post(
            "/api/checkout",
            new JsonObject().put("shippingAddress", Shop.address()).put("redeemPoints", 10))
        .expectProblem(422, "insufficient_points");
    assertEquals(5, Shop.stock(product));
    assertEquals(1, poor.api().get("/api/cart").json().getJsonArray("items").size());
  }

  @Test
  @DisplayName(
      "refunds in steps take back exactly the points earned and return exactly the points spent")
  void refundReversesPoints() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    buy(buyer, seller, 20_000, null, "pm_card_visa"); // 200 points
    long orderId =
        buy(buyer, seller, 9_999, 150L, "pm_card_visa"); // discount 150, pays 9849 -> earns 98
    assertEquals(200 - 150 + 98, loyalty(buyer).getLong("points"));
    for (long part : new long[] {1000, 3333, 2}) {
      seller
          .api()
          .post("/api/orders/" + orderId + "/refund", new JsonObject().put("amountCents", part))
          .expect(201);
    }
    seller.api().post("/api/orders/" + orderId + "/refund", new JsonObject()).expect(201);
    assertEquals(200, loyalty(buyer).getLong("points"), "earned 98 taken back, spent 150 returned");
    assertEquals(20_000, loyalty(buyer).getLong("spend12mCents"));
  }

  @Test
  @DisplayName(
      "spending past a tier threshold raises the multiplier on the next purchase; a live show adds a bonus")
  void tiersAndShowBonus() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    buy(buyer, seller, 60_000, null, "pm_card_visa"); // bronze: 600 points, now silver
    assertEquals("silver", loyalty(buyer).getString("tier"));
    buy(buyer, seller, 10_000, null, "pm_card_visa"); // silver x1.25: 125 points
    assertEquals(600 + 125, loyalty(buyer).getLong("points"));
    long product = Products.create(seller, 1000, 1).getLong("id");
    TestNode.get()
        .platform()
        .db()
        .tx(
            conn ->
                CommerceAccess.orders()
                    .createLockedOrder(
                        conn,
                        // a show id no show has: the 10% bonus only, no daily streak bonus (that
                        // needs a live show; LiveStreakTest)
                        LockedOrder.lot(
                            9, buyer.id(), seller.id(), product, 10_000, 999_999_999L, null, null)))
        .await();
    Shop.checkout(buyer, "pm_card_visa"); // 125 points + 10% live-show bonus = 12
    assertEquals(600 + 125 + 125 + 12, loyalty(buyer).getLong("points"));
  }

  @Test
  @DisplayName(
      "spend older than 12 months no longer counts towards the tier; a refund takes its spend back out")
  void spendLeavesTheWindow() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    buy(buyer, seller, 10_000, null, "pm_card_visa"); // 100 points, 10,000 of spend
    // two purchases of the past, written as their checkouts wrote them then: 13 and 11 months ago
    var db = TestNode.get().platform().db();
    db.query(
            """
        INSERT INTO loyalty_entries (user_id, points, kind, spend_cents, idempotency_key, created_at) VALUES
          ($1, 600, 'earn', 60000, 'test-aged-' || $1, now() - interval '13 months'),
          ($1, 200, 'earn', 20000, 'test-recent-' || $1, now() - interval '11 months')""",
            Tuple.of(buyer.id()))
        .await();
    db.query(
            "UPDATE loyalty_balances SET points = points + 800, spend_cents = spend_cents + 80000 WHERE user_id = $1",
            Tuple.of(buyer.id()))
        .await();
    assertEquals(
        30_000,
        loyalty(buyer).getLong("spend12mCents"),
        "the purchase of 13 months ago is out of the window");
    assertEquals("bronze", loyalty(buyer).getString("tier"));
    long orderId =
        buy(
            buyer,
            seller,
            10_000,
            null,
            "pm_card_visa"); // bronze x1: 100 points (silver would give 125)
    assertEquals(100 + 800 + 100, loyalty(buyer).getLong("points"));
    assertEquals(40_000, loyalty(buyer).getLong("spend12mCents"));
    seller.api().post("/api/orders/" + orderId + "/refund", new JsonObject()).expect(201);
    assertEquals(30_000, loyalty(buyer).getLong("spend12mCents"));
    assertEquals(100 + 800, loyalty(buyer).getLong("points"));
    buy(
        buyer,
        seller,
        25_000,
        null,
        "pm_card_visa"); // still bronze (30,000 before it): 250 points, now silver
    assertEquals(55_000, loyalty(buyer).getLong("spend12mCents"));
    assertEquals("silver", loyalty(buyer).getString("tier"));
    assertEquals(100 + 800 + 250, loyalty(buyer).getLong("points"));
  }
}
