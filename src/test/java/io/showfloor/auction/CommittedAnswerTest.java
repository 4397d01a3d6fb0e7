package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.platform.events.EventPublisher;
import io.showfloor.testing.CapturedLogs;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Products;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A change that committed is answered as committed, even when what follows the commit fails. The
 * failure is injected for real: a topic's sequence key in Redis is made to hold text, so the INCR
 * that numbers the topic's next event fails and that event cannot be published.
 */
@DisplayName(
    "After a commit, a failed announcement is logged and the client still gets what was committed")
class CommittedAnswerTest {

  private static void breakTopic(String topic) {
    TestNode.get()
        .platform()
        .redis()
        .api()
        .set(List.of(EventPublisher.sequenceKey(topic), "not-a-sequence-number"))
        .await();
  }

  private static void repairTopic(String topic) {
    TestNode.get().platform().redis().api().del(List.of(EventPublisher.sequenceKey(topic))).await();
  }

  private static boolean logged(CapturedLogs logs, String part) {
    return !logs.lines(l -> l.getString("message", "").contains(part)).isEmpty();
  }

  @Test
  @DisplayName(
      "opening a lot and bidding on it answer the open lot and the accepted bid when the lot's events cannot be published")
  void lotEventsFail() {
    AuctionFixture show = AuctionFixture.liveShow();
    long lotId = show.queueStandard(1_000, 60).getLong("id");
    String topic = "lot:" + lotId;
    breakTopic(topic);
    try (CapturedLogs logs = CapturedLogs.capture()) {
      JsonObject opened = show.start(lotId);
      assertEquals("open", opened.getString("status"));
      JsonObject bid = AuctionFixture.bid(Users.create(), lotId, 1_000);
      assertEquals(1_000, bid.getJsonObject("lot").getLong("currentPriceCents"));
      JsonObject lot = AuctionFixture.lot(lotId);
      assertEquals("open", lot.getString("status"));
      assertEquals(1, lot.getInteger("bidCount"));
      Eventually.until(
          () -> logged(logs, "Could not announce lot " + lotId + " opened"),
          "the failed lot.opened logged");
      Eventually.until(
          () -> logged(logs, "Could not announce a bid on lot " + lotId),
          "the failed bid.accepted logged");
    } finally {
      repairTopic(topic);
    }
  }

  @Test
  @DisplayName("a checkout answers its paid orders when the seller's notification cannot be pushed")
  void checkoutPushFails() {
    var buyer = Users.create();
    var seller = Users.create("seller");
    long productId = Products.create(seller, 2_000, 2).getLong("id");
    Shop.add(buyer, productId, 1);
    String sellerTopic = EventPublisher.userTopic(seller.id());
    breakTopic(sellerTopic);
    try (CapturedLogs logs = CapturedLogs.capture()) {
      JsonObject answer = Shop.checkout(buyer, "pm_card_visa");
      assertEquals("succeeded", answer.getString("status"));
      assertEquals("paid", answer.getJsonArray("orders").getJsonObject(0).getString("status"));
      assertEquals(1, Shop.stock(productId));
      // the notification is stored with the order; only its push to open sockets failed
      assertTrue(
          seller
              .api()
              .get("/api/me/notifications")
              .expect(200)
              .json()
              .getJsonArray("items")
              .stream()
              .anyMatch(n -> "order_paid".equals(((JsonObject) n).getString("kind"))));
      Eventually.until(() -> logged(logs, "not pushed"), "the failed push logged");
    } finally {
      repairTopic(sellerTopic);
    }
    LedgerCheck.assertBalanced();
  }
}
