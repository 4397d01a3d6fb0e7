package io.showfloor.commerce.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.commerce.CommerceAccess;
import io.showfloor.commerce.Notices;
import io.showfloor.commerce.order.RefundReversal;
import io.showfloor.commerce.order.Refunds;
import io.showfloor.commerce.payment.SandboxPayments;
import io.showfloor.ledger.Ledger;
import io.showfloor.media.PhotoAttachments;
import io.showfloor.platform.Platform;
import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.Sales;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Buyer protection: return requests accepted, declined, escalated and ruled on, every refund through the ledger")
class ReturnRequestTest {
  private static final long PRICE = 5_000;
  private static final long SHIPPING = 500;
  private static final long TOTAL = PRICE + SHIPPING;
  private static final long SELLER_NET =
      Sales.sellerNet(PRICE, 1, SHIPPING); // 5,000 - 400 fee + 500

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private record Sale(TestUser seller, TestUser buyer, long orderId) {
    String requests() {
      return "/api/orders/" + orderId + "/return-requests";
    }
  }

  private static Sale paid() {
    TestUser seller = Users.create("seller");
    TestUser buyer = Users.create();
    return new Sale(seller, buyer, Sales.buy(buyer, Sales.product(seller, PRICE, SHIPPING), 1));
  }

  private static Sale delivered() {
    Sale s = paid();
    Sales.deliver(s.seller(), s.orderId());
    return s;
  }

  private static JsonObject body(String reason) {
    return new JsonObject()
        .put("reason", reason)
        .put("message", "The lamp arrived with a cracked shade.");
  }

  private static long payable(TestUser seller) {
    return LedgerCheck.balance("seller:" + seller.id() + ":payable");
  }

  private static long refundCount(long orderId) {
    return TestNode.get()
        .platform()
        .db()
        .one("SELECT count(*) AS n FROM refunds WHERE order_id = $1", Tuple.of(orderId))
        .await()
        .getLong("n");
  }

  private static List<JsonObject> notices(TestUser user, String kind) {
    return user
        .api()
        .get("/api/me/notifications?limit=100")
        .expect(200)
        .json()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(n -> kind.equals(n.getString("kind")))
        .toList();
  }

  private static JsonObject order(TestUser who, long orderId) {
    return who.api().get("/api/orders/" + orderId).expect(200).json();
  }

  /**
   * What the seller keeps after a refund of {@code cents} on a fresh order of this test's price (no
   * points, no commission).
   */
  private static long sellerAfter(long cents) {
    long fee = Sales.fee(PRICE);
    return SELLER_NET
        - RefundReversal.of(new RefundReversal.OrderSplit(TOTAL, 0, fee, Map.of(), 0), cents)
            .sellerCents();
  }

  @Test
  @DisplayName(
      "the buyer opens a request on a delivered order, the seller accepts in full: refunded to the cent, once, however often it is sent")
  void fullAccept() {
    Sale s = delivered();
    assertEquals(SELLER_NET, payable(s.seller()));
    long fees = LedgerCheck.balance("platform:fees");
    Api keyed = s.buyer().api().with("Idempotency-Key", "ret-" + s.orderId());
    Api.Response first = keyed.post(s.requests(), body("not_as_described")).expect(201);
    JsonObject request = first.json();
    assertEquals("open", request.getString("status"));
    assertEquals(s.seller().id(), request.getLong("sellerId"));
    Api.Response again = keyed.post(s.requests(), body("not_as_described")).expect(201);
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(request.getLong("id"), again.json().getLong("id"));
    s.buyer().api().post(s.requests(), body("damaged")).expectProblem(409, "request_open");
    assertEquals(1, notices(s.seller(), "return_request_opened").size());
    Mailbox.await(s.seller().email(), "Return request on order #" + s.orderId());

    JsonObject queue =
        s.seller().api().get("/api/seller/return-requests?status=open").expect(200).json();
    assertEquals(request.getLong("id"), queue.getJsonArray("items").getJsonObject(0).getLong("id"));
    assertEquals(
        request.getLong("id"),
        s.buyer()
            .api()
            .get("/api/me/return-requests?orderId=" + s.orderId())
            .expect(200)
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getLong("id"));

    String accept = "/api/return-requests/" + request.getLong("id") + "/accept";
    s.buyer().api().post(accept, new JsonObject()).expectProblem(403, "seller_decides");
    Users.create("seller")
        .api()
        .post(accept, new JsonObject())
        .expectProblem(404, "return_request_not_found");
    JsonObject accepted = s.seller().api().post(accept, new JsonObject()).expect(200).json();
    assertEquals("accepted", accepted.getString("status"));
    assertEquals(TOTAL, accepted.getLong("refundCents"));
    assertEquals("succeeded", accepted.getJsonObject("refund").getString("status"));
    Api.Response twice =
        s.seller().api().with("Idempotency-Key", "k1").post(accept, new JsonObject()).expect(200);
    assertEquals("true", twice.header("Idempotent-Replayed"));
    s.seller()
        .api()
        .post(accept, new JsonObject().put("refundCents", 100))
        .expectProblem(409, "request_state");

    assertEquals(1, refundCount(s.orderId()));
    JsonObject after = order(s.buyer(), s.orderId());
    assertEquals("refunded", after.getString("status"));
    assertEquals(TOTAL, after.getLong("refundedCents"));
    assertEquals(0, payable(s.seller()), "the seller's share is reversed to the cent");
    assertEquals(
        fees - Sales.fee(PRICE),
        LedgerCheck.balance("platform:fees"),
        "the platform fee is reversed");
    assertEquals(1, notices(s.buyer(), "return_request_accepted").size());
    assertEquals(1, notices(s.buyer(), "order_refunded").size());
  }

  @Test
  @DisplayName(
      "a partial refund with a return label: the seller keeps exactly the rest of their share")
  void partialAccept() {
    Sale s = delivered();
    long id = s.buyer().api().post(s.requests(), body("damaged")).expect(201).json().getLong("id");
    String accept = "/api/return-requests/" + id + "/accept";
    s.seller()
        .api()
        .post(accept, new JsonObject().put("refundCents", TOTAL + 1))
        .expectProblem(422, "refund_too_large");
    s.seller()
        .api()
        .post(accept, new JsonObject().put("refundCents", -5))
        .expectProblem(400, "validation_failed");
    s.seller()
        .api()
        .post(accept, new JsonObject().put("returnLabelUrl", "javascript:alert(1)"))
        .expectProblem(400, "validation_failed");
    assertEquals(0, refundCount(s.orderId()));
    assertEquals(
        "open",
        s.buyer().api().get("/api/return-requests/" + id).expect(200).json().getString("status"));

    JsonObject accepted =
        s.seller()
            .api()
            .post(
                accept,
                new JsonObject()
                    .put("refundCents", 2_000)
                    .put("returnLabelUrl", "https://labels.example/ret-1"))
            .expect(200)
            .json();
    assertEquals(2_000, accepted.getLong("refundCents"));
    assertEquals("https://labels.example/ret-1", accepted.getString("returnLabelUrl"));
    assertEquals(sellerAfter(2_000), payable(s.seller()));
    JsonObject after = order(s.buyer(), s.orderId());
    assertEquals("partially_refunded", after.getString("status"));
    assertEquals(2_000, after.getLong("refundedCents"));
    // settled: a new request may be opened for the rest
    long second =
        s.buyer()
            .api()
            .post(s.requests(), body("not_as_described"))
            .expect(201)
            .json()
            .getLong("id");
    // the seller's queue pages newest first
    JsonObject page =
        s.seller().api().get("/api/seller/return-requests?limit=1").expect(200).json();
    assertEquals(second, page.getJsonArray("items").getJsonObject(0).getLong("id"));
    JsonObject next =
        s.seller()
            .api()
            .get("/api/seller/return-requests?limit=1&before=" + page.getLong("nextBefore"))
            .expect(200)
            .json();
    assertEquals(id, next.getJsonArray("items").getJsonObject(0).getLong("id"));
    assertNull(next.getValue("nextBefore"));
    assertTrue(
        Mailbox.await(s.buyer().email(), "was accepted")
            .encode()
            .contains("https://labels.example/ret-1"),
        "the label reaches the buyer by mail");
  }

  @Test
  @DisplayName(
      "declined, escalated by the buyer, refunded in part by a moderator: audited, in the queue, and the ledger exact")
  void declineEscalateModeratorRefund() {
    Sale s = delivered();
    long id =
        s.buyer()
            .api()
            .post(s.requests(), body("not_as_described"))
            .expect(201)
            .json()
            .getLong("id");
    String base = "/api/return-requests/" + id;
    s.buyer()
        .api()
        .post(base + "/escalate")
        .expectProblem(409, "request_state"); // the seller still has time
    s.seller()
        .api()
        .post(base + "/decline", new JsonObject().put("reason", "It left here in perfect shape"))
        .expect(200);
    Api.Response repeat =
        s.seller()
            .api()
            .post(
                base + "/decline", new JsonObject().put("reason", "It left here in perfect shape"));
    assertEquals("true", repeat.expect(200).header("Idempotent-Replayed"));
    s.seller().api().post(base + "/accept", new JsonObject()).expectProblem(409, "request_state");
    assertEquals(1, notices(s.buyer(), "return_request_declined").size());

    s.seller().api().post(base + "/escalate").expectProblem(403, "buyer_escalates");
    JsonObject escalated = s.buyer().api().post(base + "/escalate").expect(200).json();
    assertEquals("escalated", escalated.getString("status"));
    assertEquals("buyer", escalated.getString("escalatedBy"));
    assertEquals(
        "true", s.buyer().api().post(base + "/escalate").expect(200).header("Idempotent-Replayed"));
    assertEquals(1, notices(s.seller(), "return_request_escalated").size());

    TestUser moderator = Users.create("moderator");
    JsonObject item = queueItem(moderator, "return_request", id);
    assertEquals("open", item.getString("status"));
    assertEquals(
        s.orderId(), item.getJsonObject("target").getJsonObject("order").getLong("orderId"));
    assertEquals(
        "1Z" + s.orderId(),
        item.getJsonObject("target").getJsonObject("order").getString("trackingNumber"));
    assertEquals(
        "It left here in perfect shape", item.getJsonObject("target").getString("declineReason"));
    moderator
        .api()
        .post(
            "/api/moderation/items/" + item.getLong("id") + "/actions",
            new JsonObject().put("action", "dismiss"))
        .expectProblem(422, "action_not_applicable");

    s.seller()
        .api()
        .post(base + "/rule", new JsonObject().put("outcome", "refund"))
        .expectProblem(403, "role_required");
    moderator
        .api()
        .post(
            base + "/rule", new JsonObject().put("outcome", "refund").put("refundCents", TOTAL + 1))
        .expectProblem(422, "refund_too_large");
    JsonObject ruled =
        moderator
            .api()
            .post(
                base + "/rule",
                new JsonObject()
                    .put("outcome", "refund")
                    .put("refundCents", 3_000)
                    .put("note", "Photos by mail show the crack"))
            .expect(200)
            .json();
    assertEquals("refunded", ruled.getString("status"));
    assertEquals(3_000, ruled.getLong("refundCents"));
    assertEquals(
        "true",
        moderator
            .api()
            .post(
                base + "/rule", new JsonObject().put("outcome", "refund").put("refundCents", 3_000))
            .expect(200)
            .header("Idempotent-Replayed"));
    moderator
        .api()
        .post(base + "/rule", new JsonObject().put("outcome", "reject"))
        .expectProblem(409, "request_state");

    assertEquals(1, refundCount(s.orderId()));
    assertEquals(sellerAfter(3_000), payable(s.seller()));
    assertEquals("actioned", queueItem(moderator, "return_request", id).getString("status"));
    JsonObject audit =
        moderator
            .api()
            .get(
                "/api/moderation/audit?source=buyer_protection&targetType=return_request&targetId="
                    + id)
            .expect(200)
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertEquals("refund_return_request", audit.getString("action"));
    assertEquals(moderator.id(), audit.getLong("actorId"));
    assertEquals(1, notices(s.buyer(), "return_request_refunded").size());
    assertEquals(1, notices(s.seller(), "return_request_refunded").size());
  }

  @Test
  @DisplayName(
      "an unanswered request escalates by itself after the response window, once, and a moderator may reject it")
  void autoEscalation() {
    Sale s = delivered();
    Sale fresh = delivered();
    long id = s.buyer().api().post(s.requests(), body("damaged")).expect(201).json().getLong("id");
    long waiting =
        fresh
            .buyer()
            .api()
            .post(fresh.requests(), body("damaged"))
            .expect(201)
            .json()
            .getLong("id");
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE return_requests SET respond_by = now() - interval '1 minute' WHERE id = $1",
            Tuple.of(id))
        .await();
    ReturnRequests otherNode = sweeper();
    assertTrue(otherNode.escalateOverdue().await() >= 1);
    otherNode.escalateOverdue().await();
    JsonObject escalated = s.buyer().api().get("/api/return-requests/" + id).expect(200).json();
    assertEquals("escalated", escalated.getString("status"));
    assertEquals("automatic", escalated.getString("escalatedBy"));
    assertEquals(
        "open",
        fresh
            .buyer()
            .api()
            .get("/api/return-requests/" + waiting)
            .expect(200)
            .json()
            .getString("status"));
    assertEquals(1, notices(s.buyer(), "return_request_escalated").size());
    assertEquals(1, notices(s.seller(), "return_request_escalated").size());
    s.seller()
        .api()
        .post("/api/return-requests/" + id + "/accept", new JsonObject())
        .expectProblem(409, "request_state");

    TestUser moderator = Users.create("moderator");
    assertEquals("open", queueItem(moderator, "return_request", id).getString("status"));
    JsonObject rejected =
        moderator
            .api()
            .post(
                "/api/return-requests/" + id + "/rule",
                new JsonObject().put("outcome", "reject").put("note", "No evidence of damage"))
            .expect(200)
            .json();
    assertEquals("rejected", rejected.getString("status"));
    assertEquals("dismissed", queueItem(moderator, "return_request", id).getString("status"));
    assertEquals(0, refundCount(s.orderId()));
    assertEquals(SELLER_NET, payable(s.seller()));
    assertEquals(1, notices(s.buyer(), "return_request_rejected").size());
  }

  @Test
  @DisplayName(
      "refused and nothing written: foreign orders, unpaid states, before delivery, after the window, bad reasons and messages")
  void refusals() {
    Sale s = paid();
    Users.create().api().post(s.requests(), body("damaged")).expectProblem(404, "order_not_found");
    s.seller().api().post(s.requests(), body("damaged")).expectProblem(404, "order_not_found");
    s.buyer().api().post(s.requests(), body("damaged")).expectProblem(409, "not_delivered_yet");
    s.buyer().api().post(s.requests(), body("not_received")).expectProblem(409, "not_overdue_yet");
    s.buyer()
        .api()
        .post(s.requests(), body("lost_interest"))
        .expectProblem(400, "validation_failed");
    s.buyer()
        .api()
        .post(s.requests(), new JsonObject().put("reason", "damaged").put("message", ""))
        .expectProblem(400, "validation_failed");
    s.buyer()
        .api()
        .post(s.requests(), new JsonObject().put("reason", "damaged").put("message", "   "))
        .expectProblem(400, "invalid_message");
    s.buyer()
        .api()
        .post(
            s.requests(),
            new JsonObject().put("reason", "damaged").put("message", "x".repeat(2001)))
        .expectProblem(400, "validation_failed");
    s.buyer()
        .api()
        .post("/api/orders/999999999/return-requests", body("damaged"))
        .expectProblem(404, "order_not_found");
    assertTrue(
        s.buyer()
            .api()
            .get("/api/me/return-requests?orderId=" + s.orderId())
            .expect(200)
            .json()
            .getJsonArray("items")
            .isEmpty());

    // the buyer's old path now says where to go; the seller's is unchanged
    JsonObject problem =
        s.buyer()
            .api()
            .post("/api/orders/" + s.orderId() + "/refund", new JsonObject())
            .expectProblem(403, "use_return_request");
    assertTrue(
        problem.getString("detail").contains("/api/orders/" + s.orderId() + "/return-requests"));
    Users.create()
        .api()
        .post("/api/orders/" + s.orderId() + "/refund", new JsonObject())
        .expectProblem(404, "order_not_found");

    // overdue shipping opens not_received
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE orders SET paid_at = now() - interval '6 days' WHERE id = $1",
            Tuple.of(s.orderId()))
        .await();
    s.buyer().api().post(s.requests(), body("not_received")).expect(201);

    Sale late = delivered();
    Sales.ageDelivery(late.orderId(), 31 * 86_400L);
    late.buyer()
        .api()
        .post(late.requests(), body("changed_mind"))
        .expectProblem(409, "return_window_closed");
    Sale refunded = delivered();
    refunded
        .seller()
        .api()
        .post("/api/orders/" + refunded.orderId() + "/refund", new JsonObject())
        .expect(201);
    refunded
        .buyer()
        .api()
        .post(refunded.requests(), body("damaged"))
        .expectProblem(409, "already_refunded");
    Sale shipped = paid();
    shipped
        .seller()
        .api()
        .post(
            "/api/orders/" + shipped.orderId() + "/ship",
            new JsonObject().put("carrier", "UPS").put("trackingNumber", "1Z9"))
        .expect(200);
    shipped.buyer().api().post(shipped.requests(), body("not_received")).expect(201);
    assertEquals(
        0,
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT count(*) AS n FROM return_requests WHERE order_id = ANY($1)",
                Tuple.of(new Long[] {late.orderId(), refunded.orderId()}))
            .await()
            .getLong("n"));
  }

  @Test
  @DisplayName(
      "twelve buyers' clicks at once open one request; twelve accepts at once, keyed or not, refund once")
  void concurrentDoubleSubmits() throws Exception {
    Sale s = delivered();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<Integer>> opens = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Api api =
            i % 2 == 0
                ? s.buyer().api()
                : s.buyer().api().with("Idempotency-Key", "same-" + s.orderId());
        opens.add(pool.submit(() -> api.post(s.requests(), body("damaged")).status()));
      }
      int created = 0;
      for (Future<Integer> f : opens) {
        int status = f.get();
        assertTrue(status == 201 || status == 409, "status " + status);
        created += status == 201 ? 1 : 0;
      }
      assertTrue(created >= 1);
      JsonObject page =
          s.buyer().api().get("/api/me/return-requests?orderId=" + s.orderId()).expect(200).json();
      assertEquals(1, page.getJsonArray("items").size(), "one request, however many clicks");
      long id = page.getJsonArray("items").getJsonObject(0).getLong("id");

      List<Future<Integer>> accepts = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Api api =
            i % 3 == 0
                ? s.seller().api()
                : s.seller().api().with("Idempotency-Key", "acc-" + (i % 2));
        accepts.add(
            pool.submit(
                () ->
                    api.post(
                            "/api/return-requests/" + id + "/accept",
                            new JsonObject().put("refundCents", 1_500))
                        .status()));
      }
      for (Future<Integer> f : accepts) {
        assertEquals(200, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, refundCount(s.orderId()));
    assertEquals(1_500, order(s.buyer(), s.orderId()).getLong("refundedCents"));
    assertEquals(sellerAfter(1_500), payable(s.seller()));
    assertEquals(1, notices(s.buyer(), "return_request_accepted").size());
  }

  private static JsonObject queueItem(TestUser moderator, String type, long targetId) {
    for (String status : List.of("open", "actioned", "dismissed")) {
      for (Object o :
          moderator
              .api()
              .get("/api/moderation/queue?status=" + status + "&targetType=" + type + "&limit=200")
              .expect(200)
              .json()
              .getJsonArray("items")) {
        JsonObject item = (JsonObject) o;
        if (item.getLong("targetId") == targetId) {
          return item;
        }
      }
    }
    throw new AssertionError("no queue item for " + type + " " + targetId);
  }

  /** The escalation sweep as another node runs it, on the shared database. */
  private static ReturnRequests sweeper() {
    Platform platform = TestNode.get().platform();
    Notices notices = CommerceAccess.notices(platform);
    return new ReturnRequests(
        platform.db(),
        new Refunds(platform.db(), new Ledger(), new SandboxPayments(), notices),
        notices,
        ReturnTerms.from(platform.settings()),
        new PhotoAttachments());
  }
}
