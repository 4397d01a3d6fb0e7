package io.showfloor.auction;

import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A live show with a host who sells, and a way to queue lots on it. */
final class AuctionFixture {
  final TestUser host;
  final long showId;

  private AuctionFixture(TestUser host, long showId) {
    this.host = host;
    this.showId = showId;
  }

  static AuctionFixture liveShow() {
    TestUser host = Users.create("creator", "seller");
    long showId =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Vintage cameras")
                    .put("description", "Film bodies and lenses")
                    .put("category", "cameras")
                    .put("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
            .expect(201)
            .json()
            .getLong("id");
    host.api().post("/api/shows/" + showId + "/start").expect(200);
    return new AuctionFixture(host, showId);
  }

  long product() {
    return host.api()
        .post(
            "/api/products",
            new JsonObject()
                .put("title", "Leica M3")
                .put("description", "Double stroke, 1955")
                .put("category", "cameras")
                .put("priceCents", 150_000)
                .put("quantity", 1)
                .put("imageUrls", new JsonArray()))
        .expect(201)
        .json()
        .getLong("id");
  }

  JsonObject queue(JsonObject lot) {
    if (!lot.containsKey("productId")) {
      lot.put("productId", product());
    }
    return host.api().post("/api/shows/" + showId + "/lots", lot).expect(201).json();
  }

  JsonObject queueStandard(long startingPriceCents, int durationSeconds) {
    return queue(
        new JsonObject()
            .put("startingPriceCents", startingPriceCents)
            .put("durationSeconds", durationSeconds)
            .put("mode", "standard"));
  }

  JsonObject start(long lotId) {
    return host.api().post("/api/lots/" + lotId + "/start").expect(200).json();
  }

  JsonObject openLot(long startingPriceCents, int durationSeconds) {
    return start(queueStandard(startingPriceCents, durationSeconds).getLong("id"));
  }

  static JsonObject bid(TestUser bidder, long lotId, long amountCents) {
    return bidder
        .api()
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", amountCents))
        .expect(201)
        .json();
  }

  static JsonObject bidUpTo(TestUser bidder, long lotId, long amountCents, long maxCents) {
    return bidder
        .api()
        .post(
            "/api/lots/" + lotId + "/bids",
            new JsonObject().put("amountCents", amountCents).put("maxAmountCents", maxCents))
        .expect(201)
        .json();
  }

  static JsonObject lot(long lotId) {
    return io.showfloor.testing.TestNode.api().get("/api/lots/" + lotId).expect(200).json();
  }

  /** Fast-forwards an open lot to its deadline (as if its time ran out) and waits for the close. */
  static JsonObject runOut(long lotId) throws InterruptedException {
    io.showfloor.testing.TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE lots SET ends_at = clock_timestamp() WHERE id = $1 AND status = 'open'",
            io.vertx.sqlclient.Tuple.of(lotId))
        .await();
    return awaitClosed(lotId, 5);
  }

  /**
   * Polls until the lot has left 'open' (closing is on the server's clock), at most {@code
   * seconds}.
   */
  static JsonObject awaitClosed(long lotId, int seconds) throws InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    JsonObject lot = lot(lotId);
    while ("open".equals(lot.getString("status")) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      lot = lot(lotId);
    }
    return lot;
  }
}
