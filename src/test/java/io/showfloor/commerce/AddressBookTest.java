package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Eventually;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The address book, and the address on orders made without a checkout")
class AddressBookTest {
  private static JsonObject address(String name, String postalCode, String country) {
    return new JsonObject()
        .put("name", name)
        .put("line1", "1 Long Road")
        .put("city", "Town")
        .put("postalCode", postalCode)
        .put("country", country);
  }

  private static JsonArray book(TestUser user) {
    return user.api().get("/api/me/addresses").expect(200).json().getJsonArray("items");
  }

  @Test
  @DisplayName(
      "addresses are saved, listed and changed with one default; postal codes are checked by country; bad input changes nothing")
  void addressBook() {
    TestUser ada = Users.create();
    TestNode.api().get("/api/me/addresses").expectProblem(401, "unauthorized");
    assertTrue(book(ada).isEmpty());

    JsonObject home =
        ada.api().post("/api/me/addresses", address("Ada Home", "94107", "US")).expect(201).json();
    assertTrue(home.getBoolean("isDefault"), "the first address becomes the default");
    JsonObject london =
        ada.api()
            .post("/api/me/addresses", address("Ada London", "sw1a1aa", "GB"))
            .expect(201)
            .json();
    assertFalse(london.getBoolean("isDefault"));
    assertEquals("SW1A 1AA", london.getString("postalCode"), "written the British way");
    assertEquals(
        "K1A 0B1",
        ada.api()
            .post("/api/me/addresses", address("Ada Ottawa", "k1a0b1", "CA"))
            .expect(201)
            .json()
            .getString("postalCode"));
    JsonObject berlin =
        ada.api()
            .post("/api/me/addresses", address("Ada Berlin", "10115", "DE").put("isDefault", true))
            .expect(201)
            .json();
    assertTrue(berlin.getBoolean("isDefault"));
    JsonArray all = book(ada);
    assertEquals(4, all.size());
    assertEquals(
        berlin.getLong("id"), all.getJsonObject(0).getLong("id"), "the default is listed first");
    assertEquals(
        1,
        all.stream().filter(a -> ((JsonObject) a).getBoolean("isDefault")).count(),
        "one default");

    for (String[] bad :
        new String[][] {
          {"9410", "US"},
          {"SW1A 1AA", "US"},
          {"12345", "CA"},
          {"12345", "GB"},
          {"1011", "DE"},
          {"75 008", "FR"}
        }) {
      JsonObject problem =
          ada.api()
              .post("/api/me/addresses", address("Ada", bad[0], bad[1]))
              .expectProblem(400, "invalid_postal_code");
      assertTrue(problem.getString("detail").contains(bad[1]), problem.encode());
    }
    ada.api()
        .post("/api/me/addresses", address("   ", "94107", "US"))
        .expectProblem(400, "validation_failed");
    ada.api()
        .post("/api/me/addresses", address("Ada", "94107", "usa"))
        .expectProblem(400, "validation_failed");
    ada.api()
        .post("/api/me/addresses", address("Ada", "94107", "US").put("planet", "Earth"))
        .expectProblem(400, "validation_failed");
    ada.api()
        .post("/api/me/addresses", new JsonObject().put("name", "Ada"))
        .expectProblem(400, "validation_failed");
    ada.api()
        .patch(
            "/api/me/addresses/" + home.getLong("id"), new JsonObject().put("postalCode", "ABCDE"))
        .expectProblem(400, "invalid_postal_code");
    assertEquals(4, book(ada).size(), "refusals change nothing");
    assertEquals(
        "94107",
        book(ada).stream()
            .map(JsonObject.class::cast)
            .filter(a -> a.getLong("id").equals(home.getLong("id")))
            .findFirst()
            .orElseThrow()
            .getString("postalCode"));

    JsonObject moved =
        ada.api()
            .patch(
                "/api/me/addresses/" + home.getLong("id"),
                new JsonObject()
                    .put("postalCode", "75008")
                    .put("country", "FR")
                    .put("isDefault", true))
            .expect(200)
            .json();
    assertEquals("FR", moved.getString("country"));
    assertTrue(moved.getBoolean("isDefault"));
    assertEquals(
        1, book(ada).stream().filter(a -> ((JsonObject) a).getBoolean("isDefault")).count());

    TestUser stranger = Users.create();
    stranger
        .api()
        .patch("/api/me/addresses/" + home.getLong("id"), new JsonObject().put("city", "Elsewhere"))
        .expectProblem(404, "address_not_found");
    stranger
        .api()
        .delete("/api/me/addresses/" + home.getLong("id"))
        .expectProblem(404, "address_not_found");

    ada.api().delete("/api/me/addresses/" + home.getLong("id")).expect(204);
    JsonArray after = book(ada);
    assertEquals(3, after.size());
    assertEquals(
        1,
        after.stream().filter(a -> ((JsonObject) a).getBoolean("isDefault")).count(),
        "deleting the default promotes another");
  }

  @Test
  @DisplayName(
      "a buy-now order carries the default address of that moment; the buyer changes it until it ships; a paid order without one cannot ship (409 address_missing)")
  void addressOnOrders() {
    TestUser host = Users.create("creator", "seller");
    long showId =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Maps")
                    .put("category", "maps")
                    .put("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
            .expect(201)
            .json()
            .getLong("id");
    host.api().post("/api/shows/" + showId + "/start").expect(200);

    // with a default address: the order snapshots it
    TestUser ada = Users.create();
    JsonObject saved =
        ada.api().post("/api/me/addresses", address("Ada Home", "94107", "US")).expect(201).json();
    long first = buyNow(host, showId, ada);
    JsonObject order = ada.api().get("/api/orders/" + first).expect(200).json();
    assertEquals("94107", order.getJsonObject("shippingAddress").getString("postalCode"));
    assertEquals("Ada Home", order.getJsonObject("shippingAddress").getString("name"));
    ada.api()
        .patch(
            "/api/me/addresses/" + saved.getLong("id"), new JsonObject().put("name", "Ada Renamed"))
        .expect(200);
    assertEquals(
        "Ada Home",
        ada.api()
            .get("/api/orders/" + first)
            .expect(200)
            .json()
            .getJsonObject("shippingAddress")
            .getString("name"),
        "the order keeps the address it was made with");

    // without one, and charged off-session: paid, but nowhere to ship until the buyer says where
    TestUser bob = Users.create();
    bob.api()
        .post("/api/me/cards", new JsonObject().put("paymentMethodId", "pm_card_visa"))
        .expect(201);
    long second = buyNow(host, showId, bob);
    Eventually.until(
        () ->
            "paid"
                .equals(
                    bob.api().get("/api/orders/" + second).expect(200).json().getString("status")),
        "the saved card is charged");
    assertNull(
        bob.api().get("/api/orders/" + second).expect(200).json().getValue("shippingAddress"));
    JsonObject ship = new JsonObject().put("carrier", "UPS").put("trackingNumber", "1Z1");
    host.api().post("/api/orders/" + second + "/ship", ship).expectProblem(409, "address_missing");

    ada.api()
        .patch("/api/orders/" + second + "/shipping-address", address("Ada", "94107", "US"))
        .expectProblem(404, "order_not_found");
    bob.api()
        .patch("/api/orders/" + second + "/shipping-address", address("Bob", "123", "US"))
        .expectProblem(400, "invalid_postal_code");
    bob.api()
        .patch(
            "/api/orders/" + second + "/shipping-address",
            new JsonObject().put("addressId", saved.getLong("id")))
        .expectProblem(404, "address_not_found");
    bob.api()
        .patch(
            "/api/orders/" + second + "/shipping-address",
            new JsonObject().put("addressId", 1).put("name", "x"))
        .expectProblem(400, "validation_failed");
    long bobs =
        bob.api()
            .post("/api/me/addresses", address("Bob Flat", "M1 1AE", "GB"))
            .expect(201)
            .json()
            .getLong("id");
    JsonObject changed =
        bob.api()
            .patch(
                "/api/orders/" + second + "/shipping-address",
                new JsonObject().put("addressId", bobs))
            .expect(200)
            .json();
    assertEquals("M1 1AE", changed.getJsonObject("shippingAddress").getString("postalCode"));

    host.api().post("/api/orders/" + second + "/ship", ship).expect(200);
    bob.api()
        .patch("/api/orders/" + second + "/shipping-address", address("Bob", "94107", "US"))
        .expectProblem(409, "order_state");
    assertEquals(
        "M1 1AE",
        bob.api()
            .get("/api/orders/" + second)
            .expect(200)
            .json()
            .getJsonObject("shippingAddress")
            .getString("postalCode"));
  }

  private static long buyNow(TestUser host, long showId, TestUser buyer) {
    long productId =
        host.api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", "Old map")
                    .put("description", "")
                    .put("category", "maps")
                    .put("priceCents", 9_000)
                    .put("quantity", 1)
                    .put("imageUrls", new JsonArray()))
            .expect(201)
            .json()
            .getLong("id");
    long lotId =
        host.api()
            .post(
                "/api/shows/" + showId + "/lots",
                new JsonObject()
                    .put("productId", productId)
                    .put("startingPriceCents", 1_000)
                    .put("buyNowPriceCents", 9_000)
                    .put("durationSeconds", 60)
                    .put("mode", "standard"))
            .expect(201)
            .json()
            .getLong("id");
    host.api().post("/api/lots/" + lotId + "/start").expect(200);
    return buyer
        .api()
        .post("/api/lots/" + lotId + "/buy-now")
        .expect(200)
        .json()
        .getLong("orderId");
  }
}
