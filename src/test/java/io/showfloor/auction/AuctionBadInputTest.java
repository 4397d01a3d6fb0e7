package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bad input to the auction endpoints is refused with a 4xx problem and changes nothing")
class AuctionBadInputTest {
  private AuctionFixture show;
  private TestUser bidder;
  private long lotId;

  @BeforeEach
  void openLot() {
    show = AuctionFixture.liveShow();
    bidder = Users.create();
    lotId = show.openLot(1_000, 60).getLong("id");
  }

  private void assertClientError(Api.Response response) {
    assertTrue(
        response.status() >= 400 && response.status() < 500,
        response.call() + " -> " + response.status() + " " + response.body());
    assertTrue(
        String.valueOf(response.header("Content-Type")).startsWith("application/problem+json"),
        response.body());
  }

  @Test
  @DisplayName(
      "malformed bids: broken JSON, wrong types, negative, absurd, unknown fields, missing amount")
  void malformedBids() {
    Api api = bidder.api();
    String path = "/api/lots/" + lotId + "/bids";
    for (String body :
        new String[] {
          "{",
          "[]",
          "\"bid\"",
          "{\"amountCents\":\"ten\"}",
          "{\"amountCents\":-5}",
          "{\"amountCents\":0}",
          "{\"amountCents\":1.5}",
          "{\"amountCents\":1e30}",
          "{\"amountCents\":99999999999999999999}",
          "{\"amountCents\":1000,\"hack\":true}",
          "{}",
          "{\"maxAmountCents\":5000}"
        }) {
      assertClientError(api.send("POST", path, body, "application/json"));
    }
    assertClientError(
        api.send("POST", path, "amountCents=1000", "application/x-www-form-urlencoded"));
    JsonObject lot = AuctionFixture.lot(lotId);
    assertEquals(0, lot.getInteger("bidCount"));
    assertEquals(1_000, lot.getLong("currentPriceCents"));
  }

  @Test
  @DisplayName("unknown and malformed ids")
  void unknownIds() {
    bidder
        .api()
        .post("/api/lots/999999999/bids", new JsonObject().put("amountCents", 1_000))
        .expectProblem(404, "lot_not_found");
    bidder.api().get("/api/lots/999999999").expectProblem(404, "lot_not_found");
    assertClientError(bidder.api().get("/api/lots/abc"));
    assertClientError(bidder.api().get("/api/lots/-1"));
    show.host.api().post("/api/lots/999999999/start").expectProblem(404, "lot_not_found");
    show.host
        .api()
        .post(
            "/api/shows/999999999/lots",
            new JsonObject()
                .put("productId", 1)
                .put("startingPriceCents", 100)
                .put("durationSeconds", 30)
                .put("mode", "standard"))
        .expectProblem(404, "show_not_found");
  }

  @Test
  @DisplayName("lots with impossible settings or on someone else's show")
  void badLots() {
    long product = show.product();
    String path = "/api/shows/" + show.showId + "/lots";
    JsonObject valid =
        new JsonObject()
            .put("productId", product)
            .put("startingPriceCents", 1_000)
            .put("durationSeconds", 30)
            .put("mode", "standard");
    show.host
        .api()
        .post(path, valid.copy().put("mode", "dutch"))
        .expectProblem(400, "validation_failed");
    show.host
        .api()
        .post(path, valid.copy().put("durationSeconds", 0))
        .expectProblem(400, "validation_failed");
    show.host
        .api()
        .post(path, valid.copy().put("durationSeconds", 999_999))
        .expectProblem(400, "validation_failed");
    show.host
        .api()
        .post(path, valid.copy().put("startingPriceCents", -1))
        .expectProblem(400, "validation_failed");
    show.host
        .api()
        .post(path, valid.copy().put("reservePriceCents", 500))
        .expectProblem(400, "invalid_reserve");
    show.host
        .api()
        .post(path, valid.copy().put("buyNowPriceCents", 900))
        .expectProblem(400, "invalid_buy_now");
    show.host
        .api()
        .post(path, valid.copy().put("productId", 999_999_999))
        .expectProblem(404, "product_not_found");
    bidder.api().post(path, valid).expectProblem(403, "not_show_host");
    TestUser otherSeller = Users.create("seller", "creator");
    AuctionFixture other = AuctionFixture.liveShow();
    other
        .host
        .api()
        .post("/api/shows/" + other.showId + "/lots", valid)
        .expectProblem(403, "product_not_yours");
    bidder.api().post("/api/lots/" + lotId + "/start").expectProblem(403, "not_show_host");
    bidder.api().post("/api/lots/" + lotId + "/cancel").expectProblem(403, "not_show_host");
    otherSeller.api().post("/api/lots/" + lotId + "/cancel").expectProblem(403, "not_show_host");
    assertEquals(1, show.host.api().get(path).expect(200).json().getJsonArray("lots").size());
  }

  @Test
  @DisplayName("actions in the wrong state")
  void wrongState() {
    show.host.api().post("/api/lots/" + lotId + "/start").expectProblem(409, "lot_not_queued");
    new Api(io.showfloor.testing.TestNode.api().base())
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_000))
        .expectProblem(401, "unauthorized");
  }
}
