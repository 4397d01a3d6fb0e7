package io.showfloor.notify;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** Something a user should hear about (outbid, won, order shipped …), as listed and pushed. */
public record Notification(
    long id,
    long userId,
    String kind,
    JsonObject payload,
    OffsetDateTime createdAt,
    OffsetDateTime readAt) {

  static final String COLUMNS = "id, user_id, kind, payload, created_at, read_at";

  static Notification of(Row row) {
    Object payload = row.getValue("payload");
    return new Notification(
        row.getLong("id"),
        row.getLong("user_id"),
        row.getString("kind"),
        payload instanceof JsonObject json ? json : new JsonObject(),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("read_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind)
        .put("payload", payload)
        .put("createdAt", createdAt.toInstant().toString())
        .put("readAt", readAt == null ? null : readAt.toInstant().toString());
  }
}
