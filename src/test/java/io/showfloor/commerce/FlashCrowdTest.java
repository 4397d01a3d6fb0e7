package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Products;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A crowd of buyers for a few units")
class FlashCrowdTest {

  @Test
  @DisplayName(
      "300 buyers checking out at once for 20 units: exactly 20 paid orders, stock 0, the rest out_of_stock")
  void threeHundredBuyersTwentyUnits() throws Exception {
    var seller = Users.create("seller");
    long product = Products.create(seller, 4999, 20).getLong("id");
    List<Users.TestUser> buyers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Users.TestUser buyer = Users.create();
      Shop.add(buyer, product, 1);
      buyers.add(buyer);
    }
    ExecutorService pool = Executors.newFixedThreadPool(100);
    CountDownLatch start = new CountDownLatch(1);
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    try {
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (Users.TestUser buyer : buyers) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return Shop.checkout(buyer.api(), "pm_card_visa");
                }));
      }
      start.countDown();
      for (Future<Api.Response> answer : answers) {
        Api.Response response = answer.get();
        statuses.merge(response.status(), 1, Integer::sum);
        if (response.status() == 409) {
          response.expectProblem(409, "out_of_stock");
        }
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(Map.of(201, 20, 409, 280), statuses);
    assertEquals(0, Shop.stock(product));
    long paid =
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT COUNT(*) AS n FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE l.product_id = $1 AND o.status = 'paid'",
                Tuple.of(product))
            .await()
            .getLong("n");
    assertEquals(20, paid);
    assertEquals(20 * (4999 - 400), LedgerCheck.balance("seller:" + seller.id() + ":payable"));
    LedgerCheck.assertBalanced();
  }
}
