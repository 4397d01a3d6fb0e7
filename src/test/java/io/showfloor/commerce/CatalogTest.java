package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Products;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Catalog: sellers list, edit, archive and search products")
class CatalogTest {

  @Test
  @DisplayName("a seller creates a product with every field and anyone can read it")
  void createAndRead() {
    var seller = Users.create("seller");
    JsonObject product =
        seller
            .api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("sku", "CARD-001")
                    .put("title", "Rookie card")
                    .put("description", "Mint condition")
                    .put("category", "Trading Cards")
                    .put("condition", "like_new")
                    .put("priceCents", 4599)
                    .put("quantity", 3)
                    .put("shippingCents", 499)
                    .put("imageUrls", new JsonArray().add("https://img.example/1.jpg"))
                    .put("lowStockThreshold", 1))
            .expect(201)
            .json();
    assertEquals("CARD-001", product.getString("sku"));
    assertEquals("trading cards", product.getString("category"));
    assertEquals(seller.id(), product.getLong("sellerId"));
    assertEquals("active", product.getString("status"));
    JsonObject read =
        TestNode.api().get("/api/products/" + product.getLong("id")).expect(200).json();
    assertEquals(4599, read.getLong("priceCents"));
    assertEquals(3, read.getInteger("quantity"));
    assertEquals(499, read.getLong("shippingCents"));
    assertEquals("https://img.example/1.jpg", read.getJsonArray("imageUrls").getString(0));
  }

  @Test
  @DisplayName("a SKU is generated when none is given, and a seller cannot use the same SKU twice")
  void skus() {
    var seller = Users.create("seller");
    assertTrue(Products.create(seller, 100, 1).getString("sku").startsWith("SF-"));
    Products.create(seller, new JsonObject().put("sku", "DUP-1"));
    seller
        .api()
        .post(
            "/api/products",
            new JsonObject()
                .put("sku", "DUP-1")
                .put("title", "x")
                .put("category", "c")
                .put("priceCents", 5)
                .put("quantity", 1))
        .expectProblem(409, "sku_taken");
    Products.create(Users.create("seller"), new JsonObject().put("sku", "DUP-1"));
  }

  @Test
  @DisplayName(
      "only the product's seller may edit or archive it; an archived product leaves search")
  void ownership() {
    var seller = Users.create("seller");
    var other = Users.create("seller");
    long id = Products.create(seller, new JsonObject().put("title", "Owned lamp")).getLong("id");
    other
        .api()
        .patch("/api/products/" + id, new JsonObject().put("priceCents", 1))
        .expectProblem(403, "not_owner");
    other.api().delete("/api/products/" + id).expectProblem(403, "not_owner");
    Users.create()
        .api()
        .patch("/api/products/" + id, new JsonObject().put("priceCents", 1))
        .expectProblem(403, "role_required");
    TestNode.api()
        .patch("/api/products/" + id, new JsonObject().put("priceCents", 1))
        .expectProblem(401, "unauthorized");

    JsonObject edited =
        seller
            .api()
            .patch(
                "/api/products/" + id, new JsonObject().put("priceCents", 2500).put("quantity", 7))
            .expect(200)
            .json();
    assertEquals(2500, edited.getLong("priceCents"));
    assertEquals(7, edited.getInteger("quantity"));
    assertEquals("Owned lamp", edited.getString("title"));

    seller.api().delete("/api/products/" + id).expect(204);
    assertEquals(
        "archived",
        TestNode.api().get("/api/products/" + id).expect(200).json().getString("status"));
    JsonArray listed =
        TestNode.api()
            .get("/api/products?sellerId=" + seller.id())
            .expect(200)
            .json()
            .getJsonArray("items");
    assertTrue(listed.isEmpty());
    JsonArray archived =
        seller
            .api()
            .get("/api/products?sellerId=" + seller.id() + "&status=archived")
            .expect(200)
            .json()
            .getJsonArray("items");
    assertEquals(1, archived.size());
    other
        .api()
        .get("/api/products?sellerId=" + seller.id() + "&status=archived")
        .expectProblem(403, "not_owner");
  }

  @Test
  @DisplayName("search by words, category and seller, newest first, page by page")
  void search() {
    var seller = Users.create("seller");
    String word = "zorblat" + System.nanoTime();
    for (int i = 0; i < 5; i++) {
      Products.create(
          seller,
          new JsonObject().put("title", "Vintage " + word + " no. " + i).put("category", "Toys"));
    }
    Products.create(
        seller, new JsonObject().put("title", "Unrelated kettle").put("category", "kitchen"));
    JsonObject page1 =
        TestNode.api().get("/api/products?q=" + word + "&limit=3").expect(200).json();
    assertEquals(3, page1.getJsonArray("items").size());
    assertTrue(page1.getJsonArray("items").getJsonObject(0).getString("title").endsWith("no. 4"));
    JsonObject page2 =
        TestNode.api()
            .get("/api/products?q=" + word + "&limit=3&before=" + page1.getLong("nextBefore"))
            .expect(200)
            .json();
    assertEquals(2, page2.getJsonArray("items").size());
    assertNull(page2.getValue("nextBefore"));
    assertEquals(
        5,
        TestNode.api()
            .get("/api/products?category=toys&sellerId=" + seller.id())
            .expect(200)
            .json()
            .getJsonArray("items")
            .size());
    assertEquals(
        6,
        TestNode.api()
            .get("/api/products?sellerId=" + seller.id())
            .expect(200)
            .json()
            .getJsonArray("items")
            .size());
  }

  @Test
  @DisplayName("bad product requests get 4xx problem+json and change nothing")
  void badInput() {
    var seller = Users.create("seller");
    long id =
        Products.create(
                seller, new JsonObject().put("title", "Stable title").put("priceCents", 700))
            .getLong("id");
    JsonObject valid =
        new JsonObject()
            .put("title", "t")
            .put("category", "c")
            .put("priceCents", 100)
            .put("quantity", 1);
    List<JsonObject> bad =
        List.of(
            new JsonObject(),
            valid.copy().put("priceCents", 0),
            valid.copy().put("priceCents", -100),
            valid.copy().put("priceCents", 100_000_001L),
            valid.copy().put("priceCents", "100"),
            valid.copy().put("priceCents", 1.5),
            valid.copy().put("quantity", -1),
            valid.copy().put("quantity", 1_000_001),
            valid.copy().put("title", ""),
            valid.copy().put("title", "x".repeat(201)),
            valid.copy().put("condition", "pristine"),
            valid.copy().put("sku", "has space"),
            valid.copy().put("imageUrls", new JsonArray().add("javascript:alert(1)")),
            valid.copy().put("shippingCents", -1),
            valid.copy().put("sellerId", 1),
            valid.copy().remove("category") == null ? valid : valid.copy().put("unknown", 1));
    for (JsonObject body : bad) {
      seller.api().post("/api/products", body).expectProblem(400, "validation_failed");
    }
    seller.api().send("POST", "/api/products", "{\"title\":", "application/json").expect(400);
    seller
        .api()
        .patch("/api/products/" + id, new JsonObject())
        .expectProblem(400, "validation_failed");
    seller
        .api()
        .patch("/api/products/" + id, new JsonObject().put("priceCents", -5))
        .expectProblem(400, "validation_failed");
    seller
        .api()
        .patch("/api/products/" + id, new JsonObject().put("title", "   "))
        .expectProblem(400, "validation_failed");
    seller
        .api()
        .patch("/api/products/999999999", new JsonObject().put("priceCents", 5))
        .expectProblem(404, "product_not_found");
    seller.api().get("/api/products/abc").expectProblem(400, "validation_failed");
    seller.api().get("/api/products/0").expectProblem(400, "validation_failed");
    seller.api().get("/api/products?limit=0").expectProblem(400, "validation_failed");
    seller.api().get("/api/products?sellerId=-3").expectProblem(400, "validation_failed");
    seller.api().get("/api/products?status=deleted").expectProblem(400, "validation_failed");
    JsonObject unchanged = TestNode.api().get("/api/products/" + id).expect(200).json();
    assertEquals("Stable title", unchanged.getString("title"));
    assertEquals(700, unchanged.getLong("priceCents"));
    assertFalse(
        TestNode.api()
                .get("/api/products?sellerId=" + seller.id())
                .json()
                .getJsonArray("items")
                .size()
            > 1);
  }

  @Test
  @DisplayName(
      "a seller's products page newest first, and the last page says so (nextBefore null, no empty page after)")
  void pagesEndOnTheLastItem() {
    var seller = Users.create("seller");
    long first = Products.create(seller, 100, 1).getLong("id");
    long second = Products.create(seller, 200, 1).getLong("id");
    String list = "/api/products?sellerId=" + seller.id();
    JsonObject whole = TestNode.api().get(list + "&limit=2").expect(200).json();
    assertEquals(List.of(second, first), ids(whole));
    assertNull(whole.getValue("nextBefore"));
    JsonObject page1 = TestNode.api().get(list + "&limit=1").expect(200).json();
    assertEquals(List.of(second), ids(page1));
    assertEquals(second, page1.getLong("nextBefore"));
    JsonObject page2 = TestNode.api().get(list + "&limit=1&before=" + second).expect(200).json();
    assertEquals(List.of(first), ids(page2));
    assertNull(page2.getValue("nextBefore"));
  }

  private static List<Long> ids(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getLong("id"))
        .toList();
  }
}
