package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Background CSV import: progress over the me topic, the per-row report at the end")
class ProductImportJobTest {

  /** {@code rows} good rows with one malformed row (a price that is not money) in the middle. */
  private static String csv(String prefix, int rows) {
    StringBuilder csv = new StringBuilder("sku,title,category,price,quantity\n");
    for (int i = 0; i < rows; i++) {
      if (i == rows / 2) {
        csv.append(prefix).append("-BROKEN,Price is not money,games,twelve,1\n");
      }
      csv.append(prefix)
          .append('-')
          .append(i)
          .append(",Item ")
          .append(i)
          .append(",games,12.50,3\n");
    }
    return csv.toString();
  }

  private static JsonObject start(Users.TestUser seller, String csv, int status) {
    return seller
        .api()
        .send("POST", "/api/products/import-jobs", csv, "text/csv")
        .expect(status)
        .json();
  }

  @Test
  @DisplayName(
      "a 5,000-row import reports progress over the socket and a per-row report with the malformed row refused")
  void fiveThousandRows() {
    var seller = Users.create("seller");
    long id;
    try (TestSocket socket = TestSocket.open(TestNode.get().port())) {
      socket.auth(seller.accessToken());
      assertEquals("snapshot", socket.subscribe("me").getString("type"));

      JsonObject job = start(seller, csv("JOB", 5000), 202);
      assertEquals("running", job.getString("status"));
      assertEquals(5001, job.getInteger("rowsTotal"));
      id = job.getLong("id");

      List<Integer> seen = new ArrayList<>();
      JsonObject progress;
      do {
        progress = socket.nextMatching(f -> "import.progress".equals(f.getString("type")));
        assertEquals("me", progress.getString("topic"));
        assertEquals(id, progress.getJsonObject("data").getLong("id"));
        seen.add(progress.getJsonObject("data").getInteger("rowsDone"));
      } while (!"done".equals(progress.getJsonObject("data").getString("status")));
      assertTrue(seen.size() > 5, "progress came in steps: " + seen);
      for (int i = 1; i < seen.size(); i++) {
        assertTrue(seen.get(i) > seen.get(i - 1), "progress only moves forward: " + seen);
      }
      assertEquals(5001, seen.get(seen.size() - 1));
    }

    JsonObject done = seller.api().get("/api/products/import-jobs/" + id).expect(200).json();
    assertEquals("done", done.getString("status"));
    assertEquals(5000, done.getInteger("created"));
    assertEquals(1, done.getInteger("refused"));
    assertEquals(5001, done.getJsonArray("results").size());
    JsonObject broken =
        done.getJsonArray("results").stream()
            .map(JsonObject.class::cast)
            .filter(r -> "JOB-BROKEN".equals(r.getString("sku")))
            .findFirst()
            .orElseThrow();
    assertEquals("refused", broken.getString("status"));
    assertTrue(broken.getString("reason").contains("price"), broken.encode());
    assertEquals(2502, broken.getInteger("line"));
    // the products are there for buyers
    JsonObject product = done.getJsonArray("results").getJsonObject(0);
    assertEquals("created", product.getString("status"));
    Users.create().api().get("/api/products/" + product.getLong("productId")).expect(200);
  }

  @Test
  @DisplayName("a second import while one runs is refused 409; another seller cannot read the job")
  void oneAtATime() {
    var seller = Users.create("seller");
    JsonObject job = start(seller, csv("ONE", 10_000), 202);
    seller
        .api()
        .send("POST", "/api/products/import-jobs", csv("TWO", 10), "text/csv")
        .expectProblem(409, "import_in_progress");
    Users.create("seller")
        .api()
        .get("/api/products/import-jobs/" + job.getLong("id"))
        .expectProblem(404, "import_not_found");
    Awaitility.await("the first import finishes")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                "done"
                    .equals(
                        seller
                            .api()
                            .get("/api/products/import-jobs/" + job.getLong("id"))
                            .expect(200)
                            .json()
                            .getString("status")));
    // once it is done the seller may import again
    JsonObject next = start(seller, csv("TWO", 10), 202);
    assertEquals(11, next.getInteger("rowsTotal"));
  }

  @Test
  @DisplayName(
      "a job a stopped node left half done is carried on from its stored position by a running node")
  void resumesAfterRestart() {
    var seller = Users.create("seller");
    // as a node that stopped after its first slice leaves it: the file, rows_done, nothing cached
    long id =
        TestNode.get()
            .platform()
            .db()
            .one(
                "INSERT INTO product_import_jobs (seller_id, csv, rows_total, rows_done, created)"
                    + " VALUES ($1, $2, 1201, 500, 500) RETURNING id",
                Tuple.of(seller.id(), csv("RESUME", 1200)))
            .await()
            .getLong("id");
    Awaitility.await("the left-over import finishes")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                "done"
                    .equals(
                        seller
                            .api()
                            .get("/api/products/import-jobs/" + id)
                            .expect(200)
                            .json()
                            .getString("status")));
    JsonObject done = seller.api().get("/api/products/import-jobs/" + id).expect(200).json();
    assertEquals(1201, done.getInteger("rowsDone"));
    assertEquals(1200, done.getInteger("created"), "500 before the stop, 700 after");
    assertEquals(1, done.getInteger("refused"));
    // the report holds the rows written after the restart, starting where the stop left off
    assertEquals(701, done.getJsonArray("results").size());
    assertEquals(502, done.getJsonArray("results").getJsonObject(0).getInteger("line"));
  }
}
