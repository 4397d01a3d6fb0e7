package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("API keys over the WebSocket hold their scopes as over HTTP")
class SocketKeyScopesTest {

  private static String key(TestUser owner, String... scopes) {
    return owner
        .api()
        .post(
            "/api/me/api-keys",
            new JsonObject()
                .put("name", "socket bot")
                .put("scopes", new JsonArray(List.of(scopes))))
        .expect(201)
        .json()
        .getString("key");
  }

  private static JsonObject bid(long lotId, long cents, String ref) {
    return new JsonObject()
        .put("op", "bid")
        .put("lotId", lotId)
        .put("amountCents", cents)
        .put("ref", ref);
  }

  private static TestSocket socketWithKey(String key) {
    TestSocket socket = TestSocket.open(TestNode.get().port());
    socket.send(new JsonObject().put("op", "auth").put("apiKey", key));
    socket.next("authenticated");
    return socket;
  }

  @Test
  @DisplayName(
      "a read-only key subscribes but cannot bid (insufficient_scope, nothing placed); a trade key"
          + " bids; a trade-only key cannot subscribe")
  void socketOpsHonourKeyScopes() {
    AuctionFixture show = AuctionFixture.liveShow();
    TestUser bidder = Users.create();
    long lotId = show.openLot(1_000, 60).getLong("id");

    try (TestSocket reader = socketWithKey(key(bidder, "read"))) {
      assertEquals("snapshot", reader.subscribe("lot:" + lotId).getString("type"));
      reader.send(bid(lotId, 1_000, "r-1"));
      JsonObject refused = reader.next("error");
      assertEquals("insufficient_scope", refused.getString("code"), refused.encode());
      assertEquals(403, refused.getInteger("status"));
      assertEquals("r-1", refused.getString("ref"));
    }
    // the same key over HTTP gets the same code, and no bid was stored by either
    TestNode.api()
        .with("X-API-Key", key(bidder, "read"))
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_000))
        .expectProblem(403, "insufficient_scope");
    assertEquals(
        0, TestNode.api().get("/api/lots/" + lotId).expect(200).json().getInteger("bidCount"));

    try (TestSocket trader = socketWithKey(key(bidder, "trade"))) {
      trader.send(bid(lotId, 1_000, "t-1"));
      JsonObject placed = trader.next("bid.result").getJsonObject("data").getJsonObject("bid");
      assertEquals(bidder.id(), placed.getLong("bidderId"), placed.encode());
      assertEquals(true, placed.getBoolean("accepted"), placed.encode());
      trader.send(new JsonObject().put("op", "subscribe").put("topic", "lot:" + lotId));
      assertEquals("insufficient_scope", trader.next("error").getString("code"));
    }
  }
}
