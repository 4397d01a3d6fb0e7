package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.infra.PostCommit;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A show's life: schedule, edit, cancel, start, end; its staff; the public lists. */
final class ShowService {
  static final int TITLE_MAX = 120;
  static final int DESCRIPTION_MAX = 5000;
  // a show may be scheduled a little in the past (clock skew, "starting now") and at most a year
  // ahead
  private static final Duration SCHEDULE_GRACE = Duration.ofMinutes(5);
  private static final Duration SCHEDULE_HORIZON = Duration.ofDays(366);
  // a moderator's take-down: a live show ends, a scheduled one is cancelled
  private static final String TAKE_DOWN =
      """
      UPDATE shows SET status = CASE status WHEN 'live' THEN 'ended' ELSE 'cancelled' END,
        ended_at = CASE status WHEN 'live' THEN now() ELSE ended_at END,
        cancelled_at = CASE status WHEN 'scheduled' THEN now() ELSE cancelled_at END,
        updated_at = now()
      WHERE id = $1 AND status IN ('live', 'scheduled') RETURNING status""";

  private final RateLimiter rateLimiter;
  private final Database db;
  private final ShowAccess access;
  private final ShowEvents events;
  private final FollowerNotices notices;
  private final List<ShowEndHook> endHooks = new ArrayList<>();
  private final ShowRecordings recordings;

  /**
   * Work that must happen in the transaction that ends a show (closing polls, the last viewer
   * sample).
   */
  interface ShowEndHook {
    Future<Void> onEnd(SqlConnection tx, long showId);
  }

  ShowService(
      Database db,
      RateLimiter rateLimiter,
      ShowAccess access,
      ShowEvents events,
      FollowerNotices notices,
      ShowRecordings recordings) {
    this.rateLimiter = rateLimiter;
    this.recordings = recordings;
    this.db = db;
    this.access = access;
    this.events = events;
    this.notices = notices;
  }

  void onEnd(ShowEndHook hook) {
    endHooks.add(hook);
  }

  Future<Show> get(long showId) {
    return get(db.pool(), showId);
  }

  static Future<Show> get(SqlClient client, long showId) {
    return client
        .preparedQuery("SELECT " + Show.COLUMNS + Show.FROM + "WHERE s.id = $1")
        .execute(Tuple.of(showId))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw Refused.notFound("show_not_found", "There is no show " + showId);
              }
              return Show.from(rows.iterator().next());
            });
  }

  Future<Show> schedule(Caller host, JsonObject body, String idempotencyKey) {
    String title = Fields.text(body, "title", TITLE_MAX);
    String description =
        body.containsKey("description")
            ? Fields.optionalText(body, "description", DESCRIPTION_MAX)
            : "";
    String category = body.getString("category");
    String cover = Fields.url(body, "coverImageUrl");
    OffsetDateTime scheduledAt = requireScheduleTime(Fields.time(body, "scheduledAt"));
    return rateLimiter
        .check("show-create:" + host.userId(), 30, 3600)
        .compose(
            v ->
                db.tx(
                    tx ->
                        tx.preparedQuery(
                                """
                INSERT INTO shows (host_id, title, description, category, cover_image_url, scheduled_at, idempotency_key,
                                   require_saved_card)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (host_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                RETURNING id""")
                            .execute(
                                Tuple.of(
                                        host.userId(),
                                        title,
                                        description == null ? "" : description,
                                        category,
                                        cover,
                                        scheduledAt,
                                        idempotencyKey)
                                    .addBoolean(body.getBoolean("requireSavedCard", false)))
                            .compose(
                                rows -> {
                                  if (rows.iterator().hasNext()) {
                                    long id = rows.iterator().next().getLong("id");
                                    return get(tx, id)
                                        .compose(
                                            show ->
                                                notices
                                                    .record(
                                                        tx, show, FollowerNotices.Kind.SCHEDULED)
                                                    .map(after -> new Committed(show, after)));
                                  }
                                  // a retry with the same Idempotency-Key: answer with the show the
                                  // first attempt made
                                  return tx.preparedQuery(
                                          "SELECT id FROM shows WHERE host_id = $1 AND idempotency_key = $2")
                                      .execute(Tuple.of(host.userId(), idempotencyKey))
                                      .compose(
                                          existing ->
                                              get(tx, existing.iterator().next().getLong("id")))
                                      .map(show -> new Committed(show, null));
                                })))
        .map(Committed::afterCommit);
  }

  /**
   * A committed change and what to do once it is visible (push notices); {@code after} may be null.
   */
  private record Committed(Show show, @Nullable Runnable after) {
    Show afterCommit() {
      if (after != null) {
        PostCommit.run("show " + show.id(), after);
      }
      return show;
    }
  }

  Future<Show> edit(Caller caller, long showId, JsonObject body) {
    String title = body.containsKey("title") ? Fields.text(body, "title", TITLE_MAX) : null;
    String description = Fields.optionalText(body, "description", DESCRIPTION_MAX);
    String category = body.getString("category");
    boolean coverGiven = body.containsKey("coverImageUrl");
    String cover = Fields.url(body, "coverImageUrl");
    OffsetDateTime scheduledAt =
        body.containsKey("scheduledAt")
            ? requireScheduleTime(Fields.time(body, "scheduledAt"))
            : null;
    return requireOwner(showId, caller)
        .compose(
            ref ->
                db.tx(
                    tx ->
                        tx.preparedQuery(
                                """
            UPDATE shows SET
              title = COALESCE($2, title),
              description = COALESCE($3, description),
              category = COALESCE($4, category),
              cover_image_url = CASE WHEN $5 THEN $6 ELSE cover_image_url END,
              scheduled_at = COALESCE($7, scheduled_at),
              require_saved_card = COALESCE($8, require_saved_card),
              updated_at = now()
            WHERE id = $1 AND status IN ('scheduled', 'live') AND ($7::timestamptz IS NULL OR status = 'scheduled')
            RETURNING id""")
                            .execute(
                                Tuple.of(showId, title, description, category, coverGiven, cover)
                                    .addValue(scheduledAt)
                                    .addBoolean(body.getBoolean("requireSavedCard")))
                            .compose(
                                rows ->
                                    rows.iterator().hasNext()
                                        ? get(tx, showId)
                                        : Future.failedFuture(
                                            scheduledAt != null && ref.isLive()
                                                ? Refused.conflict(
                                                    "show_already_started",
                                                    "A live show cannot be rescheduled")
                                                : Refused.conflict(
                                                    "show_over",
                                                    "An ended or cancelled show cannot be changed")))))
        .compose(show -> events.publish(showId, "show.updated", show.toJson()).map(show));
  }

  Future<Show> cancel(Caller caller, long showId) {
    return transition(
        caller,
        showId,
        """
        UPDATE shows SET status = 'cancelled', cancelled_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'scheduled' RETURNING id""",
        "show_not_scheduled",
        "Only a scheduled show can be cancelled",
        "show.cancelled",
        null);
  }

  Future<Show> start(Caller caller, long showId) {
    return transition(
            caller,
            showId,
            """
        UPDATE shows SET status = 'live', started_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'scheduled' RETURNING id""",
            "show_not_scheduled",
            "Only a scheduled show can go live",
            "show.live",
            (tx, show) -> notices.record(tx, show, FollowerNotices.Kind.LIVE))
        .compose(show -> recordings.started(show).map(show));
  }

  Future<Show> end(Caller caller, long showId) {
    return transition(
            caller,
            showId,
            """
        UPDATE shows SET status = 'ended', ended_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'live' RETURNING id""",
            "show_not_live",
            "Only a live show can be ended",
            "show.ended",
            (tx, show) -> runEndHooks(tx, show.id()).map(v -> null))
        .compose(show -> recordings.ended(show).map(show));
  }

  private Future<Void> runEndHooks(SqlConnection tx, long showId) {
    Future<Void> done = Future.succeededFuture();
    for (ShowEndHook hook : endHooks) {
      done = done.compose(v -> hook.onEnd(tx, showId));
    }
    return done;
  }

  /**
   * A platform moderator takes a show down from the queue, inside the moderator's transaction: a
   * live show ends exactly as when its host ends it (every end hook runs: unpaid lots, polls,
   * audience), a scheduled one is cancelled. 409 show_over when it has already ended or been
   * cancelled.
   */
  Future<ShowEnforcement.TakeDown> takeDown(SqlConnection tx, long showId) {
    return tx.preparedQuery(TAKE_DOWN)
        .execute(Tuple.of(showId))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.failedFuture(
                    Refused.conflict("show_over", "The show has already ended or been cancelled"));
              }
              boolean ended = "ended".equals(rows.iterator().next().getString("status"));
              return (ended ? runEndHooks(tx, showId) : Future.<Void>succeededFuture())
                  .compose(v -> get(tx, showId))
                  .map(
                      show ->
                          new ShowEnforcement.TakeDown(
                              show.status(),
                              () ->
                                  events
                                      .publish(
                                          showId,
                                          ended ? "show.ended" : "show.cancelled",
                                          show.toJson())
                                      .compose(
                                          v ->
                                              ended
                                                  ? recordings.ended(show)
                                                  : Future.succeededFuture())));
            });
  }

  /**
   * A conditional status change: one UPDATE guarded by the expected status, so two clicks or two
   * nodes change it once.
   */
  private Future<Show> transition(
      Caller caller,
      long showId,
      String update,
      String wrongStateCode,
      String wrongStateDetail,
      String eventType,
      @Nullable TransitionWork work) {
    return requireOwner(showId, caller)
        .compose(
            ref ->
                db.tx(
                    tx ->
                        tx.preparedQuery(update)
                            .execute(Tuple.of(showId))
                            .compose(
                                rows -> {
                                  if (!rows.iterator().hasNext()) {
                                    return Future.failedFuture(
                                        Refused.conflict(
                                            wrongStateCode,
                                            wrongStateDetail + " (it is " + ref.status() + ")"));
                                  }
                                  return get(tx, showId)
                                      .compose(
                                          show ->
                                              work == null
                                                  ? Future.succeededFuture(
                                                      new Committed(show, null))
                                                  : work.run(tx, show)
                                                      .map(after -> new Committed(show, after)));
                                })))
        .map(Committed::afterCommit)
        .compose(show -> events.publish(showId, eventType, show.toJson()).map(show));
  }

  @FunctionalInterface
  private interface TransitionWork {
    /** Runs in the transaction; the Runnable it yields (or null) runs after the commit. */
    Future<Runnable> run(SqlConnection tx, Show show);
  }

  /**
   * Lifecycle changes are the host's own (co-hosts run the show but do not schedule, start or end
   * it); admins may too.
   */
  private Future<ShowAccess.ShowRef> requireOwner(long showId, Caller caller) {
    return access
        .standing(showId, caller.userId())
        .map(
            s -> {
              if (s.role() != ShowAccess.Role.HOST && !caller.hasRole("admin")) {
                throw Refused.forbidden("not_show_host", "Only the show's host may do this");
              }
              return s.show();
            });
  }

  private static OffsetDateTime requireScheduleTime(@Nullable OffsetDateTime at) {
    if (at == null) {
      throw Refused.invalid("invalid_scheduled_at", "scheduledAt is required");
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (at.isBefore(now.minus(SCHEDULE_GRACE)) || at.isAfter(now.plus(SCHEDULE_HORIZON))) {
      throw Refused.unprocessable(
          "scheduled_at_out_of_range", "scheduledAt must be between now and a year from now");
    }
    return at;
  }

  // ---- staff ----

  Future<JsonArray> staff(long showId) {
    return access
        .find(showId)
        .compose(
            ref ->
                db.query(
                        """
            SELECT st.user_id, u.display_name, st.role, st.created_at FROM show_staff st JOIN user_directory u ON u.id = st.user_id
            WHERE st.show_id = $1 ORDER BY st.created_at, st.user_id""",
                        Tuple.of(showId))
                    .map(
                        rows -> {
                          JsonArray list = new JsonArray();
                          for (Row r : rows) {
                            list.add(
                                new JsonObject()
                                    .put("userId", r.getLong("user_id"))
                                    .put("displayName", r.getString("display_name"))
                                    .put("role", r.getString("role"))
                                    .put("addedAt", Show.iso(r.getOffsetDateTime("created_at"))));
                          }
                          return list;
                        }));
  }

  Future<JsonObject> addStaff(Caller caller, long showId, long userId, String role) {
    return requireOwner(showId, caller)
        .compose(
            ref -> {
              if (ref.isOver()) {
                return Future.failedFuture(
                    Refused.conflict("show_over", "An ended or cancelled show cannot be changed"));
              }
              if (userId == ref.hostId()) {
                return Future.failedFuture(
                    Refused.conflict("already_host", "The host already runs this show"));
              }
              return db.tx(
                  tx ->
                      requireUser(tx, userId)
                          .compose(
                              name ->
                                  tx.preparedQuery(
                                          """
              INSERT INTO show_staff (show_id, user_id, role, added_by) VALUES ($1, $2, $3, $4)
              ON CONFLICT (show_id, user_id) DO UPDATE SET role = EXCLUDED.role""")
                                      .execute(Tuple.of(showId, userId, role, caller.userId()))
                                      .map(
                                          r ->
                                              new JsonObject()
                                                  .put("userId", userId)
                                                  .put("displayName", name)
                                                  .put("role", role))));
            })
        .compose(member -> events.publish(showId, "show.staff", member).map(member));
  }

  Future<Void> removeStaff(Caller caller, long showId, long userId) {
    return requireOwner(showId, caller)
        .compose(
            ref ->
                db.query(
                    "DELETE FROM show_staff WHERE show_id = $1 AND user_id = $2",
                    Tuple.of(showId, userId)))
        .compose(
            rows ->
                rows.rowCount() == 0
                    ? Future.failedFuture(
                        Refused.notFound("not_staff", "That user is not on this show's staff"))
                    : events.publish(
                        showId,
                        "show.staff",
                        new JsonObject().put("userId", userId).putNull("role")));
  }

  static Future<String> requireUser(SqlClient client, long userId) {
    return client
        .preparedQuery("SELECT display_name FROM user_directory WHERE id = $1")
        .execute(Tuple.of(userId))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw Refused.notFound("user_not_found", "There is no user " + userId);
              }
              return rows.iterator().next().getString("display_name");
            });
  }

  // ---- lists ----

  /**
   * One page of shows, ordered as a viewer expects for the status, with a cursor for the next page.
   */
  Future<JsonObject> list(
      @Nullable String status,
      @Nullable String category,
      @Nullable Long hostId,
      ShowListFilter filter,
      int limit,
      @Nullable Long before) {
    String order;
    String after;
    switch (status == null ? "" : status) {
      case "live" -> {
        order = "s.started_at DESC, s.id DESC";
        after = "(s.started_at, s.id) < (SELECT started_at, id FROM shows WHERE id = $4)";
      }
      case "scheduled" -> {
        order = "s.scheduled_at ASC, s.id ASC";
        after = "(s.scheduled_at, s.id) > (SELECT scheduled_at, id FROM shows WHERE id = $4)";
      }
      case "ended" -> {
        order = "s.ended_at DESC, s.id DESC";
        after = "(s.ended_at, s.id) < (SELECT ended_at, id FROM shows WHERE id = $4)";
      }
      default -> {
        order = "s.id DESC";
        after = "s.id < $4";
      }
    }
    String sql =
        "SELECT "
            + Show.COLUMNS
            + Show.FROM
            + "WHERE ($1::text IS NULL OR s.status = $1) AND ($2::text IS NULL OR s.category = $2)"
            + " AND ($3::bigint IS NULL OR s.host_id = $3) AND ($4::bigint IS NULL OR "
            + after
            + ")"
            + filter.where(6)
            + " ORDER BY "
            + order
            + " LIMIT $5";
    Tuple args = Tuple.of(status, category, hostId, before, limit + 1);
    filter.args().forEach(args::addValue);
    return db.query(sql, args).map(rows -> KeysetPage.of(rows, limit, r -> Show.from(r).toJson()));
  }
}
