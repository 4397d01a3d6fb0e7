package io.showfloor.show;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** One chat line, or a host's announcement. */
record ChatMessage(
    long id,
    long showId,
    long userId,
    String displayName,
    String kind,
    String text,
    OffsetDateTime createdAt,
    boolean deleted) {

  /** Columns for {@link #from(Row)}; alias chat_messages as m and join the author as u. */
  static final String COLUMNS =
      "m.id, m.show_id, m.user_id, u.display_name, m.kind, m.text, m.created_at, "
          + "m.deleted_at IS NOT NULL AS deleted";

  static final String FROM = " FROM chat_messages m JOIN user_directory u ON u.id = m.user_id ";

  static ChatMessage from(Row r) {
    return new ChatMessage(
        r.getLong("id"),
        r.getLong("show_id"),
        r.getLong("user_id"),
        r.getString("display_name"),
        r.getString("kind"),
        r.getString("text"),
        r.getOffsetDateTime("created_at"),
        r.getBoolean("deleted"));
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("showId", showId)
        .put("userId", userId)
        .put("displayName", displayName)
        .put("kind", kind)
        .put("text", text)
        .put("createdAt", Show.iso(createdAt));
  }
}
