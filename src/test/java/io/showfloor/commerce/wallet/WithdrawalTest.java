package io.showfloor.commerce.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
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
    "Wallet withdrawals with the sandbox provider: settlement window, limits, idempotency, a crowd pays out once")
class WithdrawalTest {
  private static final int SETTLEMENT_HOURS = 72;

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  /**
   * A user whose card deposit of {@code cents} is older than the settlement window: withdrawable
   * cash.
   */
  private static TestUser settledUser(long cents) {
    TestUser user = Users.create();
    deposit(user, cents);
    ageDeposits(user, SETTLEMENT_HOURS * 3600L + 60);
    return user;
  }

  private static void deposit(TestUser user, long cents) {
    user.api().post("/api/wallet/deposits", new JsonObject().put("amountCents", cents)).expect(201);
  }

  /** Moves the user's deposits back in time (the database clock decides the window). */
  private static void ageDeposits(TestUser user, long seconds) {
    TestNode.get()
        .platform()
        .db()
        .query(
            """
        UPDATE wallet_deposits SET completed_at = completed_at - make_interval(secs => $2) WHERE user_id = $1""",
            Tuple.of(user.id(), (double) seconds))
        .await();
  }

  private static Api.Response withdraw(TestUser user, long cents, String key) {
    return user.api()
        .with("Idempotency-Key", key)
        .post("/api/wallet/withdrawals", new JsonObject().put("amountCents", cents));
  }

  private static Api.Response withdraw(TestUser user, long cents) {
    return withdraw(user, cents, "w-" + UUID.randomUUID());
  }

  private static JsonObject wallet(TestUser user) {
    return user.api().get("/api/wallet").expect(200).json();
  }

  private static long cash(TestUser user) {
    return LedgerCheck.balance("user:" + user.id() + ":cash");
  }

  private static long withdrawalRows(TestUser user) {
    return TestNode.get()
        .platform()
        .db()
        .one("SELECT COUNT(*) AS n FROM wallet_withdrawals WHERE user_id = $1", Tuple.of(user.id()))
        .await()
        .getLong("n");
  }

  @Test
  @DisplayName(
      "a settled balance is paid out at once by the sandbox, honestly labelled, through wallet -> in transit -> paid out, and the user is told")
  void sandboxPaysAtOnce() {
    TestUser user = settledUser(20_000);
    JsonObject before = wallet(user).getJsonObject("withdrawals");
    assertEquals(20_000, before.getLong("availableCents"));
    assertEquals(0, before.getLong("unsettledDepositCents"));
    long inTransit = LedgerCheck.balance("platform:payouts-in-transit");
    long clearing = LedgerCheck.balance("provider:sandbox:clearing");

    JsonObject answer = withdraw(user, 5_000).expect(201).json();
    JsonObject w = answer.getJsonObject("withdrawal");
    assertEquals("paid", w.getString("status"));
    assertEquals(5_000, w.getLong("amountCents"));
    assertEquals("sandbox", w.getString("provider"));
    assertTrue(w.getString("note").contains("no real money"), w.encode());
    assertTrue(w.getString("providerTransferId").startsWith("sandbox_tr_"), w.encode());
    assertEquals(15_000, answer.getJsonObject("wallet").getLong("availableCents"));
    assertEquals(
        15_000,
        answer.getJsonObject("wallet").getJsonObject("withdrawals").getLong("availableCents"));
    assertEquals(
        5_000,
        answer
            .getJsonObject("wallet")
            .getJsonObject("withdrawals")
            .getLong("withdrawnLast24hCents"));

    assertEquals(15_000, cash(user));
    assertEquals(
        inTransit, LedgerCheck.balance("platform:payouts-in-transit"), "in transit, then paid out");
    assertEquals(clearing - 5_000, LedgerCheck.balance("provider:sandbox:clearing"));
    List<String> kinds =
        TestNode.get()
            .platform()
            .db()
            .query(
                """
        SELECT kind FROM ledger_transactions WHERE reference = $1 ORDER BY id""",
                Tuple.of("withdrawal:" + w.getLong("id")))
            .await()
            .stream()
            .map(r -> r.getString("kind"))
            .toList();
    assertEquals(List.of("withdrawal_requested", "withdrawal_paid"), kinds);
    assertEquals(
        "withdrawal_requested",
        wallet(user).getJsonArray("history").getJsonObject(0).getString("kind"));

    JsonObject notice =
        user.api().get("/api/me/notifications").expect(200).json().getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(n -> "withdrawal_paid".equals(n.getString("kind")))
            .findFirst()
            .orElseThrow()
            .getJsonObject("payload");
    assertEquals(w.getLong("id"), notice.getLong("withdrawalId"));
    assertEquals("sandbox", notice.getString("provider"));
    Mailbox.await(user.email(), "Your withdrawal of $50.00 is on its way");

    JsonObject listed = user.api().get("/api/wallet/withdrawals").expect(200).json();
    assertEquals(w.getLong("id"), listed.getJsonArray("items").getJsonObject(0).getLong("id"));
    assertNull(listed.getValue("nextBefore"));
  }

  @Test
  @DisplayName(
      "card-deposit cash is withdrawable only after the settlement window; cash locked by an open market order never")
  void settlementAndLockedCash() {
    TestUser user = Users.create();
    deposit(user, 30_000);
    JsonObject limits = wallet(user).getJsonObject("withdrawals");
    assertEquals(0, limits.getLong("availableCents"));
    assertEquals(30_000, limits.getLong("unsettledDepositCents"));
    assertEquals(SETTLEMENT_HOURS, limits.getInteger("settlementHours"));
    withdraw(user, 1_000).expectProblem(422, "insufficient_funds");
    ageDeposits(user, SETTLEMENT_HOURS * 3600L - 3600);
    withdraw(user, 1_000).expectProblem(422, "insufficient_funds");
    ageDeposits(user, 3660);
    assertEquals(30_000, wallet(user).getJsonObject("withdrawals").getLong("availableCents"));

    // a resting buy order holds 2 x $100.00 (and whatever fee reserve the market takes) of the
    // wallet's cash: a reservation, the cash stays in user:<id>:cash
    var listing = MarketFixture.listed("WD");
    MarketFixture.phase(listing.symbol(), "continuous");
    MarketFixture.place(user, MarketFixture.limit(listing.symbol(), "buy", 10_000, 2));
    long locked = MarketFixture.portfolio(user).getLong("lockedCashCents");
    assertTrue(locked >= 20_000, "the order locked its cash: " + locked);
    long free = 30_000 - locked;
    assertEquals(free, wallet(user).getJsonObject("withdrawals").getLong("availableCents"));
    withdraw(user, free + 1).expectProblem(422, "insufficient_funds");
    withdraw(user, free).expect(201);
    MarketFixture.assertCash(user, 0, locked);
    assertEquals(locked, LedgerCheck.balance("user:" + user.id() + ":cash"));
    assertEquals(0, LedgerCheck.balance("user:" + user.id() + ":escrow"));
    MarketFixture.assertHoldsReconciled();

    // a fresh deposit on top of settled cash: only the settled part can go
    TestUser mixed = settledUser(3_000);
    deposit(mixed, 2_000);
    assertEquals(3_000, wallet(mixed).getJsonObject("withdrawals").getLong("availableCents"));
    withdraw(mixed, 3_001).expectProblem(422, "insufficient_funds");
    withdraw(mixed, 3_000).expect(201);
    assertEquals(2_000, cash(mixed));
  }

  @Test
  @DisplayName(
      "below the minimum and above the rolling daily limit are refused with stable codes; the limit frees up after 24 hours")
  void minimumAndDailyLimit() {
    TestUser user = settledUser(3_000_000);
    withdraw(user, 499).expectProblem(422, "below_minimum");
    withdraw(user, 2_000_000).expect(201);
    withdraw(user, 500_001).expectProblem(422, "daily_limit_exceeded");
    assertEquals(500_000, wallet(user).getJsonObject("withdrawals").getLong("availableCents"));
    withdraw(user, 500_000).expect(201);
    withdraw(user, 500).expectProblem(422, "daily_limit_exceeded");
    assertEquals(500_000, cash(user));
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE wallet_withdrawals SET created_at = created_at - interval '24 hours 1 minute' WHERE user_id = $1",
            Tuple.of(user.id()))
        .await();
    withdraw(user, 500_000).expect(201);
    assertEquals(0, cash(user));
  }

  @Test
  @DisplayName(
      "a double submit with the same Idempotency-Key pays once; without a key it is refused; another amount under the key is 409")
  void doubleSubmits() {
    TestUser user = settledUser(10_000);
    String key = "twice-" + UUID.randomUUID();
    JsonObject first = withdraw(user, 4_000, key).expect(201).json().getJsonObject("withdrawal");
    Api.Response again = withdraw(user, 4_000, key).expect(201);
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(first.getLong("id"), again.json().getJsonObject("withdrawal").getLong("id"));
    assertEquals("paid", again.json().getJsonObject("withdrawal").getString("status"));
    withdraw(user, 4_500, key).expectProblem(409, "idempotency_key_reused");
    user.api()
        .post("/api/wallet/withdrawals", new JsonObject().put("amountCents", 1_000))
        .expectProblem(400, "idempotency_key_required");
    assertEquals(6_000, cash(user));
    assertEquals(1, withdrawalRows(user));
  }

  @Test
  @DisplayName("bad input is refused with problem+json and changes nothing")
  void badInput() {
    TestUser user = settledUser(5_000);
    TestNode.api()
        .with("Idempotency-Key", "anon")
        .post("/api/wallet/withdrawals", new JsonObject().put("amountCents", 500))
        .expectProblem(401, "unauthorized");
    TestNode.api().get("/api/wallet/withdrawals").expectProblem(401, "unauthorized");
    Users.unverified()
        .api()
        .with("Idempotency-Key", "unverified")
        .post("/api/wallet/withdrawals", new JsonObject().put("amountCents", 500))
        .expectProblem(403, "email_not_verified");
    for (JsonObject bad :
        new JsonObject[] {
          new JsonObject(),
          new JsonObject().put("amountCents", -5),
          new JsonObject().put("amountCents", 0),
          new JsonObject().put("amountCents", 100_000_001L),
          new JsonObject().put("amountCents", Long.MAX_VALUE),
          new JsonObject().put("amountCents", "1000"),
          new JsonObject().put("amountCents", 12.5),
          new JsonObject().put("amountCents", "10\u000000"),
          new JsonObject().put("amountCents", 1000).put("to", "acct_x")
        }) {
      user.api()
          .with("Idempotency-Key", "bad-" + UUID.randomUUID())
          .post("/api/wallet/withdrawals", bad)
          .expectProblem(400, "validation_failed");
    }
    user.api()
        .with("Idempotency-Key", "nul")
        .send(
            "POST", "/api/wallet/withdrawals", "{\"amountCents\": 10\u000000}", "application/json")
        .expect(400);
    user.api()
        .with("Idempotency-Key", "raw")
        .send("POST", "/api/wallet/withdrawals", "{not json", "application/json")
        .expect(400);
    withdraw(user, 5_001).expectProblem(422, "insufficient_funds");
    withdraw(Users.create(), 1_000).expectProblem(422, "insufficient_funds");
    user.api().get("/api/wallet/withdrawals?limit=0").expectProblem(400, "validation_failed");
    user.api().get("/api/wallet/withdrawals?before=abc").expectProblem(400, "validation_failed");
    assertEquals(5_000, cash(user));
    assertEquals(0, withdrawalRows(user));
  }

  @Test
  @DisplayName("history pages newest first and shows nobody else's withdrawals")
  void history() {
    TestUser user = settledUser(10_000);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(
          withdraw(user, 1_000 + i).expect(201).json().getJsonObject("withdrawal").getLong("id"));
    }
    JsonObject page = user.api().get("/api/wallet/withdrawals?limit=2").expect(200).json();
    assertEquals(List.of(ids.get(2), ids.get(1)), idsOf(page.getJsonArray("items")));
    JsonObject rest =
        user.api()
            .get("/api/wallet/withdrawals?limit=2&before=" + page.getLong("nextBefore"))
            .expect(200)
            .json();
    assertEquals(List.of(ids.get(0)), idsOf(rest.getJsonArray("items")));
    assertNull(rest.getValue("nextBefore"));
    assertEquals(
        0,
        Users.create()
            .api()
            .get("/api/wallet/withdrawals")
            .expect(200)
            .json()
            .getJsonArray("items")
            .size());
  }

  @Test
  @DisplayName(
      "a crowd of 100 concurrent requests withdrawing the same balance pays out exactly once")
  void crowdPaysOnce() throws Exception {
    TestUser user = settledUser(50_000);
    long clearing = LedgerCheck.balance("provider:sandbox:clearing");
    ExecutorService pool = Executors.newFixedThreadPool(100);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Api.Response>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        String key = "crowd-" + i + "-" + UUID.randomUUID();
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                  return withdraw(user, 50_000, key);
                },
                pool));
      }
      start.countDown();
      List<Api.Response> done = answers.stream().map(CompletableFuture::join).toList();
      assertEquals(1, done.stream().filter(r -> r.status() == 201).count());
      assertEquals(
          99,
          done.stream()
              .filter(
                  r -> r.status() == 422 && "insufficient_funds".equals(r.json().getString("code")))
              .count());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, cash(user));
    assertEquals(1, withdrawalRows(user));
    assertEquals(clearing - 50_000, LedgerCheck.balance("provider:sandbox:clearing"));
  }

  @Test
  @DisplayName("the same Idempotency-Key sent by 100 concurrent requests creates one withdrawal")
  void crowdSameKey() {
    TestUser user = settledUser(8_000);
    String key = "same-" + UUID.randomUUID();
    List<CompletableFuture<Api.Response>> answers = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      for (int i = 0; i < 100; i++) {
        answers.add(CompletableFuture.supplyAsync(() -> withdraw(user, 8_000, key), pool));
      }
      List<Api.Response> done = answers.stream().map(CompletableFuture::join).toList();
      assertTrue(
          done.stream().allMatch(r -> r.status() == 201), "every retry answers the withdrawal");
      assertEquals(
          1,
          done.stream()
              .map(r -> r.json().getJsonObject("withdrawal").getLong("id"))
              .distinct()
              .count());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, cash(user));
    assertEquals(1, withdrawalRows(user));
  }

  @Test
  @DisplayName("withdrawal requests are rate limited per user (429 rate_limited)")
  void rateLimited() {
    TestUser user = settledUser(5_000);
    for (int i = 0; i < 150; i++) {
      withdraw(user, 1).expectProblem(422, "below_minimum");
    }
    withdraw(user, 1_000).expectProblem(429, "rate_limited");
    assertEquals(5_000, cash(user));
  }

  private static List<Long> idsOf(JsonArray items) {
    List<Long> ids = new ArrayList<>();
    items.forEach(item -> ids.add(((JsonObject) item).getLong("id")));
    return ids;
  }
}
