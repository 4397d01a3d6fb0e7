package io.showfloor.moderation;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.show.ShowModerationLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The immutable record of every moderation action: queue actions, the shows' own deletions,
 * timeouts and bans (taken from each show's moderation log in the same transaction), and reviews
 * hidden or shown again on the reviews page. The table refuses updates and deletes (a trigger), so
 * an entry, once committed, stays as written.
 */
final class AuditTrail {
  /**
   * A queue action's entry, written before its effects so the show log does not record them a
   * second time.
   */
  record Entry(
      long actorId,
      Action action,
      TargetType targetType,
      String targetId,
      @Nullable Long subjectUserId,
      long itemId,
      Long showId,
      @Nullable String reason,
      JsonObject detail) {}

  private static final String INSERT =
      """
      INSERT INTO moderation_audit (source, actor_id, action, target_type, target_id, subject_user_id, item_id, show_id,
        reason, detail)
      VALUES ('queue', $1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  // skipped when a queue action in this same transaction caused the show's entry (it is already
  // recorded)
  private static final String FROM_DOMAIN =
      """
      INSERT INTO moderation_audit (source, actor_id, action, target_type, target_id, subject_user_id, show_id, reason)
      SELECT $1, $2, $3, $4, $5, $6, $7, $8
      WHERE NOT EXISTS (SELECT 1 FROM moderation_audit WHERE source = 'queue' AND xact_id = txid_current())""";
  private static final String FROM_CONSOLE =
      """
      INSERT INTO moderation_audit (source, actor_id, action, target_type, target_id, subject_user_id, reason, detail)
      VALUES ('console', $1, $2, $3, $4, $5, $6, $7)""";
  private static final String FROM_BUYER_PROTECTION =
      """
      INSERT INTO moderation_audit (source, actor_id, action, target_type, target_id, subject_user_id, reason, detail, item_id)
      VALUES ('buyer_protection', $1, $2, $3, $4, $5, $6, $7,
              (SELECT id FROM moderation_items WHERE target_type = $3 AND target_id = $4))""";
  private static final String PAGE =
      """
      SELECT a.*, u.display_name AS actor_name FROM moderation_audit a JOIN user_directory u ON u.id = a.actor_id
      WHERE ($1::bigint IS NULL OR a.actor_id = $1) AND ($2::text IS NULL OR a.target_type = $2)
        AND ($3::text IS NULL OR a.target_id = $3) AND ($4::text IS NULL OR a.action = $4)
        AND ($5::text IS NULL OR a.source = $5) AND ($6::bigint IS NULL OR a.subject_user_id = $6)
        AND ($7::bigint IS NULL OR a.item_id = $7) AND ($8::bigint IS NULL OR a.show_id = $8)
        AND a.id < $9
      ORDER BY a.id DESC LIMIT $10""";

  private final Database db;

  AuditTrail(Database db) {
    this.db = db;
  }

  Future<Void> record(SqlClient tx, Entry e) {
    return tx.preparedQuery(INSERT)
        .execute(
            Tuple.of(
                    e.actorId(),
                    e.action().wire(),
                    e.targetType().wire(),
                    e.targetId(),
                    e.subjectUserId(),
                    e.itemId(),
                    e.showId(),
                    e.reason())
                .addValue(e.detail() == null ? new JsonObject() : e.detail()))
        .mapEmpty();
  }

  /**
   * A show's log entry, in the show action's transaction. Settings changes (no target) and authors
   * deleting their own messages are not moderation and are left out.
   */
  Future<Void> fromShow(SqlClient tx, ShowModerationLog.Entry e) {
    boolean ownMessage =
        e.messageId() != null && e.targetUserId() != null && e.targetUserId() == e.actorId();
    if ((e.messageId() == null && e.targetUserId() == null) || ownMessage) {
      return Future.succeededFuture();
    }
    TargetType type = e.messageId() != null ? TargetType.CHAT_MESSAGE : TargetType.USER;
    // returned above when both are null
    long targetId =
        e.messageId() != null ? e.messageId() : Objects.requireNonNull(e.targetUserId(), "target");
    return tx.preparedQuery(FROM_DOMAIN)
        .execute(
            Tuple.of(
                "show",
                e.actorId(),
                e.action(),
                type.wire(),
                String.valueOf(targetId),
                e.targetUserId(),
                e.showId(),
                e.detail()))
        .mapEmpty();
  }

  /** A moderator hiding or showing a review from the reviews page, in that change's transaction. */
  Future<Void> fromReviews(
      SqlClient tx, long moderatorId, long reviewId, long authorId, boolean hidden) {
    return tx.preparedQuery(FROM_DOMAIN)
        .execute(
            Tuple.of(
                "reviews",
                moderatorId,
                hidden ? "hide_review" : "show_review",
                TargetType.REVIEW.wire(),
                String.valueOf(reviewId),
                authorId,
                null,
                null))
        .mapEmpty();
  }

  /**
   * A moderator's ruling on an escalated return request (commerce's buyer protection), in the
   * ruling's transaction.
   */
  public Future<Void> fromBuyerProtection(
      SqlClient tx,
      long moderatorId,
      long requestId,
      long sellerId,
      String action,
      @Nullable String note,
      JsonObject detail) {
    return tx.preparedQuery(FROM_BUYER_PROTECTION)
        .execute(
            Tuple.of(
                moderatorId,
                action,
                TargetType.RETURN_REQUEST.wire(),
                String.valueOf(requestId),
                sellerId,
                note,
                detail))
        .mapEmpty();
  }

  /**
   * An action a moderator took from the console on a user (not through a queue item), in its
   * transaction; {@code detail} says how (a suspension's days, or that it is permanent).
   */
  Future<Void> fromConsole(
      SqlClient tx,
      long moderatorId,
      String action,
      long userId,
      String reason,
      JsonObject detail) {
    return tx.preparedQuery(FROM_CONSOLE)
        .execute(
            Tuple.of(
                moderatorId,
                action,
                TargetType.USER.wire(),
                String.valueOf(userId),
                userId,
                reason,
                detail))
        .mapEmpty();
  }

  record Filter(
      @Nullable Long actorId,
      String targetType,
      String targetId,
      String action,
      String source,
      @Nullable Long subjectUserId,
      @Nullable Long itemId,
      @Nullable Long showId) {}

  Future<JsonObject> page(Filter f, int limit, long before) {
    Tuple args =
        Tuple.of(
                f.actorId(),
                f.targetType(),
                f.targetId(),
                f.action(),
                f.source(),
                f.subjectUserId())
            .addValue(f.itemId())
            .addValue(f.showId())
            .addLong(before)
            .addInteger(limit + 1);
    return db.query(PAGE, args).map(rows -> KeysetPage.of(rows, limit, AuditTrail::json));
  }

  private static JsonObject json(Row row) {
    TargetType type = TargetType.parse(row.getString("target_type"));
    String id = row.getString("target_id");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("source", row.getString("source"))
        .put("actorId", row.getLong("actor_id"))
        .put("actorName", row.getString("actor_name"))
        .put("action", row.getString("action"))
        .put("targetType", type.wire())
        .put("targetId", type.keyedBySymbol() ? id : (Object) Long.parseLong(id))
        .put("subjectUserId", row.getLong("subject_user_id"))
        .put("itemId", row.getLong("item_id"))
        .put("showId", row.getLong("show_id"))
        .put("reason", row.getString("reason"))
        .put("detail", row.getJsonObject("detail"))
        .put("createdAt", Reports.iso(row.getOffsetDateTime("created_at")));
  }
}
