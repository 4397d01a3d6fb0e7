package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.testing.Api;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * /health/ready is what a load balancer asks before sending work: a node whose PostgreSQL is down
 * answers 503 naming the database, and 200 again once it is back, without a restart. The node runs
 * on its own PostgreSQL here, which the test really stops and starts again on the same data.
 */
@DisplayName("Readiness follows the database: 503 while PostgreSQL is stopped, 200 once it is back")
class ReadinessTest {

  @Test
  @DisplayName(
      "stopping PostgreSQL turns /health/ready to 503 with database DOWN; starting it again turns it back to 200")
  void followsTheDatabase() throws Exception {
    Path data = Path.of("target", "test-data", "readiness-postgres").toAbsolutePath();
    TestNode.deleteRecursively(data);
    int port = TestNode.freePort();
    EmbeddedPostgres postgres = start(data, port);
    Showfloor node = null;
    try {
      node =
          Showfloor.start(
              TestNode.sharingInfrastructure("readiness")
                  .with(
                      "database.url",
                      "postgresql://postgres:postgres@127.0.0.1:" + port + "/postgres"));
      Api api = new Api("http://127.0.0.1:" + node.port());
      JsonObject ready = api.get("/health/ready").expect(200).json();
      assertEquals("UP", ready.getJsonObject("checks").getString("node"));

      postgres.close();
      Eventually.until(
          () -> api.get("/health/ready").status() == 503, "503 while PostgreSQL is stopped");
      JsonObject down = api.get("/health/ready").expect(503).json();
      assertEquals("DOWN", down.getString("status"));
      assertTrue(
          down.getJsonObject("checks").getString("database").startsWith("DOWN: "), down.encode());
      assertEquals("UP", down.getJsonObject("checks").getString("redis"));
      api.get("/health/live").expect(200);

      postgres = start(data, port);
      Eventually.until(
          () -> api.get("/health/ready").status() == 200, "200 once PostgreSQL is back");
      assertEquals(
          "UP", api.get("/health/ready").json().getJsonObject("checks").getString("database"));
    } finally {
      if (node != null) {
        node.stop();
      }
      postgres.close();
    }
  }

  private static EmbeddedPostgres start(Path data, int port) throws Exception {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setServerConfig("unix_socket_directories", "")
        .start();
  }
}
