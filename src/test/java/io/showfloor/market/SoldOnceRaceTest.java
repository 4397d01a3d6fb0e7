package io.showfloor.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "One item, sold once, under races: listings as shares and whole sales of one product never both win")
class SoldOnceRaceTest {
  private static final int ROUNDS = 12;
  private static final int CARTS = 6;
  private static final int LISTINGS = 4;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(CARTS + LISTINGS + 1);

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  private record Attempt(String side, Api.Response answer) {}

  @Test
  @DisplayName(
      "in every round of concurrent cart adds, a flash sale and listings of one product, exactly one side wins and the losers get 409")
  void exactlyOneSideWins() throws Exception {
    List<TestUser> buyers = new ArrayList<>();
    for (int i = 0; i < CARTS; i++) {
      buyers.add(Users.create());
    }
    Map<String, Integer> winners = new TreeMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      // a seller per round: listings are rate-limited per seller (market.listingsPerHourPerSeller)
      TestUser host = Users.create("creator", "seller");
      long showId =
          host.api()
              .post(
                  "/api/shows",
                  new JsonObject()
                      .put("title", "Race night")
                      .put("description", "Prints")
                      .put("category", "art")
                      .put("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
              .expect(201)
              .json()
              .getLong("id");
      host.api().post("/api/shows/" + showId + "/start").expect(200);
      long productId =
          host.api()
              .post(
                  "/api/products",
                  new JsonObject()
                      .put("title", "Contested print " + round)
                      .put("description", "One of a kind")
                      .put("category", "art")
                      .put("priceCents", 5_000)
                      .put("quantity", 20)
                      .put("imageUrls", new JsonArray()))
              .expect(201)
              .json()
              .getLong("id");
      List<Callable<Attempt>> attempts = new ArrayList<>();
      for (TestUser buyer : buyers) {
        attempts.add(
            () ->
                new Attempt(
                    "whole",
                    buyer
                        .api()
                        .post(
                            "/api/cart/items",
                            new JsonObject().put("productId", productId).put("quantity", 1))));
      }
      attempts.add(
          () ->
              new Attempt(
                  "whole",
                  host.api()
                      .post(
                          "/api/shows/" + showId + "/flash-sales",
                          new JsonObject()
                              .put("productId", productId)
                              .put("priceCents", 4_000)
                              .put("quantity", 1))));
      for (int i = 0; i < LISTINGS; i++) {
        String symbol = MarketFixture.symbol("RACE");
        attempts.add(
            () ->
                new Attempt(
                    "shares",
                    host.api()
                        .post(
                            "/api/market/instruments",
                            new JsonObject()
                                .put("symbol", symbol)
                                .put("name", "Print " + symbol)
                                .put("productId", productId)
                                .put("totalShares", 10)
                                .put("referencePriceCents", 1_000))));
      }
      List<Attempt> answers = race(attempts);

      long wholeWins =
          answers.stream()
              .filter(a -> a.side().equals("whole") && a.answer().status() == 201)
              .count();
      long shareWins =
          answers.stream()
              .filter(a -> a.side().equals("shares") && a.answer().status() == 201)
              .count();
      String all =
          answers.stream()
              .map(a -> a.side() + " " + a.answer().status() + " " + a.answer().body())
              .toList()
              .toString();
      assertTrue(shareWins <= 1, "round " + round + ": one listing at most: " + all);
      assertTrue(
          (wholeWins > 0) != (shareWins > 0), "round " + round + ": exactly one side wins: " + all);
      for (Attempt a : answers) {
        if (a.answer().status() != 201) {
          // a whole sale loses only to a listing; a listing loses to whole sales (reserved) or to
          // the other listing
          assertTrue(shareWins > 0 || a.side().equals("shares"), "round " + round + ": " + all);
          a.answer().expectProblem(409, shareWins > 0 ? "item_fractionalized" : "item_reserved");
        }
      }
      // and the database agrees: the product is in carts/sales or behind an instrument, never both
      long instruments =
          count("SELECT COUNT(*) AS n FROM market_instruments WHERE product_id = $1", productId);
      long carted =
          count("SELECT COUNT(*) AS n FROM cart_items WHERE product_id = $1", productId)
              + count("SELECT COUNT(*) AS n FROM flash_sales WHERE product_id = $1", productId);
      assertEquals(shareWins, instruments, "round " + round);
      assertEquals(wholeWins, carted, "round " + round);
      winners.merge(shareWins > 0 ? "shares" : "whole", 1, Integer::sum);
    }
    System.out.println("SoldOnceRaceTest: rounds won by " + winners);
  }

  /** Every attempt released at once, from its own thread. */
  private static List<Attempt> race(List<Callable<Attempt>> attempts) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Attempt>> running = new ArrayList<>();
    for (Callable<Attempt> attempt : attempts) {
      running.add(
          POOL.submit(
              () -> {
                start.await();
                return attempt.call();
              }));
    }
    start.countDown();
    List<Attempt> answers = new ArrayList<>();
    for (Future<Attempt> f : running) {
      answers.add(f.get());
    }
    return answers;
  }

  private static long count(String sql, long productId) {
    return TestNode.get().platform().db().one(sql, Tuple.of(productId)).await().getLong("n");
  }
}
