package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Live auctions over the WebSocket")
class LiveAuctionSocketTest {

  @Test
  @DisplayName(
      "viewers see the snapshot, each accepted bid, the extension and the close; the outbid bidder hears it privately")
  void realTimeLot() throws Exception {
    AuctionFixture show = AuctionFixture.liveShow();
    TestUser alice = Users.create();
    TestUser bob = Users.create();
    JsonObject open =
        show.start(
            show.queue(
                    new JsonObject()
                        .put("startingPriceCents", 1_000)
                        .put("durationSeconds", 5)
                        .put("mode", "standard")
                        .put("extendSeconds", 6))
                .getLong("id"));
    long lotId = open.getLong("id");
    int port = TestNode.get().port();
    try (TestSocket viewer = TestSocket.open(port);
        TestSocket aliceSocket = TestSocket.open(port);
        TestSocket bobSocket = TestSocket.open(port)) {
      JsonObject snapshot = viewer.subscribe("lot:" + lotId);
      assertEquals("snapshot", snapshot.getString("type"));
      assertEquals("open", snapshot.getJsonObject("data").getString("status"));
      assertNotNull(snapshot.getString("serverTime"));

      aliceSocket.auth(alice.accessToken());
      aliceSocket.subscribe("me");
      aliceSocket.send(
          new JsonObject()
              .put("op", "bid")
              .put("lotId", lotId)
              .put("amountCents", 1_000)
              .put("ref", "a-1"));
      JsonObject result = aliceSocket.next("bid.result");
      assertEquals("a-1", result.getString("ref"));
      assertTrue(result.getJsonObject("data").getJsonObject("bid").getBoolean("leading"));

      JsonObject accepted = viewer.nextMatching(f -> "bid.accepted".equals(f.getString("type")));
      assertEquals(1_000, accepted.getJsonObject("data").getLong("amountCents"));
      assertEquals(alice.displayName(), accepted.getJsonObject("data").getString("bidderName"));
      assertEquals(1, accepted.getJsonObject("data").getInteger("bidCount"));
      assertNotNull(accepted.getJsonObject("data").getString("endsAt"));
      JsonObject extended = viewer.nextMatching(f -> "lot.extended".equals(f.getString("type")));
      assertNotNull(extended.getJsonObject("data").getString("endsAt"));

      bobSocket.auth(bob.accessToken());
      bobSocket.send(
          new JsonObject()
              .put("op", "bid")
              .put("lotId", lotId)
              .put("amountCents", 1_050)
              .put("ref", "b-1"));
      assertTrue(
          bobSocket
              .next("bid.result")
              .getJsonObject("data")
              .getJsonObject("bid")
              .getBoolean("leading"));
      JsonObject outbid = aliceSocket.nextMatching(f -> "outbid".equals(f.getString("type")));
      assertEquals(lotId, outbid.getJsonObject("data").getLong("lotId"));

      bobSocket.send(
          new JsonObject()
              .put("op", "bid")
              .put("lotId", lotId)
              .put("amountCents", 10)
              .put("ref", "b-2"));
      JsonObject refused = bobSocket.next("error");
      assertEquals("b-2", refused.getString("ref"));
      assertEquals("bid_too_low", refused.getString("code"));

      JsonObject closed = viewer.nextMatching(f -> "lot.closed".equals(f.getString("type")));
      assertEquals("sold", closed.getJsonObject("data").getString("status"));
      assertEquals(bob.id(), closed.getJsonObject("data").getLong("winnerId"));

      TestSocket late = TestSocket.open(port);
      JsonObject lateSnapshot = late.subscribe("lot:" + lotId);
      assertEquals(
          "sold",
          lateSnapshot.getJsonObject("data").getString("status"),
          "a late joiner sees the exact state");
      late.close();
    }
  }
}
