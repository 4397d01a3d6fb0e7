package io.showfloor.commerce;

import io.showfloor.platform.Platform;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * In-app notices of the commerce domain: stored with the change that causes them (same
 * transaction) and pushed to the user's {@code me} topic after commit. Mail (receipts, shipping)
 * goes through the notify domain's mail port once it exists; until then notices are in-app only.
 */
public final class Notices {
  private final Platform platform;

  public Notices(Platform platform) {
    this.platform = platform;
  }

  /** Stores a notice in the caller's transaction; call {@link #push} after commit. */
  public Future<Notice> add(SqlConnection conn, long userId, String kind, JsonObject data) {
    return conn.preparedQuery("INSERT INTO commerce_notices (user_id, kind, data) VALUES ($1, $2, $3) RETURNING id, created_at")
        .execute(Tuple.of(userId, kind, data))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Notice(row.getLong("id"), userId, kind, data, row.getOffsetDateTime("created_at").toInstant().toString());
        });
  }

  public void push(Notice notice) {
    platform.events().toUser(notice.userId(), "notification", notice.toJson());
  }

  public Future<JsonArray> recent(long userId, int limit) {
    return platform.db().query("""
            SELECT id, user_id, kind, data, created_at FROM commerce_notices WHERE user_id = $1 ORDER BY id DESC LIMIT $2""",
            Tuple.of(userId, limit))
        .map(rows -> {
          JsonArray list = new JsonArray();
          for (Row row : rows) {
            list.add(new Notice(row.getLong("id"), userId, row.getString("kind"), (JsonObject) row.getValue("data"),
                row.getOffsetDateTime("created_at").toInstant().toString()).toJson());
          }
          return list;
        });
  }

  public record Notice(long id, long userId, String kind, JsonObject data, String createdAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("kind", kind).put("data", data).put("createdAt", createdAt);
    }
  }
}
