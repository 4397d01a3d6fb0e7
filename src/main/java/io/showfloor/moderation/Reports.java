package io.showfloor.moderation;

import io.showfloor.media.PhotoAttachments;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * Users report a target; reports on the same open target are grouped into one queue item. A
 * reporter has at most one open report per target: reporting it again answers that report (200, not
 * a second one).
 */
final class Reports {
  static final String COLUMNS =
      "id, item_id, target_type, target_id, reason, note, status, created_at, resolved_at, photos";
  private static final String OPEN_ITEM =
      """
      INSERT INTO moderation_items (target_type, target_id, subject_user_id, show_id, status, report_count, last_reported_at)
      VALUES ($1, $2, $3, $4, 'open', 1, now())
      ON CONFLICT (target_type, target_id) WHERE status = 'open'
      DO UPDATE SET report_count = moderation_items.report_count + 1, last_reported_at = now()
      RETURNING id""";
  private static final String INSERT =
      """
      INSERT INTO moderation_reports (item_id, reporter_id, target_type, target_id, reason, note, photos)
      VALUES ($1, $2, $3, $4, $5, $6, (
        SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'url', url, 'thumbnailUrl', thumbnail_url)
                                  ORDER BY id), '[]'::jsonb)
        FROM media_directory WHERE id = ANY($7) AND owner_id = $2)) RETURNING\s"""
          + COLUMNS;
  private static final String OPEN_BY_REPORTER =
      "SELECT "
          + COLUMNS
          + " FROM moderation_reports WHERE reporter_id = $1 AND target_type = $2 AND target_id = $3 AND status = 'open'";
  private static final String MINE =
      "SELECT "
          + COLUMNS
          + " FROM moderation_reports WHERE reporter_id = $1"
          + " AND ($2::text IS NULL OR status = $2) AND id < $3 ORDER BY id DESC LIMIT $4";

  /** A new report (created) or the reporter's open report on the same target (not created). */
  record Filed(JsonObject report, boolean created) {}

  private final Database db;
  private final RateLimiter rateLimiter;
  private final ReportTargets targets;
  private final int perHour;
  private final PhotoAttachments photos;

  Reports(
      Database db,
      RateLimiter rateLimiter,
      ModerationSettings settings,
      ReportTargets targets,
      PhotoAttachments photos) {
    this.db = db;
    this.photos = photos;
    this.rateLimiter = rateLimiter;
    this.targets = targets;
    this.perHour = settings.reportsPerHour();
  }

  Future<Filed> file(Caller reporter, JsonObject body) {
    Long[] photoIds = photos.ids(body);
    TargetType type = TargetType.parse(body.getString("targetType"));
    String reason = body.getString("reason");
    String note = body.getString("note") == null ? null : body.getString("note").strip();
    return rateLimiter
        .check("report:" + reporter.userId(), perHour, 3600)
        .compose(v -> targets.find(type, body.getValue("targetId")))
        .compose(
            target -> {
              if (target.subjectUserId() == reporter.userId()) {
                return Future.failedFuture(
                    Refused.unprocessable(
                        "cannot_report_self", "You cannot report yourself or your own content"));
              }
              return db.tx(
                      tx ->
                          photos
                              .checkOwned(tx, reporter.userId(), photoIds)
                              .compose(
                                  ok ->
                                      tx.preparedQuery(OPEN_ITEM)
                                          .execute(
                                              Tuple.of(
                                                  type.wire(),
                                                  target.id(),
                                                  target.subjectUserId(),
                                                  target.showId()))
                                          .compose(
                                              item ->
                                                  tx.preparedQuery(INSERT)
                                                      .execute(
                                                          Tuple.tuple()
                                                              .addLong(
                                                                  item.iterator()
                                                                      .next()
                                                                      .getLong("id"))
                                                              .addLong(reporter.userId())
                                                              .addString(type.wire())
                                                              .addString(target.id())
                                                              .addString(reason)
                                                              .addString(
                                                                  note == null || note.isEmpty()
                                                                      ? null
                                                                      : note)
                                                              .addArrayOfLong(photoIds)))))
                  .map(rows -> new Filed(json(rows.iterator().next()), true))
                  // already reported and still open: the transaction rolled back (no count added);
                  // answer that report
                  .recover(
                      e ->
                          Database.isUniqueViolation(e, "moderation_reports_one_open")
                              ? db.one(
                                      OPEN_BY_REPORTER,
                                      Tuple.of(reporter.userId(), type.wire(), target.id()))
                                  .map(row -> new Filed(json(row), false))
                              : Future.failedFuture(e));
            });
  }

  /** The caller's reports, newest first, with their outcome once a moderator has decided. */
  Future<JsonObject> mine(Caller reporter, String status, int limit, long before) {
    return db.query(MINE, Tuple.of(reporter.userId(), status, before, limit + 1))
        .map(rows -> KeysetPage.of(rows, limit, Reports::json));
  }

  static JsonObject json(Row row) {
    TargetType type = TargetType.parse(row.getString("target_type"));
    String id = row.getString("target_id");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("itemId", row.getLong("item_id"))
        .put("targetType", type.wire())
        .put("targetId", type.keyedBySymbol() ? id : (Object) Long.parseLong(id))
        .put("reason", row.getString("reason"))
        .put("note", row.getString("note"))
        .put("status", row.getString("status"))
        .put("createdAt", iso(row.getOffsetDateTime("created_at")))
        .put("resolvedAt", iso(row.getOffsetDateTime("resolved_at")))
        .put(
            "photos",
            row.getValue("photos") instanceof JsonArray photos ? photos : new JsonArray());
  }

  static @Nullable String iso(java.time.OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
