package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A creator auctions a partner seller's product")
class CreatorPartnerLotTest {

  @Test
  @DisplayName(
      "only with an accepted partnership, and the won lot's order carries the creator's commission")
  void partnerLot() throws Exception {
    AuctionFixture show = AuctionFixture.liveShow();
    TestUser seller = Users.create("seller");
    TestUser bidder = Users.create();
    long productId =
        seller
            .api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", "Rolleiflex")
                    .put("description", "")
                    .put("category", "cameras")
                    .put("priceCents", 40_000)
                    .put("quantity", 1)
                    .put("imageUrls", new JsonArray()))
            .expect(201)
            .json()
            .getLong("id");
    JsonObject lot =
        new JsonObject()
            .put("productId", productId)
            .put("startingPriceCents", 10_000)
            .put("durationSeconds", 5)
            .put("mode", "sudden_death");
    show.host
        .api()
        .post("/api/shows/" + show.showId + "/lots", lot)
        .expectProblem(403, "product_not_yours");

    long partnership =
        seller
            .api()
            .post(
                "/api/partnerships",
                new JsonObject().put("creatorId", show.host.id()).put("commissionBps", 1_000))
            .expect(201)
            .json()
            .getLong("id");
    show.host.api().post("/api/partnerships/" + partnership + "/accept").expect(200);

    long lotId =
        show.host
            .api()
            .post("/api/shows/" + show.showId + "/lots", lot)
            .expect(201)
            .json()
            .getLong("id");
    assertEquals(seller.id(), AuctionFixture.lot(lotId).getLong("sellerId"));
    show.start(lotId);
    AuctionFixture.bid(bidder, lotId, 10_000);
    JsonObject closed = AuctionFixture.awaitClosed(lotId, 8);
    assertEquals("sold", closed.getString("status"));
    Row line =
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT creator_id, commission_bps, commission_cents FROM order_lines WHERE order_id = $1",
                Tuple.of(closed.getLong("orderId")))
            .await();
    assertEquals(show.host.id(), line.getLong("creator_id"));
    assertEquals(1_000, line.getInteger("commission_bps"));
    assertEquals(1_000, line.getLong("commission_cents"), "10% of the 100.00 hammer price");
    LedgerCheck.assertBalanced();
  }
}
