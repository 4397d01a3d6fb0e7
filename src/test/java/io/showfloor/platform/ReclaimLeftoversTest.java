package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.NodeProcess;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A node restarts after kill -9 without help")
class ReclaimLeftoversTest {

  @Test
  @DisplayName(
      "the PostgreSQL and Redis a killed node left running are stopped at the next start, in one log line, and the node serves again")
  void reclaimsItsOwnLeftovers() {
    try (NodeProcess node = NodeProcess.fresh("reclaim", new JsonObject())) {
      node.launch().awaitReady(System.nanoTime(), Duration.ofSeconds(180));
      List<ProcessHandle> before = node.processes();
      ProcessHandle postgres = before.get(1);
      node.killJvm();
      assertTrue(
          postgres.isAlive(),
          "kill -9 of the JVM leaves its PostgreSQL running (an orphan holding its port)");

      Duration ready = node.launch().awaitReady(System.nanoTime(), Duration.ofSeconds(180));
      System.out.println(
          "restart after kill -9 of the JVM alone, reclaiming its orphans: ready in "
              + ready.toMillis()
              + " ms");
      List<String> reclaimed =
          node.log().lines().filter(line -> line.contains("Reclaimed")).toList();
      assertEquals(1, reclaimed.size(), "one line says what was reclaimed: " + reclaimed);
      assertTrue(
          reclaimed.get(0).contains("PostgreSQL (pid " + postgres.pid() + ")")
              && reclaimed.get(0).contains("Redis (pid"),
          reclaimed.get(0));
      assertTrue(!postgres.isAlive(), "the orphaned PostgreSQL is gone");
      node.api().get("/api/shows").expect(200);

      assertEquals(
          143,
          node.stop(Duration.ofSeconds(60)),
          "SIGTERM ends the node after its graceful stop (128 + 15)");
      assertTrue(
          node.processes().size() == 1,
          "a graceful stop leaves no PostgreSQL or Redis behind (and no pid files)");
    }
  }

  @Test
  @DisplayName(
      "a port taken by another program stops start-up with one line naming the setting to change, and exit code 2")
  void portTakenByAnotherProgram() throws Exception {
    try (NodeProcess node = NodeProcess.fresh("port-taken", new JsonObject());
        ServerSocket stranger = new ServerSocket()) {
      stranger.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.databasePort()));
      int exit = node.launch().awaitExit(Duration.ofSeconds(120));
      assertEquals(2, exit, node.log());
      List<String> lines = node.log().lines().filter(line -> !line.isBlank()).toList();
      String last = lines.get(lines.size() - 1);
      assertTrue(
          last.startsWith("showfloor: ")
              && last.contains("port " + node.databasePort())
              && last.contains("database.embedded.port"),
          last);
      assertTrue(
          node.log().lines().noneMatch(line -> line.startsWith("\tat ")),
          "no stack trace:\n" + node.log());
    }
  }
}
