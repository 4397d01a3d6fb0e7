package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Products;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Host profiles: the verified badge after an admin's review, and an explained trust score")
class HostProfileTest {

  @Test
  @DisplayName(
      "a host asks for the badge, an admin grants it, shows carry it, and it can be revoked")
  void verification() {
    TestUser host = ShowFixtures.creator();
    TestUser admin = Users.create("admin");
    TestUser viewer = Users.create();
    long show = ShowFixtures.scheduled(host);
    assertFalse(
        TestNode.api().get("/api/hosts/" + host.id()).expect(200).json().getBoolean("verified"));

    viewer
        .api()
        .post("/api/me/host-verification", new JsonObject())
        .expectProblem(403, "role_required");
    assertEquals(
        "none", host.api().get("/api/me/host-verification").expect(200).json().getString("status"));
    TestNode.api().get("/api/me/host-verification").expectProblem(401, "unauthorized");
    admin
        .api()
        .put(
            "/api/admin/hosts/" + host.id() + "/verification",
            new JsonObject().put("decision", "verified"))
        .expectProblem(409, "verification_not_reviewable");
    host.api()
        .post("/api/me/host-verification", new JsonObject().put("note", "I run a shop since 2015"))
        .expect(201);
    host.api()
        .post("/api/me/host-verification", new JsonObject())
        .expectProblem(409, "verification_exists");
    JsonObject mine = host.api().get("/api/me/host-verification").expect(200).json();
    assertEquals("pending", mine.getString("status"));
    assertEquals("I run a shop since 2015", mine.getString("requestNote"));
    JsonArray pending = admin.api().get("/api/admin/host-verifications").expect(200).array();
    assertTrue(pending.stream().anyMatch(p -> ((JsonObject) p).getLong("hostId") == host.id()));
    host.api().get("/api/admin/host-verifications").expectProblem(403, "role_required");
    host.api()
        .put(
            "/api/admin/hosts/" + host.id() + "/verification",
            new JsonObject().put("decision", "verified"))
        .expectProblem(403, "role_required");

    admin
        .api()
        .put(
            "/api/admin/hosts/" + host.id() + "/verification",
            new JsonObject().put("decision", "verified").put("note", "ok"))
        .expect(200);
    assertTrue(TestNode.api().get("/api/hosts/" + host.id()).json().getBoolean("verified"));
    assertEquals(
        "ok",
        host.api().get("/api/me/host-verification").expect(200).json().getString("reviewNote"));
    assertTrue(
        TestNode.api()
            .get("/api/shows/" + show)
            .json()
            .getJsonObject("host")
            .getBoolean("verified"));

    admin
        .api()
        .put(
            "/api/admin/hosts/" + host.id() + "/verification",
            new JsonObject().put("decision", "revoked"))
        .expect(200);
    assertFalse(TestNode.api().get("/api/hosts/" + host.id()).json().getBoolean("verified"));
    admin
        .api()
        .put(
            "/api/admin/hosts/" + host.id() + "/verification",
            new JsonObject().put("decision", "maybe"))
        .expectProblem(400, "validation_failed");
    admin
        .api()
        .put(
            "/api/admin/hosts/" + viewer.id() + "/verification",
            new JsonObject().put("decision", "verified"))
        .expectProblem(404, "host_not_found");
    TestNode.api().get("/api/hosts/" + viewer.id()).expectProblem(404, "host_not_found");
  }

  @Test
  @DisplayName("the trust score explains its inputs and weights, and counts only inputs with data")
  void trust() {
    TestUser host = ShowFixtures.creator();
    JsonObject fresh = TestNode.api().get("/api/hosts/" + host.id()).json().getJsonObject("trust");
    assertNull(fresh.getInteger("score"), "no history, no score");
    assertEquals(7, fresh.getJsonArray("inputs").size());

    for (int i = 0; i < 3; i++) {
      long id = ShowFixtures.live(host);
      host.api().post("/api/shows/" + id + "/end").expect(200);
    }
    host.api().post("/api/shows/" + ShowFixtures.scheduled(host) + "/cancel").expect(200);
    JsonObject profile = TestNode.api().get("/api/hosts/" + host.id()).json();
    assertEquals(3, profile.getJsonObject("shows").getLong("ended"));
    JsonObject trust = profile.getJsonObject("trust");
    JsonObject reliability = input(trust, "showReliability");
    assertTrue(reliability.getBoolean("available"));
    assertEquals(0.75, reliability.getDouble("value"));
    assertEquals(10, reliability.getInteger("weight"));
    assertFalse(input(trust, "completedOrders").getBoolean("available"));
    assertEquals(20, input(trust, "completedOrders").getInteger("weight"));
    assertEquals(
        1.0,
        input(trust, "upheldReports").getDouble("value"),
        "a track record and no upheld reports");
    // (10 × 0.75 + 5 × 3/20 + 15 × 1) / 30 = 0.775
    assertEquals(78, trust.getInteger("score"));
    double contributions =
        trust.getJsonArray("inputs").stream()
            .mapToDouble(o -> ((JsonObject) o).getDouble("contribution"))
            .sum();
    assertEquals(77.5, contributions, 0.2);
  }

  private static JsonObject input(JsonObject trust, String name) {
    return trust.getJsonArray("inputs").stream()
        .map(o -> (JsonObject) o)
        .filter(i -> name.equals(i.getString("name")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName(
      "orders feed the score: delivered, shipped on time, rated and refunded orders of the host")
  void trustFromOrders() {
    TestUser host = Users.create("creator", "seller");
    long product = Products.create(host, 2000, 10).getLong("id");
    TestUser happy = Users.create();
    Shop.add(happy, product, 1);
    JsonObject delivered =
        Shop.checkout(happy, "pm_card_visa").getJsonArray("orders").getJsonObject(0);
    long order = delivered.getLong("id");
    host.api()
        .post(
            "/api/orders/" + order + "/ship",
            new JsonObject().put("carrier", "UPS").put("trackingNumber", "1Z1"))
        .expect(200);
    happy.api().post("/api/orders/" + order + "/deliver").expect(200);
    long line =
        happy
            .api()
            .get("/api/orders/" + order)
            .json()
            .getJsonArray("lines")
            .getJsonObject(0)
            .getLong("id");
    happy
        .api()
        .post(
            "/api/products/" + product + "/reviews",
            new JsonObject()
                .put("orderLineId", line)
                .put("rating", 4)
                .put("text", "Fast and as described"))
        .expect(201);
    TestUser unhappy = Users.create();
    Shop.add(unhappy, product, 1);
    long refunded =
        Shop.checkout(unhappy, "pm_card_visa")
            .getJsonArray("orders")
            .getJsonObject(0)
            .getLong("id");
    host.api()
        .post("/api/orders/" + refunded + "/refund", new JsonObject().put("amountCents", 2000))
        .expect(201);

    JsonObject profile = TestNode.api().get("/api/hosts/" + host.id()).expect(200).json();
    assertEquals(2, profile.getJsonObject("orders").getLong("paid"));
    JsonObject trust = profile.getJsonObject("trust");
    assertEquals(
        0.02,
        input(trust, "completedOrders").getDouble("value"),
        "1 delivered of the 50 for full marks");
    assertEquals(
        1.0,
        input(trust, "onTimeShipping").getDouble("value"),
        "the shipped order went out at once; the other is not due");
    assertEquals(0.75, input(trust, "ratings").getDouble("value"), "4 stars");
    assertEquals(0.5, input(trust, "refunds").getDouble("value"), "1 of 2 refunded");
    assertEquals(
        1.0,
        input(trust, "upheldReports").getDouble("value"),
        "paid orders are a track record; no upheld reports");
    assertFalse(
        input(trust, "showReliability").getBoolean("available"), "no shows held or missed yet");
    // (20 × 0.02 + 20 × 1 + 20 × 0.75 + 10 × 0.5 + 15 × 1) / 85 = 0.651…
    assertEquals(65, trust.getInteger("score"));
  }
}
