package io.showfloor.commerce.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.Sales;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Payouts with the sandbox provider: holds, requests, approval, rejection and no overdraft")
class PayoutTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static JsonObject balance(TestUser payee) {
    return payee.api().get("/api/payouts/balance").expect(200).json();
  }

  private static Api.Response request(TestUser payee, long amountCents, String key) {
    return payee
        .api()
        .with("Idempotency-Key", key)
        .post("/api/payouts", new JsonObject().put("amountCents", amountCents));
  }

  private static Api admin() {
    return LedgerCheck.admin().api();
  }

  /**
   * A seller with {@code count} one-unit sales delivered longer than the hold ago: cleared money.
   */
  private static TestUser sellerWithCleared(long price, int count) {
    TestUser seller = Users.create("seller");
    for (int i = 0; i < count; i++) {
      Sales.clear(seller, Sales.sold(seller, price, 1, 0));
    }
    return seller;
  }

  @Test
  @DisplayName(
      "money is pending until holdDays after the buyer confirms delivery; then it is available, and a payout moves it to paid")
  void holdThenPayOut() {
    TestUser seller = Users.create("seller");
    long orderId = Sales.sold(seller, 5_000, 2, 300); // items 10,000, fee 800, seller 9,500
    long net = Sales.sellerNet(5_000, 2, 300);
    assertEquals(9_500, net);
    JsonObject held = balance(seller);
    assertEquals(0, held.getLong("availableCents"));
    assertEquals(net, held.getLong("pendingCents"));
    assertEquals(net, held.getLong("payableCents"));
    assertEquals(7, held.getInteger("holdDays"));
    assertEquals("sandbox", held.getString("provider"));
    request(seller, 1_000, "hold-" + UUID.randomUUID()).expectProblem(422, "insufficient_funds");

    Sales.deliver(seller, orderId);
    JsonObject order = seller.api().get("/api/orders/" + orderId).expect(200).json();
    assertEquals("buyer", order.getString("deliveryConfirmedBy"));
    assertEquals(
        Instant.parse(order.getString("deliveredAt")).plus(Duration.ofDays(7)),
        Instant.parse(order.getString("payableAt")),
        "the hold runs from the delivery");
    assertEquals(net, balance(seller).getLong("pendingCents"), "delivered today: still on hold");
    Sales.ageDelivery(orderId, 7 * 86_400L - 3_600);
    assertEquals(
        net,
        balance(seller).getLong("pendingCents"),
        "an hour before the hold ends: still on hold");
    Sales.ageDelivery(orderId, 3_660);
    JsonObject cleared = balance(seller);
    assertEquals(net, cleared.getLong("availableCents"));
    assertEquals(0, cleared.getLong("pendingCents"));

    long inTransitBefore = LedgerCheck.balance("platform:payouts-in-transit");
    long clearingBefore = LedgerCheck.balance("provider:sandbox:clearing");
    JsonObject payout = request(seller, 6_000, "first-" + UUID.randomUUID()).expect(201).json();
    assertEquals("requested", payout.getString("status"));
    assertEquals(6_000, payout.getLong("amountCents"));
    assertEquals("sandbox", payout.getString("provider"));
    assertTrue(payout.getString("note").contains("no real money"), payout.encode());
    assertEquals(net - 6_000, LedgerCheck.balance("seller:" + seller.id() + ":payable"));
    assertEquals(inTransitBefore + 6_000, LedgerCheck.balance("platform:payouts-in-transit"));
    JsonObject requested = balance(seller);
    assertEquals(net - 6_000, requested.getLong("availableCents"));
    assertEquals(6_000, requested.getLong("inTransitCents"));
    assertEquals(0, requested.getLong("paidOutCents"));

    JsonObject paid =
        admin().post("/api/admin/payouts/" + payout.getLong("id") + "/approve").expect(200).json();
    assertEquals("paid", paid.getString("status"));
    assertTrue(paid.getString("providerTransferId").startsWith("sandbox_tr_"), paid.encode());
    assertNotNull(paid.getString("completedAt"));
    assertEquals(LedgerCheck.admin().id(), paid.getLong("reviewedBy"));
    assertEquals(inTransitBefore, LedgerCheck.balance("platform:payouts-in-transit"));
    assertEquals(clearingBefore - 6_000, LedgerCheck.balance("provider:sandbox:clearing"));
    JsonObject after = balance(seller);
    assertEquals(net - 6_000, after.getLong("availableCents"));
    assertEquals(0, after.getLong("inTransitCents"));
    assertEquals(6_000, after.getLong("paidOutCents"));
    admin()
        .post("/api/admin/payouts/" + payout.getLong("id") + "/approve")
        .expectProblem(409, "payout_state");
    admin()
        .post("/api/admin/payouts/" + payout.getLong("id") + "/reject")
        .expectProblem(409, "payout_state");
    JsonObject told = notice(seller, "payout_paid");
    assertEquals(payout.getLong("id"), told.getLong("payoutId"));
    assertEquals(6_000, told.getLong("amountCents"));
    Mailbox.await(seller.email(), "Your payout of $60.00 is on its way");
  }

  /** The payee's newest notification of this kind (its payload). */
  private static JsonObject notice(TestUser payee, String kind) {
    return payee
        .api()
        .get("/api/me/notifications")
        .expect(200)
        .json()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(n -> kind.equals(n.getString("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " notification"))
        .getJsonObject("payload");
  }

  @Test
  @DisplayName(
      "an order paid long ago but never delivered stays held, a disputed one stays held after the hold, and a refund cuts the available amount at once")
  void holdRules() {
    TestUser seller = Users.create("seller");
    long cleared = Sales.sold(seller, 2_000, 1, 0);
    long disputed = Sales.sold(seller, 3_000, 1, 0);
    long refunded = Sales.sold(seller, 4_000, 1, 0);
    long neverShipped = Sales.sold(seller, 5_000, 1, 0);
    Sales.clear(seller, cleared);
    Sales.clear(seller, disputed);
    // thirty days pass for the unshipped order (the database clock decides, so the test moves the
    // payment back)
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE orders SET paid_at = now() - interval '30 days' WHERE id = $1",
            Tuple.of(neverShipped))
        .await();
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE orders SET dispute_status = 'needs_response' WHERE id = $1", Tuple.of(disputed))
        .await();
    JsonObject b = balance(seller);
    assertEquals(Sales.sellerNet(2_000, 1, 0), b.getLong("availableCents"));
    assertEquals(
        Sales.sellerNet(3_000, 1, 0) + Sales.sellerNet(4_000, 1, 0) + Sales.sellerNet(5_000, 1, 0),
        b.getLong("pendingCents"));
    assertNull(
        seller.api().get("/api/orders/" + disputed).expect(200).json().getString("payableAt"));

    Sales.clear(seller, refunded);
    seller
        .api()
        .post("/api/orders/" + refunded + "/refund", new JsonObject().put("amountCents", 1_000))
        .expect(201);
    long refundedShare =
        LedgerCheck.balance("seller:" + seller.id() + ":payable")
            - Sales.sellerNet(2_000, 1, 0)
            - Sales.sellerNet(3_000, 1, 0)
            - Sales.sellerNet(5_000, 1, 0);
    assertTrue(
        refundedShare < Sales.sellerNet(4_000, 1, 0),
        "the refund took part of the seller's share back");
    JsonObject after = balance(seller);
    assertEquals(Sales.sellerNet(2_000, 1, 0) + refundedShare, after.getLong("availableCents"));
    assertEquals(
        Sales.sellerNet(3_000, 1, 0) + Sales.sellerNet(5_000, 1, 0), after.getLong("pendingCents"));
  }

  @Test
  @DisplayName("a rejected payout gives the money back to the payable and can be requested again")
  void rejectReverses() {
    TestUser seller = sellerWithCleared(3_000, 1);
    long net = Sales.sellerNet(3_000, 1, 0);
    JsonObject payout = request(seller, net, "all-" + UUID.randomUUID()).expect(201).json();
    assertEquals(0, balance(seller).getLong("availableCents"));
    JsonObject rejected =
        admin()
            .post(
                "/api/admin/payouts/" + payout.getLong("id") + "/reject",
                new JsonObject().put("reason", "bank details under review"))
            .expect(200)
            .json();
    assertEquals("rejected", rejected.getString("status"));
    assertEquals("bank details under review", rejected.getString("reviewNote"));
    assertEquals(net, LedgerCheck.balance("seller:" + seller.id() + ":payable"));
    JsonObject b = balance(seller);
    assertEquals(net, b.getLong("availableCents"));
    assertEquals(0, b.getLong("inTransitCents"));
    admin()
        .post("/api/admin/payouts/" + payout.getLong("id") + "/approve")
        .expectProblem(409, "payout_state");
    assertEquals(
        "bank details under review", notice(seller, "payout_rejected").getString("reason"));
    Mailbox.await(seller.email(), "was not approved");
    request(seller, net, "again-" + UUID.randomUUID()).expect(201);
  }

  @Test
  @DisplayName(
      "a retried request with the same Idempotency-Key answers the same payout; another amount under that key is refused")
  void idempotentRequest() {
    TestUser seller = sellerWithCleared(5_000, 1);
    String key = "retry-" + UUID.randomUUID();
    JsonObject first = request(seller, 2_000, key).expect(201).json();
    Api.Response again = request(seller, 2_000, key).expect(201);
    assertEquals(first.getLong("id"), again.json().getLong("id"));
    assertEquals("true", again.header("Idempotent-Replayed"));
    request(seller, 2_500, key).expectProblem(409, "idempotency_key_reused");
    assertEquals(2_000, balance(seller).getLong("inTransitCents"));
  }

  @Test
  @DisplayName(
      "history pages newest first, the admin list filters by status, and nobody sees another payee's payouts")
  void listing() {
    TestUser seller = sellerWithCleared(10_000, 1);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(
          request(seller, 1_000 + i, "page-" + i + "-" + UUID.randomUUID())
              .expect(201)
              .json()
              .getLong("id"));
    }
    JsonObject page = seller.api().get("/api/payouts?limit=2").expect(200).json();
    assertEquals(List.of(ids.get(2), ids.get(1)), idsOf(page.getJsonArray("items")));
    JsonObject rest =
        seller
            .api()
            .get("/api/payouts?limit=2&before=" + page.getLong("nextBefore"))
            .expect(200)
            .json();
    assertEquals(List.of(ids.get(0)), idsOf(rest.getJsonArray("items")));
    assertEquals(
        0,
        sellerWithCleared(1_500, 1)
            .api()
            .get("/api/payouts")
            .expect(200)
            .json()
            .getJsonArray("items")
            .size());

    admin().post("/api/admin/payouts/" + ids.get(1) + "/approve").expect(200);
    JsonObject paid = admin().get("/api/admin/payouts?status=paid&limit=200").expect(200).json();
    assertTrue(idsOf(paid.getJsonArray("items")).contains(ids.get(1)));
    assertTrue(
        paid.getJsonArray("items").stream()
            .allMatch(p -> "paid".equals(((JsonObject) p).getString("status"))));
    JsonObject requested =
        admin().get("/api/admin/payouts?status=requested&limit=200").expect(200).json();
    assertTrue(idsOf(requested.getJsonArray("items")).containsAll(List.of(ids.get(0), ids.get(2))));
    assertEquals(
        List.of(ids.get(1)),
        idsOf(
            seller.api().get("/api/payouts?status=paid").expect(200).json().getJsonArray("items")));
  }

  @Test
  @DisplayName("ten concurrent payout requests never take more than is available")
  void concurrentRequestsCannotOverdraw() throws Exception {
    TestUser seller = sellerWithCleared(5_000, 2);
    long available = 2 * Sales.sellerNet(5_000, 1, 0); // 9,200
    long each = 3_000; // three fit, the other seven must be refused
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        String key = "race-" + i + "-" + UUID.randomUUID();
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                  Api.Response r = request(seller, each, key);
                  if (r.status() == 422) {
                    assertEquals("insufficient_funds", r.json().getString("code"));
                  }
                  return r.status();
                },
                pool));
      }
      start.countDown();
      long created = answers.stream().map(CompletableFuture::join).filter(s -> s == 201).count();
      long refused = answers.stream().map(CompletableFuture::join).filter(s -> s == 422).count();
      assertEquals(3, created);
      assertEquals(7, refused);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(available - 3 * each, LedgerCheck.balance("seller:" + seller.id() + ":payable"));
    JsonObject b = balance(seller);
    assertEquals(available - 3 * each, b.getLong("availableCents"));
    assertEquals(3 * each, b.getLong("inTransitCents"));
  }

  @Test
  @DisplayName("a registered connected account is shown on the balance and stored on later payouts")
  void connectedAccount() {
    TestUser seller = sellerWithCleared(2_000, 1);
    assertEquals(null, balance(seller).getString("connectedAccountId"));
    seller
        .api()
        .put("/api/payouts/account", new JsonObject().put("connectedAccountId", "acct_1Abc234Def"))
        .expect(200);
    seller
        .api()
        .put("/api/payouts/account", new JsonObject().put("connectedAccountId", "acct_1Xyz987Wvu"))
        .expect(200);
    assertEquals("acct_1Xyz987Wvu", balance(seller).getString("connectedAccountId"));
    JsonObject payout = request(seller, 1_000, "acct-" + UUID.randomUUID()).expect(201).json();
    assertEquals("acct_1Xyz987Wvu", payout.getString("destination"));
  }

  private static List<Long> idsOf(JsonArray items) {
    List<Long> ids = new ArrayList<>();
    items.forEach(item -> ids.add(((JsonObject) item).getLong("id")));
    return ids;
  }
}
