package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.PostCommit;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * Keeping order in a show: time a user out for N minutes (no chat, no bidding) or ban them (no
 * chat, no bidding, no video). {@link ShowAccess} is where every domain reads these sanctions.
 */
final class ShowSanctions {
  static final int MAX_TIMEOUT_MINUTES = 7 * 24 * 60;
  private final Database db;
  private final ShowAccess access;
  private final ShowEvents events;
  private final Video video;
  private final Presence presence;
  private final ShowModerationLog log;

  ShowSanctions(
      Database db,
      ShowAccess access,
      ShowEvents events,
      Video video,
      Presence presence,
      ShowModerationLog log) {
    this.db = db;
    this.log = log;
    this.access = access;
    this.events = events;
    this.video = video;
    this.presence = presence;
  }

  Future<JsonObject> timeout(Caller caller, long showId, JsonObject body) {
    return db.tx(
            tx ->
                timeout(
                    tx,
                    caller,
                    showId,
                    body.getLong("userId"),
                    body.getInteger("minutes"),
                    Fields.optionalText(body, "reason", 500)))
        .compose(done -> PostCommit.then("a show sanction", done.announce()::run, done.answer()));
  }

  /** What a sanction answers, and what it announces after the commit. */
  record Sanctioned(JsonObject answer, AfterCommit announce) {}

  /** A timeout inside the caller's transaction; platform moderators reuse it from their queue. */
  Future<Sanctioned> timeout(
      SqlConnection tx,
      Caller caller,
      long showId,
      long userId,
      int minutes,
      @Nullable String reason) {
    return requireTarget(caller, showId, userId)
        .compose(
            ref ->
                tx.preparedQuery(
                        """
                INSERT INTO show_sanctions (show_id, user_id, kind, expires_at, reason, issued_by)
                VALUES ($1, $2, 'timeout', now() + make_interval(mins => $3), $4, $5)
                ON CONFLICT (show_id, user_id, kind) DO UPDATE SET expires_at = EXCLUDED.expires_at,
                  reason = EXCLUDED.reason, issued_by = EXCLUDED.issued_by, created_at = now()
                RETURNING expires_at""")
                    .execute(Tuple.of(showId, userId, minutes, reason, caller.userId()))
                    .compose(
                        rows ->
                            log.record(
                                    tx,
                                    new ShowModerationLog.Entry(
                                        showId,
                                        caller.userId(),
                                        "timeout",
                                        userId,
                                        null,
                                        minutes + " min" + suffix(reason)))
                                .map(rows.iterator().next().getOffsetDateTime("expires_at"))))
        .map(
            until -> {
              JsonObject data =
                  new JsonObject()
                      .put("userId", userId)
                      .put("until", Show.iso(until))
                      .put("minutes", minutes);
              return new Sanctioned(
                  data,
                  () ->
                      events
                          .publish(showId, "user.timed_out", data)
                          .compose(
                              v ->
                                  events.toUser(
                                      userId,
                                      "show.timed_out",
                                      data.copy().put("showId", showId))));
            });
  }

  Future<Void> liftTimeout(Caller caller, long showId, long userId) {
    return lift(
        caller,
        showId,
        userId,
        "timeout",
        "not_timed_out",
        "That user is not timed out in this show",
        "user.timeout_lifted");
  }

  /** Bans the user from the show; takes them out of the video room when LiveKit is configured. */
  Future<JsonObject> ban(Caller caller, long showId, JsonObject body) {
    return db.tx(
            tx ->
                ban(
                    tx,
                    caller,
                    showId,
                    body.getLong("userId"),
                    Fields.optionalText(body, "reason", 500),
                    body.getBoolean("deleteMessages", false)))
        .compose(done -> PostCommit.then("a show sanction", done.announce()::run, done.answer()));
  }

  /**
   * A ban inside the caller's transaction; the video kick happens after the commit (its answer is
   * not waited for there).
   */
  Future<Sanctioned> ban(
      SqlConnection tx,
      Caller caller,
      long showId,
      long userId,
      @Nullable String reason,
      boolean purge) {
    return requireTarget(caller, showId, userId)
        .compose(
            ref ->
                tx.preparedQuery(
                        """
                INSERT INTO show_sanctions (show_id, user_id, kind, expires_at, reason, issued_by)
                VALUES ($1, $2, 'ban', NULL, $3, $4)
                ON CONFLICT (show_id, user_id, kind) DO UPDATE SET reason = EXCLUDED.reason,
                  issued_by = EXCLUDED.issued_by, created_at = now()""")
                    .execute(Tuple.of(showId, userId, reason, caller.userId()))
                    .compose(
                        v ->
                            !purge
                                ? Future.succeededFuture(0)
                                : tx.preparedQuery(
                                        """
                    UPDATE chat_messages SET deleted_at = now(), deleted_by = $3
                    WHERE show_id = $1 AND user_id = $2 AND deleted_at IS NULL""")
                                    .execute(Tuple.of(showId, userId, caller.userId()))
                                    .map(r -> r.rowCount()))
                    .compose(
                        purged ->
                            tx.preparedQuery(
                                    """
                    UPDATE shows SET pinned_message_id = NULL WHERE id = $1 AND pinned_message_id IN
                      (SELECT id FROM chat_messages WHERE show_id = $1 AND user_id = $2 AND deleted_at IS NOT NULL)""")
                                .execute(Tuple.of(showId, userId))
                                .map(purged))
                    .compose(
                        purged ->
                            log.record(
                                    tx,
                                    new ShowModerationLog.Entry(
                                        showId, caller.userId(), "ban", userId, null, reason))
                                .map(purged)))
        .map(
            purged -> {
              JsonObject data =
                  new JsonObject().put("userId", userId).put("deletedMessages", purged);
              JsonObject answer = data.copy();
              return new Sanctioned(
                  answer,
                  () ->
                      events
                          .publish(showId, "user.banned", data)
                          .compose(
                              v ->
                                  events.toUser(
                                      userId,
                                      "show.banned",
                                      new JsonObject().put("showId", showId)))
                          .compose(
                              v ->
                                  presence
                                      .leave(showId, Presence.member(userId, null))
                                      .recover(e -> Future.succeededFuture()))
                          .compose(v -> video.kick(showId, userId))
                          .map(
                              kicked -> {
                                answer.put("video", kicked);
                                return null;
                              }));
            });
  }

  Future<Void> unban(Caller caller, long showId, long userId) {
    return lift(
        caller,
        showId,
        userId,
        "ban",
        "not_banned",
        "That user is not banned from this show",
        "user.unbanned");
  }

  /** Active bans and timeouts, newest first (staff only). */
  Future<JsonArray> sanctions(Caller caller, long showId) {
    return access
        .requireModerator(showId, caller)
        .compose(
            s ->
                db.query(
                    """
            SELECT x.user_id, u.display_name, x.kind, x.expires_at, x.reason, x.issued_by, x.created_at
            FROM show_sanctions x JOIN user_directory u ON u.id = x.user_id
            WHERE x.show_id = $1 AND (x.kind = 'ban' OR x.expires_at > now()) ORDER BY x.created_at DESC""",
                    Tuple.of(showId)))
        .map(
            rows -> {
              JsonArray list = new JsonArray();
              for (Row r : rows) {
                list.add(
                    new JsonObject()
                        .put("userId", r.getLong("user_id"))
                        .put("displayName", r.getString("display_name"))
                        .put("kind", r.getString("kind"))
                        .put("until", Show.iso(r.getOffsetDateTime("expires_at")))
                        .put("reason", r.getString("reason"))
                        .put("issuedBy", r.getLong("issued_by"))
                        .put("createdAt", Show.iso(r.getOffsetDateTime("created_at"))));
              }
              return list;
            });
  }

  private Future<Void> lift(
      Caller caller,
      long showId,
      long userId,
      String kind,
      String code,
      String detail,
      String event) {
    return access
        .requireModerator(showId, caller)
        .compose(
            s ->
                db.tx(
                    tx ->
                        tx.preparedQuery(
                                "DELETE FROM show_sanctions WHERE show_id = $1 AND user_id = $2 AND kind = $3"
                                    + ("timeout".equals(kind) ? " AND expires_at > now()" : ""))
                            .execute(Tuple.of(showId, userId, kind))
                            .compose(
                                rows ->
                                    rows.rowCount() == 0
                                        ? Future.failedFuture(Refused.notFound(code, detail))
                                        : log.record(
                                            tx,
                                            new ShowModerationLog.Entry(
                                                showId,
                                                caller.userId(),
                                                "lift_" + kind,
                                                userId,
                                                null,
                                                null)))))
        .compose(v -> events.publish(showId, event, new JsonObject().put("userId", userId)));
  }

  /**
   * Staff may sanction viewers, not the host or one another (the host settles staff disputes by
   * removing staff).
   */
  private Future<ShowAccess.ShowRef> requireTarget(Caller caller, long showId, long userId) {
    return access
        .requireModerator(showId, caller)
        .compose(s -> ShowService.requireUser(db.pool(), userId).map(s))
        .compose(
            s ->
                access
                    .standing(showId, userId)
                    .map(
                        target -> {
                          if (target.role().moderates()) {
                            throw Refused.conflict(
                                "cannot_moderate_staff",
                                "The host, co-hosts and moderators cannot be sanctioned in their show");
                          }
                          if (s.show().isOver()) {
                            throw Refused.conflict(
                                "show_over", "This show has " + s.show().status());
                          }
                          return s.show();
                        }));
  }

  private static String suffix(@Nullable String reason) {
    return reason == null || reason.isEmpty() ? "" : ": " + reason;
  }
}
