package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.Showfloor;
import io.showfloor.platform.config.Settings;
import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A node on the embedded defaults keeps its data across a restart")
class RestartTest {

  @Test
  @DisplayName(
      "a user written before a stop is read back after a start on the same data directory, and its token still works")
  void restartKeepsData() {
    Path dataDir = Path.of("target", "test-data", "restart");
    long userId;
    String token;
    Showfloor first = Showfloor.start(TestNode.settings(dataDir, true));
    try {
      Row row =
          first
              .platform()
              .db()
              .one(
                  "INSERT INTO users (email, display_name, password_hash, roles, email_verified_at) "
                      + "VALUES ($1, $2, 'fixture-no-login', $3, now()) RETURNING id",
                  Tuple.of("restart@example.test", "Before Restart", new String[] {"viewer"}))
              .await();
      userId = row.getLong("id");
      token =
          first
              .platform()
              .accessTokens()
              .issue(userId, 0, "Before Restart", Set.of("viewer"), true);
    } finally {
      first.stop();
    }

    // new ports, same directory: only what PostgreSQL wrote to disk can carry the user over
    Settings again = TestNode.settings(dataDir, false);
    Showfloor second = Showfloor.start(again);
    try {
      Row row =
          second
              .platform()
              .db()
              .one("SELECT display_name FROM users WHERE id = $1", Tuple.of(userId))
              .await();
      assertEquals("Before Restart", row.getString("display_name"));
      // the JWT secret is kept in the data directory too, so sessions survive the restart
      new Api("http://127.0.0.1:" + second.port()).as(token).get("/api/me").expect(200);
    } finally {
      second.stop();
    }
  }
}
