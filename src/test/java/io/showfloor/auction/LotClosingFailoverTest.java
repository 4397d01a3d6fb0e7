package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.Showfloor;
import io.showfloor.platform.config.Settings;
import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Closing survives the node that opened the lot")
class LotClosingFailoverTest {

  @Test
  @DisplayName(
      "a lot opened on a node that then stops still closes on time on the node that is left")
  void closesAfterItsNodeStops() throws Exception {
    Settings shared = TestNode.get().platform().settings();
    String secret = Files.readString(shared.dataDir().resolve("jwt-secret")).trim();
    Showfloor second =
        Showfloor.start(
            TestNode.settings(Path.of("target", "test-data", "second"), true)
                .with("database.url", shared.string("database.url", null))
                .with("redis.url", shared.string("redis.url", null))
                .with("jwt.secret", secret));
    AuctionFixture show = AuctionFixture.liveShow();
    TestUser bidder = Users.create();
    long lotId;
    try {
      Api viaSecond = new Api("http://127.0.0.1:" + second.port());
      long queued =
          show.queue(
                  new JsonObject()
                      .put("startingPriceCents", 2_000)
                      .put("durationSeconds", 5)
                      .put("mode", "sudden_death"))
              .getLong("id");
      lotId =
          viaSecond
              .as(show.host.accessToken())
              .post("/api/lots/" + queued + "/start")
              .expect(200)
              .json()
              .getLong("id");
      viaSecond
          .as(bidder.accessToken())
          .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 2_000))
          .expect(201);
    } finally {
      second.stop();
    }
    JsonObject closed = AuctionFixture.awaitClosed(lotId, 8);
    assertEquals("sold", closed.getString("status"));
    assertEquals(bidder.id(), closed.getLong("winnerId"));
  }
}
