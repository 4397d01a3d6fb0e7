package io.showfloor.auction;

import static io.showfloor.auction.AuctionFixture.bid;
import static io.showfloor.auction.AuctionFixture.lot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bids replayed by their key, and the pages of bids and giveaway entries")
class BidReplayAndPagingTest {

  @Test
  @DisplayName(
      "a refused bid retried with its key answers the same problem in the same words, even once the bid would be accepted")
  void refusedBidReplays() {
    AuctionFixture show = AuctionFixture.liveShow();
    TestUser alice = Users.create();
    long lotId = show.openLot(1_000, 60).getLong("id");
    var keyed = alice.api().with("Idempotency-Key", "low-1");
    var first =
        keyed.post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 500));
    JsonObject problem = first.expectProblem(409, "bid_too_low");
    var again =
        keyed.post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_000));
    JsonObject replayed = again.expectProblem(409, "bid_too_low");
    assertEquals(problem.getString("detail"), replayed.getString("detail"));
    assertEquals(problem.getString("title"), replayed.getString("title"));
    assertNull(
        again.header("Idempotent-Replayed"), "bids answer a replay as it was, without the header");
    assertEquals(0, lot(lotId).getInteger("bidCount"));
    assertEquals("bid_too_low", outcomeOf(alice.id(), "low-1"));
  }

  @Test
  @DisplayName(
      "an accepted bid retried with its key answers 201 with the same bid, stored as accepted")
  void acceptedBidReplays() {
    AuctionFixture show = AuctionFixture.liveShow();
    TestUser alice = Users.create();
    long lotId = show.openLot(1_000, 60).getLong("id");
    var keyed = alice.api().with("Idempotency-Key", "ok-1");
    JsonObject first =
        keyed
            .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_100))
            .expect(201)
            .json()
            .getJsonObject("bid");
    var again =
        keyed
            .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_100))
            .expect(201);
    JsonObject replayed = again.json().getJsonObject("bid");
    assertEquals(first, replayed);
    assertNull(again.header("Idempotent-Replayed"));
    assertEquals("accepted", outcomeOf(alice.id(), "ok-1"));
  }

  @Test
  @DisplayName(
      "a socket bid resent with the same ref gets the first answer, and an HTTP bid with that key gets it too")
  void socketAndHttpShareOnePath() {
    AuctionFixture show = AuctionFixture.liveShow();
    TestUser alice = Users.create();
    long lotId = show.openLot(1_000, 60).getLong("id");
    JsonObject frame =
        new JsonObject()
            .put("op", "bid")
            .put("lotId", lotId)
            .put("amountCents", 1_000)
            .put("ref", "same-ref");
    long bidId;
    try (TestSocket socket = TestSocket.open(TestNode.get().port())) {
      socket.auth(alice.accessToken());
      socket.send(frame);
      bidId = socket.next("bid.result").getJsonObject("data").getJsonObject("bid").getLong("id");
      socket.send(frame);
      assertEquals(
          bidId,
          socket.next("bid.result").getJsonObject("data").getJsonObject("bid").getLong("id"));
      socket.send(
          new JsonObject()
              .put("op", "bid")
              .put("lotId", lotId)
              .put("amountCents", -5)
              .put("ref", "bad"));
      assertEquals("validation_failed", socket.next("error").getString("code"));
    }
    JsonObject overHttp =
        alice
            .api()
            .with("Idempotency-Key", "same-ref")
            .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_000))
            .expect(201)
            .json();
    assertEquals(bidId, overHttp.getJsonObject("bid").getLong("id"));
    assertEquals(1, lot(lotId).getInteger("bidCount"));
  }

  @Test
  @DisplayName(
      "the bid history pages newest first and says nextBefore null on the last page, even when it is full")
  void bidHistoryPages() {
    AuctionFixture show = AuctionFixture.liveShow();
    TestUser alice = Users.create();
    TestUser bob = Users.create();
    long lotId = show.openLot(1_000, 60).getLong("id");
    bid(alice, lotId, 1_000);
    bid(bob, lotId, 1_100);
    bid(alice, lotId, 1_200);
    bid(bob, lotId, 1_300);
    String path = "/api/lots/" + lotId + "/bids";
    JsonObject all = TestNode.api().get(path + "?limit=4").expect(200).json();
    assertEquals(4, all.getJsonArray("bids").size());
    assertNull(all.getValue("nextBefore"), "no empty page after a full last one");
    JsonObject first = TestNode.api().get(path + "?limit=3").expect(200).json();
    JsonArray bids = first.getJsonArray("bids");
    assertEquals(3, bids.size());
    assertEquals(1_300, bids.getJsonObject(0).getLong("amountCents"));
    assertNull(
        bids.getJsonObject(0).getValue("maxAmountCents"), "a maximum stays the bidder's own");
    assertNotNull(bids.getJsonObject(0).getString("createdAt"));
    Long nextBefore = first.getLong("nextBefore");
    assertEquals(bids.getJsonObject(2).getLong("id"), nextBefore);
    JsonObject second =
        TestNode.api().get(path + "?limit=3&before=" + nextBefore).expect(200).json();
    assertEquals(1, second.getJsonArray("bids").size());
    assertEquals(1_000, second.getJsonArray("bids").getJsonObject(0).getLong("amountCents"));
    assertNull(second.getValue("nextBefore"));
  }

  @Test
  @DisplayName(
      "giveaway entries page in entry order and say nextAfter null on the last page, even when it is full")
  void giveawayEntriesPage() {
    AuctionFixture show = AuctionFixture.liveShow();
    long id =
        show.host
            .api()
            .post(
                "/api/shows/" + show.showId + "/giveaways",
                new JsonObject().put("title", "Free lens cap").put("durationSeconds", 60))
            .expect(201)
            .json()
            .getLong("id");
    for (int i = 0; i < 3; i++) {
      TestUser user = Users.create();
      Shop.saveAddress(user);
      user.api().post("/api/giveaways/" + id + "/entries").expect(201);
    }
    String path = "/api/giveaways/" + id + "/entries";
    JsonObject all = TestNode.api().get(path + "?limit=3").expect(200).json();
    assertEquals(3, all.getJsonArray("entries").size());
    assertNull(all.getValue("nextAfter"));
    JsonObject first = TestNode.api().get(path + "?limit=2").expect(200).json();
    assertEquals(2, first.getLong("nextAfter"));
    assertNotNull(first.getJsonArray("entries").getJsonObject(0).getString("displayName"));
    JsonObject rest = TestNode.api().get(path + "?limit=2&after=2").expect(200).json();
    assertEquals(3, rest.getJsonArray("entries").getJsonObject(0).getInteger("entryNo"));
    assertNull(rest.getValue("nextAfter"));
  }

  private static String outcomeOf(long bidderId, String key) {
    return TestNode.get()
        .platform()
        .db()
        .one(
            "SELECT outcome FROM bids WHERE bidder_id = $1 AND idempotency_key = $2",
            Tuple.of(bidderId, key))
        .await()
        .getString("outcome");
  }
}
