package io.showfloor.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Multipart;
import io.showfloor.testing.Products;
import io.showfloor.testing.Sales;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Photos attached to reports and return requests")
class AttachedPhotosTest {
  private static JsonObject photo(Users.TestUser owner, String purpose) {
    return new Multipart()
        .field("purpose", purpose)
        .file("file", "evidence.jpg", "image/jpeg", TestImages.jpeg(900, 600))
        .send(owner.api(), "POST", "/api/media")
        .expect(201)
        .json();
  }

  @Test
  @DisplayName(
      "a report carries the reporter's own photos; someone else's photo is refused and nothing is filed")
  void report() {
    Users.TestUser seller = Users.create("seller");
    long productId = Products.create(seller, 2500, 1).getLong("id");
    Users.TestUser reporter = Users.create();
    JsonObject mine = photo(reporter, "report");
    JsonObject theirs = photo(Users.create(), "report");
    JsonObject body =
        new JsonObject()
            .put("targetType", "product")
            .put("targetId", productId)
            .put("reason", "counterfeit");

    reporter
        .api()
        .post(
            "/api/reports", body.copy().put("photoIds", new JsonArray().add(theirs.getLong("id"))))
        .expectProblem(400, "photo_not_found");
    assertTrue(
        reporter.api().get("/api/reports").expect(200).json().getJsonArray("items").isEmpty());

    JsonObject report =
        reporter
            .api()
            .post(
                "/api/reports",
                body.copy().put("photoIds", new JsonArray().add(mine.getLong("id"))))
            .expect(201)
            .json();
    JsonObject attached = report.getJsonArray("photos").getJsonObject(0);
    assertEquals(mine.getLong("id"), attached.getLong("id"));
    assertEquals(mine.getString("url"), attached.getString("url"));
    assertEquals(mine.getString("thumbnailUrl"), attached.getString("thumbnailUrl"));
    TestNode.api().get(attached.getString("thumbnailUrl")).expect(200);
  }

  @Test
  @DisplayName("a return request carries the buyer's photos, which the seller sees")
  void returnRequest() {
    Users.TestUser seller = Users.create("seller");
    Users.TestUser buyer = Users.create();
    long orderId = Sales.buy(buyer, Sales.product(seller, 4000, 0), 1);
    Sales.deliver(seller, orderId);
    JsonObject mine = photo(buyer, "return");
    JsonObject body =
        new JsonObject().put("reason", "damaged").put("message", "Cracked in the box");

    buyer
        .api()
        .post(
            "/api/orders/" + orderId + "/return-requests",
            body.copy().put("photoIds", new JsonArray().add(photo(seller, "return").getLong("id"))))
        .expectProblem(400, "photo_not_found");
    JsonObject request =
        buyer
            .api()
            .post(
                "/api/orders/" + orderId + "/return-requests",
                body.copy().put("photoIds", new JsonArray().add(mine.getLong("id"))))
            .expect(201)
            .json();
    assertEquals(
        mine.getString("url"), request.getJsonArray("photos").getJsonObject(0).getString("url"));
    JsonObject seen =
        seller.api().get("/api/return-requests/" + request.getLong("id")).expect(200).json();
    assertEquals(
        mine.getString("url"), seen.getJsonArray("photos").getJsonObject(0).getString("url"));
  }
}
