package io.showfloor.auction;

import static io.showfloor.auction.AuctionFixture.bid;
import static io.showfloor.auction.AuctionFixture.bidUpTo;
import static io.showfloor.auction.AuctionFixture.lot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Live auctions over HTTP")
class LiveAuctionTest {
  private AuctionFixture show;
  private TestUser alice;
  private TestUser bob;

  @BeforeEach
  void liveShowWithTwoBidders() {
    show = AuctionFixture.liveShow();
    alice = Users.create();
    bob = Users.create();
  }

  @AfterEach
  void ledgerStaysBalanced() {
    io.showfloor.testing.LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName("a started lot is open with a deadline and the server time")
  void startedLotIsOpen() {
    JsonObject queued = show.queueStandard(1_000, 60);
    assertEquals("queued", queued.getString("status"));
    JsonObject open = show.start(queued.getLong("id"));
    assertEquals("open", open.getString("status"));
    Instant endsAt = Instant.parse(open.getString("endsAt"));
    Instant serverTime = Instant.parse(open.getString("serverTime"));
    long seconds = Duration.between(serverTime, endsAt).toSeconds();
    assertTrue(seconds >= 58 && seconds <= 60, "60 s to go, got " + seconds);
    assertEquals(1_000, open.getLong("minNextBidCents"));
    assertNull(open.getLong("highBidderId"));
  }

  @Test
  @DisplayName("proxy bidding: the higher maximum leads at one increment above the other")
  void proxyBidding() {
    long lotId = show.openLot(1_000, 60).getLong("id");
    JsonObject first = bid(alice, lotId, 1_000);
    assertTrue(first.getJsonObject("bid").getBoolean("leading"));
    assertEquals(1_050, first.getJsonObject("lot").getLong("minNextBidCents"));

    JsonObject second = bidUpTo(bob, lotId, 1_050, 3_000);
    assertTrue(second.getJsonObject("bid").getBoolean("leading"));
    // N > L: max(A, min(N, L + increment(L))) = max(1050, min(3000, 1000 + 50))
    assertEquals(1_050, second.getJsonObject("lot").getLong("currentPriceCents"));
    assertEquals(bob.id(), second.getJsonObject("lot").getLong("highBidderId"));

    JsonObject third = bid(alice, lotId, 2_000);
    assertTrue(third.getJsonObject("bid").getBoolean("accepted"));
    assertFalse(
        third.getJsonObject("bid").getBoolean("leading"), "bob's 30.00 maximum still leads");
    // N <= L: the price becomes min(L, N + increment(N)) = min(3000, 2000 + 50)
    assertEquals(2_050, third.getJsonObject("lot").getLong("currentPriceCents"));
    assertEquals(bob.id(), lot(lotId).getLong("highBidderId"));
    assertEquals(3, lot(lotId).getInteger("bidCount"));

    JsonObject history = TestNode.api().get("/api/lots/" + lotId + "/bids").expect(200).json();
    assertEquals(3, history.getJsonArray("bids").size());
    assertEquals(
        alice.id(),
        history.getJsonArray("bids").getJsonObject(0).getLong("bidderId"),
        "newest first");
    assertNull(
        history.getJsonArray("bids").getJsonObject(0).getLong("maxAmountCents"),
        "maximums stay private");
  }

  @Test
  @DisplayName("refused bids answer a problem with a stable code and leave the lot as it was")
  void refusals() {
    long lotId = show.openLot(1_000, 60).getLong("id");
    alice
        .api()
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 999))
        .expectProblem(409, "bid_too_low");
    show.host
        .api()
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_000))
        .expectProblem(403, "own_lot");
    Users.unverified()
        .api()
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_000))
        .expectProblem(403, "email_not_verified");
    alice
        .api()
        .post(
            "/api/lots/" + lotId + "/bids",
            new JsonObject().put("amountCents", 2_000).put("maxAmountCents", 1_500))
        .expectProblem(400, "invalid_amount");
    bidUpTo(alice, lotId, 1_000, 2_000);
    // the leader bidding again below their own standing maximum changes nothing
    alice
        .api()
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_050))
        .expectProblem(409, "already_leading");
    JsonObject after = lot(lotId);
    assertEquals(1_000, after.getLong("currentPriceCents"));
    assertEquals(1, after.getInteger("bidCount"));
  }

  @Test
  @DisplayName("a retried bid with the same Idempotency-Key gets the same answer and counts once")
  void idempotentBids() {
    long lotId = show.openLot(1_000, 60).getLong("id");
    var keyed = alice.api().with("Idempotency-Key", "tap-1");
    JsonObject first =
        keyed
            .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_200))
            .expect(201)
            .json();
    JsonObject again =
        keyed
            .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_200))
            .expect(201)
            .json();
    assertEquals(
        first.getJsonObject("bid").getLong("id"), again.getJsonObject("bid").getLong("id"));
    assertEquals(
        first.getJsonObject("lot").getLong("currentPriceCents"),
        again.getJsonObject("lot").getLong("currentPriceCents"));
    assertEquals(1, lot(lotId).getInteger("bidCount"));
  }

  @Test
  @DisplayName(
      "an accepted bid inside the extend window moves the deadline; a refused one never does")
  void softClose() {
    JsonObject open =
        show.start(
            show.queue(
                    new JsonObject()
                        .put("startingPriceCents", 1_000)
                        .put("durationSeconds", 5)
                        .put("mode", "standard")
                        .put("extendSeconds", 30))
                .getLong("id"));
    long lotId = open.getLong("id");
    Instant originalEnd = Instant.parse(open.getString("endsAt"));
    alice
        .api()
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 500))
        .expectProblem(409, "bid_too_low");
    assertEquals(
        originalEnd,
        Instant.parse(lot(lotId).getString("endsAt")),
        "a refused bid never moves the deadline");
    JsonObject accepted = bid(alice, lotId, 1_000).getJsonObject("lot");
    Instant extended = Instant.parse(accepted.getString("endsAt"));
    assertTrue(
        extended.isAfter(originalEnd.plusSeconds(20)), "moved to the bid time + 30 s: " + extended);
  }

  @Test
  @DisplayName("sudden death never moves the deadline")
  void suddenDeath() {
    JsonObject open =
        show.start(
            show.queue(
                    new JsonObject()
                        .put("startingPriceCents", 1_000)
                        .put("durationSeconds", 5)
                        .put("mode", "sudden_death"))
                .getLong("id"));
    JsonObject after = bid(alice, open.getLong("id"), 1_000).getJsonObject("lot");
    assertEquals(open.getString("endsAt"), after.getString("endsAt"));
  }

  @Test
  @DisplayName(
      "a lot closes on the server's clock, sold to the leader, and a late bid is refused lot_closed")
  void closesOnTime() throws InterruptedException {
    JsonObject open =
        show.start(
            show.queue(
                    new JsonObject()
                        .put("startingPriceCents", 1_000)
                        .put("durationSeconds", 5)
                        .put("mode", "sudden_death"))
                .getLong("id"));
    long lotId = open.getLong("id");
    bid(alice, lotId, 1_000);
    bidUpTo(bob, lotId, 1_050, 2_000);
    JsonObject closed = AuctionFixture.awaitClosed(lotId, 8);
    Instant endsAt = Instant.parse(closed.getString("endsAt"));
    assertEquals("sold", closed.getString("status"));
    assertEquals(bob.id(), closed.getLong("winnerId"));
    assertEquals(1_050, closed.getLong("hammerPriceCents"));
    assertNotNull(closed.getLong("orderId"), "the winner's order is created at the hammer price");
    Instant serverTime = Instant.parse(closed.getString("serverTime"));
    assertTrue(
        Duration.between(endsAt, serverTime).toMillis() < 1_500,
        "closed within a second of the deadline");
    alice
        .api()
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 5_000))
        .expectProblem(409, "lot_closed");
  }

  @Test
  @DisplayName("an ended show's replay lists its lots with their results")
  void replayListsLots() throws InterruptedException {
    long lotId =
        show.start(
                show.queue(
                        new JsonObject()
                            .put("startingPriceCents", 1_000)
                            .put("durationSeconds", 5)
                            .put("mode", "sudden_death"))
                    .getLong("id"))
            .getLong("id");
    bid(alice, lotId, 1_000);
    AuctionFixture.awaitClosed(lotId, 8);
    show.host.api().post("/api/shows/" + show.showId + "/end").expect(200);
    JsonObject replay =
        TestNode.api().get("/api/shows/" + show.showId + "/replay").expect(200).json();
    JsonObject lot = replay.getJsonArray("lots").getJsonObject(0);
    assertEquals(lotId, lot.getLong("id"));
    assertEquals("sold", lot.getString("status"));
    assertEquals(alice.id(), lot.getLong("winnerId"));
  }

  @Test
  @DisplayName(
      "a lot that ends below its hidden reserve is unsold; the reserve itself is never shown")
  void reserveNotMet() throws InterruptedException {
    long lotId =
        show.start(
                show.queue(
                        new JsonObject()
                            .put("startingPriceCents", 1_000)
                            .put("reservePriceCents", 5_000)
                            .put("durationSeconds", 5)
                            .put("mode", "sudden_death"))
                    .getLong("id"))
            .getLong("id");
    JsonObject afterBid = bid(alice, lotId, 1_000).getJsonObject("lot");
    assertFalse(afterBid.getBoolean("reserveMet"));
    assertFalse(afterBid.containsKey("reservePriceCents"));
    JsonObject closed = AuctionFixture.awaitClosed(lotId, 8);
    assertEquals("unsold", closed.getString("status"));
    assertNull(closed.getLong("winnerId"));
    assertNull(closed.getLong("orderId"));
  }

  @Test
  @DisplayName("a proxy maximum that reaches the reserve lifts the price to the reserve")
  void reserveMetByProxy() {
    long lotId =
        show.start(
                show.queue(
                        new JsonObject()
                            .put("startingPriceCents", 1_000)
                            .put("reservePriceCents", 5_000)
                            .put("durationSeconds", 60)
                            .put("mode", "standard"))
                    .getLong("id"))
            .getLong("id");
    JsonObject lot = bidUpTo(alice, lotId, 1_000, 6_000).getJsonObject("lot");
    assertTrue(lot.getBoolean("reserveMet"));
    assertEquals(5_000, lot.getLong("currentPriceCents"));
  }

  @Test
  @DisplayName("buy-now ends the lot before the first bid and is gone after it")
  void buyNow() {
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
    JsonObject sold = alice.api().post("/api/lots/" + lotId + "/buy-now").expect(200).json();
    assertEquals("sold", sold.getString("status"));
    assertEquals(9_000, sold.getLong("hammerPriceCents"));
    assertEquals(alice.id(), sold.getLong("winnerId"));
    assertNotNull(sold.getLong("orderId"));

    long second =
        show.start(
                show.queue(
                        new JsonObject()
                            .put("startingPriceCents", 1_000)
                            .put("buyNowPriceCents", 9_000)
                            .put("durationSeconds", 60)
                            .put("mode", "standard"))
                    .getLong("id"))
            .getLong("id");
    bid(alice, second, 1_000);
    bob.api().post("/api/lots/" + second + "/buy-now").expectProblem(409, "buy_now_unavailable");
  }

  @Test
  @DisplayName("a pre-bid on a queued lot takes effect the moment the lot opens")
  void preBids() {
    long lotId = show.queueStandard(1_000, 60).getLong("id");
    JsonObject pre = bidUpTo(alice, lotId, 1_000, 4_000);
    assertTrue(pre.getJsonObject("bid").getBoolean("preBid"));
    bidUpTo(bob, lotId, 1_000, 2_000);
    JsonObject open = show.start(lotId);
    assertEquals(alice.id(), open.getLong("highBidderId"));
    // bob's 20.00 maximum is answered by alice's proxy: min(4000, 2000 + 50)
    assertEquals(2_050, open.getLong("currentPriceCents"));
    assertEquals(2, open.getInteger("bidCount"));
  }

  @Test
  @DisplayName("the host queues, reorders and cancels lots on the run sheet; others cannot")
  void runSheet() {
    long a = show.queueStandard(1_000, 60).getLong("id");
    long b = show.queueStandard(1_000, 60).getLong("id");
    long c = show.queueStandard(1_000, 60).getLong("id");
    JsonObject reordered =
        show.host
            .api()
            .put(
                "/api/shows/" + show.showId + "/lots/order",
                new JsonObject()
                    .put("lotIds", new io.vertx.core.json.JsonArray().add(c).add(a).add(b)))
            .expect(200)
            .json();
    assertEquals(c, reordered.getJsonArray("lots").getJsonObject(0).getLong("id"));
    alice
        .api()
        .put(
            "/api/shows/" + show.showId + "/lots/order",
            new JsonObject().put("lotIds", new io.vertx.core.json.JsonArray().add(a).add(b).add(c)))
        .expectProblem(403, "not_show_host");
    show.host
        .api()
        .put(
            "/api/shows/" + show.showId + "/lots/order",
            new JsonObject().put("lotIds", new io.vertx.core.json.JsonArray().add(a)))
        .expectProblem(409, "run_sheet_mismatch");
    assertEquals(
        "cancelled",
        show.host.api().post("/api/lots/" + b + "/cancel").expect(200).json().getString("status"));
    alice
        .api()
        .post("/api/lots/" + b + "/bids", new JsonObject().put("amountCents", 1_000))
        .expectProblem(409, "lot_not_open");
    show.start(a);
    show.host.api().post("/api/lots/" + c + "/start").expectProblem(409, "another_lot_open");
  }
}
