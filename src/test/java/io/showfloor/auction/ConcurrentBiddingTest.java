package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.auction.rules.AuctionMode;
import io.showfloor.auction.rules.Bid;
import io.showfloor.auction.rules.BidOutcome;
import io.showfloor.auction.rules.LotState;
import io.showfloor.auction.rules.LotStatus;
import io.showfloor.auction.rules.ProxyBidding;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("200 concurrent bidders on one lot")
class ConcurrentBiddingTest {

  @Test
  @DisplayName(
      "produce a history in which every accepted bid beats the price before it and the rules replay to the same result")
  void consistentHistory() throws Exception {
    AuctionFixture show = AuctionFixture.liveShow();
    JsonObject open =
        show.start(
            show.queue(
                    new JsonObject()
                        .put("startingPriceCents", 1_000)
                        .put("durationSeconds", 120)
                        .put("mode", "sudden_death"))
                .getLong("id"));
    long lotId = open.getLong("id");
    List<TestUser> bidders = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      bidders.add(Users.create());
    }
    ExecutorService pool = Executors.newFixedThreadPool(64);
    List<Future<Integer>> results = new ArrayList<>();
    Random random = new Random(42);
    for (TestUser bidder : bidders) {
      long extra = 100 + random.nextInt(20_000);
      results.add(
          pool.submit(
              () -> {
                long minNext = AuctionFixture.lot(lotId).getLong("minNextBidCents");
                return bidder
                    .api()
                    .post(
                        "/api/lots/" + lotId + "/bids",
                        new JsonObject()
                            .put("amountCents", minNext)
                            .put("maxAmountCents", minNext + extra))
                    .status();
              }));
    }
    int accepted = 0;
    for (Future<Integer> result : results) {
      int status = result.get();
      assertTrue(
          status == 201 || status == 409, "a bid is accepted or refused as too low, got " + status);
      accepted += status == 201 ? 1 : 0;
    }
    pool.shutdown();
    assertTrue(accepted > 0);

    List<Row> history = new ArrayList<>();
    TestNode.get()
        .platform()
        .db()
        .query(
            "SELECT bidder_id, amount_cents, max_amount_cents, accepted, price_after_cents FROM bids WHERE lot_id = $1 ORDER BY id",
            Tuple.of(lotId))
        .await()
        .forEach(history::add);
    assertEquals(200, history.size(), "every bid is stored, accepted or not");

    // replay the stored order through the rules: the lot must agree with them exactly
    Instant opened = Instant.parse(open.getString("serverTime"));
    LotState state =
        new LotState(
            LotStatus.OPEN,
            show.host.id(),
            show.host.id(),
            AuctionMode.SUDDEN_DEATH,
            1_000,
            0,
            0,
            10,
            Instant.parse(open.getString("endsAt")),
            1_000,
            Optional.empty(),
            0);
    long previousPrice = 0;
    int acceptedInHistory = 0;
    for (Row row : history) {
      BidOutcome outcome =
          ProxyBidding.placeBid(
              state,
              Bid.upTo(
                  row.getLong("bidder_id"),
                  row.getLong("amount_cents"),
                  row.getLong("max_amount_cents")),
              opened);
      assertEquals(
          row.getBoolean("accepted"), outcome.accepted(), "stored decision matches the rules");
      if (outcome.accepted()) {
        acceptedInHistory++;
        assertTrue(
            row.getLong("amount_cents") > previousPrice || state.leader().isEmpty(),
            "an accepted bid is above the price before it");
        assertTrue(
            outcome.currentPriceCents() >= state.currentPriceCents(), "the price never falls");
        previousPrice = outcome.currentPriceCents();
        assertEquals(outcome.currentPriceCents(), row.getLong("price_after_cents"));
      }
      state = outcome.lot();
    }
    assertEquals(accepted, acceptedInHistory);
    JsonObject lot = AuctionFixture.lot(lotId);
    assertEquals(state.currentPriceCents(), lot.getLong("currentPriceCents"));
    assertEquals(state.leader().get().bidderId(), lot.getLong("highBidderId"));
    assertEquals(accepted, lot.getInteger("bidCount"));
  }
}
