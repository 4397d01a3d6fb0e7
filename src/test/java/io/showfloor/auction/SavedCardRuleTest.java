package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A show that requires a saved card to bid")
class SavedCardRuleTest {

  private static AuctionFixture liveShowRequiringCard() {
    AuctionFixture show = AuctionFixture.liveShow();
    JsonObject updated =
        show.host
            .api()
            .patch("/api/shows/" + show.showId, new JsonObject().put("requireSavedCard", true))
            .expect(200)
            .json();
    assertTrue(updated.getBoolean("requireSavedCard"));
    return show;
  }

  private static long refusalsStored(long lotId, long bidderId) {
    return TestNode.get()
        .platform()
        .db()
        .one(
            "SELECT count(*) AS n FROM bids WHERE lot_id = $1 AND bidder_id = $2 AND NOT accepted AND reason = 'saved_card_required'",
            Tuple.of(lotId, bidderId))
        .await()
        .getLong("n");
  }

  @Test
  @DisplayName(
      "a show is created without the rule unless the host asks for it, and the host can set it when scheduling")
  void settingOnCreate() {
    TestUser host = Users.create("creator");
    JsonObject plain =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Cards")
                    .put("category", "cards")
                    .put("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
            .expect(201)
            .json();
    assertFalse(plain.getBoolean("requireSavedCard"));
    JsonObject strict =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Cards")
                    .put("category", "cards")
                    .put("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString())
                    .put("requireSavedCard", true))
            .expect(201)
            .json();
    assertTrue(strict.getBoolean("requireSavedCard"));
    assertTrue(
        TestNode.api()
            .get("/api/shows/" + strict.getLong("id"))
            .expect(200)
            .json()
            .getBoolean("requireSavedCard"));
    host.api()
        .patch(
            "/api/shows/" + strict.getLong("id"), new JsonObject().put("requireSavedCard", "yes"))
        .expectProblem(400, "validation_failed");
    Users.create()
        .api()
        .patch(
            "/api/shows/" + strict.getLong("id"), new JsonObject().put("requireSavedCard", false))
        .expectProblem(403, "not_show_host");
  }

  @Test
  @DisplayName(
      "without a saved card, bids, pre-bids and buy-now are refused saved_card_required and the refusals are stored")
  void refusedWithoutCard() {
    AuctionFixture show = liveShowRequiringCard();
    TestUser bidder = Users.create();
    long queued = show.queueStandard(1_000, 60).getLong("id");
    bidder
        .api()
        .post("/api/lots/" + queued + "/bids", new JsonObject().put("amountCents", 1_000))
        .expectProblem(403, "saved_card_required");
    assertEquals(1, refusalsStored(queued, bidder.id()), "the pre-bid refusal is stored");
    show.host.api().post("/api/lots/" + queued + "/cancel").expect(200);

    long lotId =
        show.start(
                show.queue(
                        new JsonObject()
                            .put("startingPriceCents", 1_000)
                            .put("buyNowPriceCents", 9_000)
                            .put("durationSeconds", 60)
                            .put("mode", "standard"))
                    .getLong("id"))
            .getLong("id");
    var keyed = bidder.api().with("Idempotency-Key", "card-rule-1");
    keyed
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_000))
        .expectProblem(403, "saved_card_required");
    keyed
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_000))
        .expectProblem(403, "saved_card_required");
    assertEquals(
        1,
        refusalsStored(lotId, bidder.id()),
        "a retry with the same key is answered, not stored twice");
    bidder.api().post("/api/lots/" + lotId + "/buy-now").expectProblem(403, "saved_card_required");

    try (TestSocket socket = TestSocket.open(TestNode.get().port())) {
      socket.auth(bidder.accessToken());
      socket.send(
          new JsonObject()
              .put("op", "bid")
              .put("lotId", lotId)
              .put("amountCents", 1_000)
              .put("ref", "ws-1"));
      JsonObject error = socket.next("error");
      assertEquals("ws-1", error.getString("ref"));
      assertEquals("saved_card_required", error.getString("code"));
    }
    assertEquals(2, refusalsStored(lotId, bidder.id()));
    assertEquals(0, AuctionFixture.lot(lotId).getInteger("bidCount"));
  }

  @Test
  @DisplayName(
      "with a saved card the same bidder bids; when the host lifts the rule anyone may bid")
  void allowedWithCardOrWhenLifted() {
    AuctionFixture show = liveShowRequiringCard();
    TestUser withCard = Users.create();
    TestUser withoutCard = Users.create();
    withCard
        .api()
        .post("/api/me/cards", new JsonObject().put("paymentMethodId", "pm_card_visa"))
        .expect(201);
    long lotId = show.openLot(1_000, 60).getLong("id");
    // the win is charged at once, so its order must know where to ship
    withCard
        .api()
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_000))
        .expectProblem(409, "address_required");
    withCard.api().post("/api/lots/" + lotId + "/buy-now").expectProblem(409, "address_required");
    io.showfloor.testing.Shop.saveAddress(withCard);
    assertTrue(
        AuctionFixture.bid(withCard, lotId, 1_000).getJsonObject("bid").getBoolean("leading"));
    withoutCard
        .api()
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 2_000))
        .expectProblem(403, "saved_card_required");

    show.host
        .api()
        .patch("/api/shows/" + show.showId, new JsonObject().put("requireSavedCard", false))
        .expect(200);
    assertTrue(
        AuctionFixture.bid(withoutCard, lotId, 2_000).getJsonObject("bid").getBoolean("leading"));
    assertEquals(2, AuctionFixture.lot(lotId).getInteger("bidCount"));
  }
}
