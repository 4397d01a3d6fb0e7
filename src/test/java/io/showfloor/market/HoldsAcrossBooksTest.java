package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Holds are reservations on one cash shared by every book, never ledger movements")
class HoldsAcrossBooksTest {

  @AfterEach
  void consistent() {
    LedgerCheck.assertBalanced();
    MarketFixture.assertHoldsReconciled();
  }

  private static long cashEntries(TestUser user) {
    return TestNode.get()
        .platform()
        .db()
        .one(
            """
            SELECT COUNT(*) AS n FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
            WHERE a.code = $1""",
            Tuple.of("user:" + user.id() + ":cash"))
        .await()
        .getLong("n");
  }

  @Test
  @DisplayName(
      "a resting buy in one book holds cash another book cannot spend; placing and cancelling write no ledger entry")
  void holdSpansBooks() {
    String first = listed("HA").symbol();
    String second = listed("HB").symbol();
    phase(first, "continuous");
    phase(second, "continuous");
    TestUser buyer = trader(100_000);
    long entries = cashEntries(buyer);

    JsonObject resting = place(buyer, limit(first, "buy", 10_000, 6));
    MarketFixture.assertCash(buyer, 40_000, 60_000);
    buyer
        .api()
        .post("/api/market/orders", limit(second, "buy", 10_000, 5))
        .expectProblem(422, "insufficient_funds");
    JsonObject wallet = buyer.api().get("/api/wallet").expect(200).json();
    assertEquals(40_000, wallet.getLong("availableCents"));
    assertEquals(60_000, wallet.getLong("heldCents"));
    assertEquals(100_000, wallet.getLong("balanceCents"));

    buyer
        .api()
        .delete("/api/market/orders/" + resting.getJsonObject("order").getLong("id"))
        .expect(200);
    place(buyer, limit(second, "buy", 10_000, 5));
    MarketFixture.assertCash(buyer, 50_000, 50_000);
    assertEquals(entries, cashEntries(buyer), "holds moved no money");
    assertEquals(100_000, LedgerCheck.balance("user:" + buyer.id() + ":cash"));
  }

  @Test
  @DisplayName(
      "16 buys sent at once to two books, each needing a fifth of the cash: exactly five are held")
  void concurrentBuysAcrossBooks() throws Exception {
    String first = listed("HC").symbol();
    String second = listed("HD").symbol();
    phase(first, "continuous");
    phase(second, "continuous");
    TestUser buyer = trader(100_000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String symbol = i % 2 == 0 ? first : second;
      answers.add(
          pool.submit(
              () ->
                  buyer
                      .api()
                      .post("/api/market/orders", limit(symbol, "buy", 10_000, 2))
                      .status()));
    }
    int placed = 0;
    for (Future<Integer> answer : answers) {
      int status = answer.get();
      assertTrue(status == 201 || status == 422, "answer " + status);
      placed += status == 201 ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(5, placed);
    MarketFixture.assertCash(buyer, 0, 100_000);
  }
}
