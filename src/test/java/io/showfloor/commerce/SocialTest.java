package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.commerce.order.LockedOrder;
import io.showfloor.commerce.social.Partnerships;
import io.showfloor.commerce.social.Wishlists;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Products;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Creator partnerships, wishlists and reviews")
class SocialTest {

  @Test
  @DisplayName(
      "a seller invites a creator, the creator accepts, and a sale in the creator's show pays the agreed commission")
  void partnership() {
    var seller = Users.create("seller");
    var creator = Users.create("creator");
    var buyer = Users.create();
    seller
        .api()
        .post(
            "/api/partnerships",
            new JsonObject().put("creatorId", buyer.id()).put("commissionBps", 1000))
        .expectProblem(404, "creator_not_found");
    JsonObject invite =
        seller
            .api()
            .post(
                "/api/partnerships",
                new JsonObject()
                    .put("creatorId", creator.id())
                    .put("commissionBps", 1500)
                    .put("note", "Feature my cards"))
            .expect(201)
            .json();
    assertEquals("invited", invite.getString("status"));
    seller
        .api()
        .post(
            "/api/partnerships",
            new JsonObject().put("creatorId", creator.id()).put("commissionBps", 900))
        .expectProblem(409, "partnership_exists");
    long id = invite.getLong("id");
    seller.api().post("/api/partnerships/" + id + "/accept").expectProblem(403, "not_allowed");
    Users.create("creator")
        .api()
        .post("/api/partnerships/" + id + "/accept")
        .expectProblem(404, "partnership_not_found");
    assertEquals(
        "accepted",
        creator
            .api()
            .post("/api/partnerships/" + id + "/accept")
            .expect(200)
            .json()
            .getString("status"));
    creator
        .api()
        .post("/api/partnerships/" + id + "/decline")
        .expectProblem(409, "partnership_state");
    assertEquals(1, creator.api().get("/api/partnerships").expect(200).array().size());

    var platform = TestNode.get().platform();
    Partnerships partnerships = new Partnerships(platform.db(), CommerceAccess.notices(platform));
    Integer rate =
        partnerships.commissionFor(platform.db().pool(), seller.id(), creator.id()).await();
    assertEquals(1500, rate);
    long product = Products.create(seller, 2000, 1).getLong("id");
    platform
        .db()
        .tx(
            conn ->
                CommerceAccess.orders()
                    .createLockedOrder(
                        conn,
                        LockedOrder.lot(
                            31, buyer.id(), seller.id(), product, 2000, 44L, creator.id(), rate)))
        .await();
    Shop.checkout(buyer, "pm_card_visa");
    assertEquals(300, LedgerCheck.balance("creator:" + creator.id() + ":payable"));
    LedgerCheck.assertBalanced();

    assertEquals(
        "ended",
        seller
            .api()
            .post("/api/partnerships/" + id + "/end")
            .expect(200)
            .json()
            .getString("status"));
    assertNull(partnerships.commissionFor(platform.db().pool(), seller.id(), creator.id()).await());
    seller
        .api()
        .post(
            "/api/partnerships",
            new JsonObject().put("creatorId", creator.id()).put("commissionBps", 5001))
        .expectProblem(400, "validation_failed");
    Users.create()
        .api()
        .post(
            "/api/partnerships",
            new JsonObject().put("creatorId", creator.id()).put("commissionBps", 100))
        .expectProblem(403, "role_required");
  }

  @Test
  @DisplayName(
      "a wishlist keeps products once each, and its owner is told when one goes live in a show")
  void wishlist() {
    var user = Users.create();
    var seller = Users.create("seller");
    long product =
        Products.create(seller, new JsonObject().put("title", "Signed jersey")).getLong("id");
    user.api().post("/api/wishlist", new JsonObject().put("productId", product)).expect(201);
    user.api().post("/api/wishlist", new JsonObject().put("productId", product)).expect(200);
    user.api()
        .post("/api/wishlist", new JsonObject().put("productId", 999_999_999L))
        .expectProblem(404, "product_not_found");
    user.api()
        .post("/api/wishlist", new JsonObject().put("productId", "x"))
        .expectProblem(400, "validation_failed");
    assertEquals(
        1, user.api().get("/api/wishlist").expect(200).json().getJsonArray("items").size());

    var platform = TestNode.get().platform();
    int told =
        new Wishlists(platform.db(), CommerceAccess.notices(platform))
            .productLive(product, 88)
            .await();
    assertEquals(1, told);
    JsonObject notice =
        user.api().get("/api/me/notifications").json().getJsonArray("items").getJsonObject(0);
    assertEquals("wishlist_live", notice.getString("kind"));
    assertEquals(88, notice.getJsonObject("payload").getLong("showId"));

    user.api().delete("/api/wishlist/" + product).expect(204);
    user.api().delete("/api/wishlist/" + product).expectProblem(404, "not_in_wishlist");
    TestNode.api().get("/api/wishlist").expectProblem(401, "unauthorized");
  }

  @Test
  @DisplayName(
      "only the buyer of a delivered order reviews its line, once; the seller replies; a moderator hides")
  void reviews() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    long product = Products.create(seller, 1500, 3).getLong("id");
    Shop.add(buyer, product, 1);
    JsonObject order = Shop.checkout(buyer, "pm_card_visa").getJsonArray("orders").getJsonObject(0);
    long orderId = order.getLong("id");
    long lineId = order.getJsonArray("lines").getJsonObject(0).getLong("id");
    JsonObject review =
        new JsonObject()
            .put("orderLineId", lineId)
            .put("rating", 4)
            .put("text", "Great card, fast shipping");
    buyer
        .api()
        .post("/api/products/" + product + "/reviews", review)
        .expectProblem(409, "not_delivered");
    seller
        .api()
        .post(
            "/api/orders/" + orderId + "/ship",
            new JsonObject().put("carrier", "USPS").put("trackingNumber", "9400"))
        .expect(200);
    buyer.api().post("/api/orders/" + orderId + "/deliver").expect(200);

    Users.create()
        .api()
        .post("/api/products/" + product + "/reviews", review)
        .expectProblem(404, "order_line_not_found");
    buyer
        .api()
        .post("/api/products/" + (product + 1000) + "/reviews", review)
        .expectProblem(404, "order_line_not_found");
    for (JsonObject bad :
        new JsonObject[] {
          review.copy().put("rating", 0),
          review.copy().put("rating", 6),
          review.copy().put("text", ""),
          review.copy().put("text", "x".repeat(4001)),
          review.copy().remove("rating") == null ? review : review.copy().put("extra", 1)
        }) {
      buyer
          .api()
          .post("/api/products/" + product + "/reviews", bad)
          .expectProblem(400, "validation_failed");
    }
    long reviewId =
        buyer
            .api()
            .post("/api/products/" + product + "/reviews", review)
            .expect(201)
            .json()
            .getLong("id");
    buyer
        .api()
        .post("/api/products/" + product + "/reviews", review)
        .expectProblem(409, "already_reviewed");

    Users.create("seller")
        .api()
        .post("/api/reviews/" + reviewId + "/reply", new JsonObject().put("text", "?"))
        .expectProblem(404, "review_not_found");
    seller
        .api()
        .post("/api/reviews/" + reviewId + "/reply", new JsonObject().put("text", "Thank you!"))
        .expect(200);
    seller
        .api()
        .post("/api/reviews/" + reviewId + "/reply", new JsonObject().put("text", "Again"))
        .expectProblem(409, "already_replied");

    JsonObject list =
        TestNode.api().get("/api/products/" + product + "/reviews").expect(200).json();
    assertEquals(1, list.getLong("count"));
    assertEquals(4.0, list.getDouble("averageRating"));
    assertEquals(
        "Thank you!", list.getJsonArray("items").getJsonObject(0).getString("sellerReply"));

    buyer
        .api()
        .post("/api/reviews/" + reviewId + "/visibility", new JsonObject().put("hidden", true))
        .expectProblem(403, "role_required");
    var moderator = Users.create("moderator");
    assertTrue(
        moderator
            .api()
            .post("/api/reviews/" + reviewId + "/visibility", new JsonObject().put("hidden", true))
            .expect(200)
            .json()
            .getBoolean("hidden"));
    assertEquals(
        0, TestNode.api().get("/api/products/" + product + "/reviews").json().getLong("count"));
    assertTrue(
        TestNode.api()
            .get("/api/products/" + product + "/reviews")
            .json()
            .getJsonArray("items")
            .isEmpty());
    assertFalse(
        moderator
            .api()
            .get("/api/products/" + product + "/reviews")
            .json()
            .getJsonArray("items")
            .isEmpty());
  }
}
