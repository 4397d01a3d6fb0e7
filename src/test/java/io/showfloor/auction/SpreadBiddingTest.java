package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bids for different lots share transactions (LotBatches); these drive that through HTTP with
 * enough concurrency that batches hold several lots, and with a failure inside a batch.
 */
@DisplayName("Bids spread over many lots at once")
class SpreadBiddingTest {
  private static final int LOTS = 12;

  @Test
  @DisplayName(
      "every bid on every lot is answered, stored once and agrees with its lot, even when a bidder reuses one idempotency key on two lots at the same moment (which fails the shared transaction and is retried lot by lot)")
  void spreadWithAFailingBid() throws Exception {
    List<Long> lots = new ArrayList<>();
    for (int i = 0; i < LOTS; i++) {
      lots.add(AuctionFixture.liveShow().openLot(1_000, 300).getLong("id"));
    }
    List<TestUser> bidders = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      bidders.add(Users.create());
    }
    ExecutorService pool = Executors.newFixedThreadPool(48);
    List<Future<Api.Response>> plain = new ArrayList<>();
    List<long[]> sent = new ArrayList<>(); // lot, bidder, amount of each plain bid
    List<Future<Api.Response>> reused = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      for (int b = 0; b < bidders.size(); b++) {
        TestUser bidder = bidders.get(b);
        long lot = lots.get((b + round) % LOTS);
        long amount = 1_000 + round * 1_000 + b * 10;
        plain.add(pool.submit(() -> bid(bidder, lot, amount, null)));
        sent.add(new long[] {lot, bidder.id(), amount});
      }
      // the same key sent for two lots at once: the second insert breaks the unique index in
      // whichever transaction holds both
      TestUser twice = bidders.get(round);
      String key = "spread-" + round + "-" + twice.id();
      long first = lots.get(round);
      long second = lots.get(round + LOTS / 2);
      long high = 50_000 + round;
      reused.add(pool.submit(() -> bid(twice, first, high, key)));
      reused.add(pool.submit(() -> bid(twice, second, high, key)));
    }
    for (int i = 0; i < plain.size(); i++) {
      Api.Response answer = plain.get(i).get();
      int status = answer.status();
      assertTrue(status == 201 || status == 409, "accepted or outbid, got " + status);
      if (status == 201) {
        // a transaction writes many lots' bids in one statement: each answer names its own row
        long id = answer.json().getJsonObject("bid").getLong("id");
        Row row =
            TestNode.get()
                .platform()
                .db()
                .one("SELECT lot_id, bidder_id, amount_cents FROM bids WHERE id = $1", Tuple.of(id))
                .await();
        assertEquals(sent.get(i)[0], row.getLong("lot_id"), answer.body());
        assertEquals(sent.get(i)[1], row.getLong("bidder_id"), answer.body());
        assertEquals(sent.get(i)[2], row.getLong("amount_cents"), answer.body());
      }
    }
    for (int i = 0; i < reused.size(); i += 2) {
      Api.Response one = reused.get(i).get();
      Api.Response other = reused.get(i + 1).get();
      if (one.status() == 409) {
        // stored as a refusal (say, the bidder already led that lot higher): replayed the same
        assertEquals(409, other.status(), other.body());
        assertEquals(one.json().getString("code"), other.json().getString("code"));
        continue;
      }
      assertTrue(one.status() == 201 || one.status() == 200, "the key's use: " + one.body());
      assertEquals(
          one.json().getJsonObject("bid").getLong("id"),
          other.json().getJsonObject("bid").getLong("id"),
          "both sends of one key answer the one stored bid: " + other.body());
    }
    pool.shutdown();

    Map<Long, Integer> acceptedPerLot = new HashMap<>();
    long stored = 0;
    for (Row row :
        TestNode.get()
            .platform()
            .db()
            .query(
                "SELECT lot_id, count(*) FILTER (WHERE accepted) AS accepted, count(*) AS stored,"
                    + " max(price_after_cents) FILTER (WHERE accepted) AS last_price"
                    + " FROM bids WHERE lot_id = ANY($1) GROUP BY lot_id",
                Tuple.of((Object) lots.toArray(Long[]::new)))
            .await()) {
      acceptedPerLot.put(row.getLong("lot_id"), row.getInteger("accepted"));
      stored += row.getLong("stored");
      JsonObject lot = AuctionFixture.lot(row.getLong("lot_id"));
      assertEquals(
          row.getInteger("accepted"), lot.getInteger("bidCount"), "lot " + row.getLong("lot_id"));
      assertEquals(row.getLong("last_price"), lot.getLong("currentPriceCents"));
    }
    assertEquals(
        plain.size() + reused.size() / 2, stored, "every bid stored once, a reused key once");
    assertEquals(LOTS, acceptedPerLot.size(), "every lot took bids");
  }

  private static Api.Response bid(TestUser bidder, long lot, long amount, String key) {
    JsonObject body = new JsonObject().put("amountCents", amount);
    Api api = bidder.api();
    return key == null
        ? api.post("/api/lots/" + lot + "/bids", body)
        : api.with("Idempotency-Key", key).post("/api/lots/" + lot + "/bids", body);
  }
}
