package io.showfloor.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * What notify keeps about one person (their notifications and their switches), for the account's
 * "export my data" and "delete my account": the account domain streams these statements in its own
 * read-only transaction, so every section of an export agrees, and erases in the deletion's
 * transaction, without naming notify's tables.
 */
public final class PersonalRecords {
  /** One section of an export: its name in the document and a statement taking the user id. */
  public record ExportSection(String name, String query) {}

  private static final ExportSection PREFERENCES =
      new ExportSection(
          "notificationPreferences",
          "SELECT topic, channel, enabled FROM notification_preferences WHERE user_id = $1 ORDER BY topic, channel");
  private static final ExportSection NOTIFICATIONS =
      new ExportSection(
          "notifications",
          "SELECT id, kind, payload, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY id");
  private static final String FORGET_NOTIFICATIONS = "DELETE FROM notifications WHERE user_id = $1";
  private static final String FORGET_PREFERENCES =
      "DELETE FROM notification_preferences WHERE user_id = $1";

  /** The user's switches, every topic and kind they set. */
  public ExportSection preferences() {
    return PREFERENCES;
  }

  /** Every notification the user was sent, oldest first. */
  public ExportSection notifications() {
    return NOTIFICATIONS;
  }

  /** Forgets the user's notifications and switches on {@code conn}, inside the caller's change. */
  public Future<Void> erase(SqlConnection conn, long userId) {
    return conn.preparedQuery(FORGET_NOTIFICATIONS)
        .execute(Tuple.of(userId))
        .compose(v -> conn.preparedQuery(FORGET_PREFERENCES).execute(Tuple.of(userId)))
        .mapEmpty();
  }
}
