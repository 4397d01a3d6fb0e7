package io.showfloor.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hammer-price estimates for lots from similar sold lots")
class LotEstimateTest {
  // generated history: hammer = start x a log-normal ratio with median 1.8 and sigma 0.3, so the
  // true 10th and 90th percentiles are 1.8 x e^(-+1.2816 x 0.3) = 1.226 and 2.644
  private static final double MEDIAN = 1.8;
  private static final double SIGMA = 0.3;
  private static TestUser host;
  private static long showId;
  private static long productId;
  private static String category;

  @BeforeAll
  static void history() {
    host = Users.create("creator", "seller");
    category = "insight-cameras-" + System.nanoTime();
    showId =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Estimates")
                    .put("description", "Lots with a past")
                    .put("category", "cameras")
                    .put("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
            .expect(201)
            .json()
            .getLong("id");
    host.api().post("/api/shows/" + showId + "/start").expect(200);
    productId = product(category);
    Random random = new Random(1);
    Instant closed = Instant.now().minus(200, ChronoUnit.DAYS);
    for (int i = 0; i < 200; i++) {
      long start = 2_000 + random.nextInt(20) * 500L;
      long hammer = Math.round(start * MEDIAN * Math.exp(SIGMA * random.nextGaussian()));
      closed = closed.plus(1, ChronoUnit.DAYS);
      TestNode.get()
          .platform()
          .db()
          .query(
              """
              INSERT INTO lots (show_id, product_id, seller_id, host_id, position, status, mode,
                starting_price_cents, duration_seconds, current_price_cents, hammer_price_cents, opened_at, closed_at)
              VALUES ($1, $2, $3, $3, $4, 'sold', 'standard', $5, 30, $6, $6, $7, $7)""",
              Tuple.of(
                  showId,
                  productId,
                  host.id(),
                  1000 + i,
                  start,
                  hammer,
                  closed.atOffset(java.time.ZoneOffset.UTC)))
          .await();
    }
  }

  private static long product(String category) {
    return host.api()
        .post(
            "/api/products",
            new JsonObject()
                .put("title", "Rangefinder")
                .put("description", "Film body")
                .put("category", category)
                .put("priceCents", 10_000)
                .put("quantity", 1)
                .put("imageUrls", new JsonArray()))
        .expect(201)
        .json()
        .getLong("id");
  }

  private static long queue(long startingPriceCents) {
    return host.api()
        .post(
            "/api/shows/" + showId + "/lots",
            new JsonObject()
                // each lot sells its own item (a product of quantity 1 is in one lot at a time)
                .put("productId", product(category))
                .put("startingPriceCents", startingPriceCents)
                .put("durationSeconds", 300)
                .put("mode", "standard"))
        .expect(201)
        .json()
        .getLong("id");
  }

  @Test
  @DisplayName(
      "a queued lot gets the 10th-90th percentile range of its seller's and category's history, with its held-out coverage")
  void beforeBidding() {
    long lot = queue(10_000);
    JsonObject e = TestNode.api().get("/api/lots/" + lot + "/estimate").expect(200).json();
    assertEquals("seller and category", e.getString("basis"));
    assertEquals(200, e.getInteger("similarLots"));
    assertEquals(12_260, e.getLong("lowCents"), 12_260 * 0.15, e.encode());
    assertEquals(18_000, e.getLong("medianCents"), 18_000 * 0.1, e.encode());
    assertEquals(26_440, e.getLong("highCents"), 26_440 * 0.15, e.encode());
    JsonObject coverage = e.getJsonObject("coverage");
    assertEquals(50, coverage.getInteger("heldOutLots"));
    double rate = coverage.getDouble("rate");
    assertTrue(rate >= 0.6 && rate <= 0.97, "an 80 % range should hold about 80 %: " + rate);
  }

  @Test
  @DisplayName("while bidding runs the range never sits below the current bid")
  void duringBidding() {
    long lot = queue(10_000);
    host.api().post("/api/lots/" + lot + "/start").expect(200);
    TestUser bidder = Users.create();
    bidder
        .api()
        .post("/api/lots/" + lot + "/bids", new JsonObject().put("amountCents", 20_000))
        .expect(201);
    JsonObject e = TestNode.api().get("/api/lots/" + lot + "/estimate").expect(200).json();
    assertEquals("open", e.getString("status"));
    assertTrue(e.getLong("lowCents") >= 20_000, e.encode());
    assertTrue(e.getLong("highCents") >= e.getLong("lowCents"));
  }

  @Test
  @DisplayName("an unknown lot is a 404 problem, a lot id that is not a number a 400")
  void unknownLot() {
    TestNode.api().get("/api/lots/987654321/estimate").expectProblem(404, "lot_not_found");
    TestNode.api().get("/api/lots/abc/estimate").expectProblem(400, "validation_failed");
  }
}
