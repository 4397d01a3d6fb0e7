package io.showfloor.account;

import io.showfloor.notify.PersonalRecords;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * "Export my data": one JSON document written as it is read, section by section, each list through
 * a cursor of {@value #BATCH} rows, so a user with years of notifications and orders never sits in
 * memory whole. Everything is read in one read-only transaction, so the sections agree.
 */
final class AccountExport {
  private static final int BATCH = 200;
  private static final String API_KEYS =
      "SELECT name, prefix, created_at, last_used_at, revoked_at FROM api_keys WHERE user_id = $1 ORDER BY id";
  private static final String SESSIONS =
      """
      SELECT family_id, min(created_at) AS started_at, max(created_at) AS last_refreshed_at,
             bool_or(revoked_at IS NULL AND expires_at > now()) AS live
      FROM refresh_tokens WHERE user_id = $1 GROUP BY family_id ORDER BY started_at""";
  private static final String UPLOADS =
      "SELECT id, purpose, url, thumbnail_url, created_at FROM media_directory WHERE owner_id = $1 ORDER BY id";
  private static final String ORDERS =
      """
      SELECT id, seller_id, source, status, items_cents, shipping_cents, discount_cents, total_cents,
             refunded_cents, created_at, paid_at
      FROM order_directory WHERE buyer_id = $1 ORDER BY id""";

  private final Database db;
  private final PersonalRecords notices;

  AccountExport(Database db, PersonalRecords notices) {
    this.db = db;
    this.notices = notices;
  }

  /** Writes the document to {@code response} (chunked); completes when it has ended. */
  Future<Void> write(long userId, HttpServerResponse response) {
    return db.tx(
        conn ->
            conn.preparedQuery(AccountSql.BY_ID)
                .execute(Tuple.of(userId))
                .compose(
                    rows -> {
                      User user = User.of(rows.iterator().next());
                      response
                          .setChunked(true)
                          .putHeader("Content-Type", "application/json")
                          .putHeader(
                              "Content-Disposition",
                              "attachment; filename=\"showfloor-export-" + userId + ".json\"")
                          .putHeader("Cache-Control", "no-store");
                      JsonObject head =
                          new JsonObject()
                              .put("exportedAt", Instant.now().toString())
                              .put("account", user.toAdminJson());
                      String opening = head.encode();
                      response.write(opening.substring(0, opening.length() - 1));
                      List<Section> sections =
                          List.of(
                              new Section(
                                  notices.preferences().name(), notices.preferences().query()),
                              new Section("sessions", SESSIONS),
                              new Section("apiKeys", API_KEYS),
                              new Section("uploads", UPLOADS),
                              new Section("orders", ORDERS),
                              new Section(
                                  notices.notifications().name(), notices.notifications().query()));
                      Future<Void> written = Future.succeededFuture();
                      for (Section section : sections) {
                        written = written.compose(v -> section(conn, response, section, userId));
                      }
                      return written.compose(v -> response.end("}"));
                    }));
  }

  /**
   * A list in the document: its key and the query that answers its rows (parameter $1, the user).
   */
  private record Section(String name, String sql) {}

  private static Future<Void> section(
      SqlConnection conn, HttpServerResponse response, Section section, long userId) {
    response.write(",\"" + section.name() + "\":[");
    return conn.prepare(section.sql())
        .compose(
            statement -> {
              Cursor cursor = statement.cursor(Tuple.of(userId));
              return drain(cursor, response, true)
                  .eventually(() -> cursor.close().compose(v -> statement.close()))
                  .compose(v -> response.write("]"));
            });
  }

  /** Reads {@value #BATCH} rows, writes them, and waits for the socket before the next batch. */
  private static Future<Void> drain(Cursor cursor, HttpServerResponse response, boolean first) {
    return cursor
        .read(BATCH)
        .compose(
            rows -> {
              Buffer chunk = Buffer.buffer();
              boolean leading = first;
              for (Row row : rows) {
                if (!leading) {
                  chunk.appendString(",");
                }
                leading = false;
                chunk.appendBuffer(plain(row).toBuffer());
              }
              boolean wroteAny = rows.size() > 0;
              Future<Void> written =
                  chunk.length() == 0 ? Future.succeededFuture() : response.write(chunk);
              return written.compose(
                  v ->
                      cursor.hasMore()
                          ? drain(cursor, response, first && !wroteAny)
                          : Future.succeededFuture());
            });
  }

  /** A row as JSON with camelCase keys and times as ISO instants. */
  private static JsonObject plain(Row row) {
    JsonObject json = new JsonObject();
    for (int i = 0; i < row.size(); i++) {
      String column = row.getColumnName(i);
      Object value = row.getValue(i);
      if (value instanceof OffsetDateTime time) {
        value = time.toInstant().toString();
      } else if (value instanceof java.util.UUID uuid) {
        value = uuid.toString();
      }
      json.put(camel(column), value);
    }
    return json;
  }

  private static String camel(String column) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
