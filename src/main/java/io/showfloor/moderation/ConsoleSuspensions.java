package io.showfloor.moderation;

import io.showfloor.account.Suspensions;
import io.showfloor.notify.Notification;
import io.showfloor.notify.Notifications;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * A moderator suspending (for 1 to 365 days) or banning (with no end) a user straight from the
 * console's Users tab, without a report. The same {@link Suspensions} as a queue decision: the
 * user's row, their ended sessions and access tokens, the audit entry (source console, action
 * {@code suspend_user} or {@code ban_user}) and the user's notification commit together; every node
 * refuses the user from the moment the answer is sent.
 */
final class ConsoleSuspensions {
  private static final String STAFF =
      "SELECT roles && ARRAY['moderator', 'admin'] AS staff FROM user_directory WHERE id = $1";

  private final Database db;
  private final Suspensions suspensions;
  private final AuditTrail audit;
  private final Notifications notifications;

  ConsoleSuspensions(
      Database db, Suspensions suspensions, AuditTrail audit, Notifications notifications) {
    this.db = db;
    this.suspensions = suspensions;
    this.audit = audit;
    this.notifications = notifications;
  }

  /**
   * What the moderator asked for: {@code days}, or {@code permanent: true}, never both; and why
   * (ModerationEndpoints checks that while reading the request).
   */
  record Request(@Nullable Integer days, boolean permanent, String note) {
    /** The days of a suspension that is not permanent (always given then). */
    int daysGiven() {
      return java.util.Objects.requireNonNull(days, "days of a suspension that is not permanent");
    }
  }

  private record Done(Suspensions.Suspended suspended, Notification notice) {}

  Future<JsonObject> suspend(Caller moderator, long userId, Request request) {
    return db.one(STAFF, Tuple.of(userId))
        .compose(
            row -> {
              if (row == null) {
                return Future.failedFuture(Refused.notFound("user_not_found", "No user " + userId));
              }
              // the queue's rule too: staff lose their role first, so one moderator cannot lock out
              // another
              if (row.getBoolean("staff")) {
                return Future.failedFuture(
                    Refused.conflict(
                        "cannot_moderate_staff",
                        "Moderators and admins cannot be suspended; revoke the role first"));
              }
              return db.tx(
                  tx ->
                      (request.permanent()
                              ? suspensions.ban(tx, userId)
                              : suspensions.suspend(tx, userId, request.daysGiven()))
                          .compose(
                              suspended ->
                                  audit
                                      .fromConsole(
                                          tx,
                                          moderator.userId(),
                                          request.permanent() ? "ban_user" : "suspend_user",
                                          userId,
                                          request.note(),
                                          detail(request))
                                      .compose(
                                          v ->
                                              notifications.record(
                                                  tx,
                                                  userId,
                                                  "moderation.suspended",
                                                  detail(request)
                                                      .put(
                                                          "until",
                                                          suspended.permanent()
                                                              ? null
                                                              : suspended.until().toString())
                                                      .put("note", request.note())))
                                      .map(notice -> new Done(suspended, notice))));
            })
        .compose(
            done -> {
              suspensions.announce(done.suspended());
              return notifications
                  .publish(done.notice())
                  .map(
                      v ->
                          new JsonObject()
                              .put("userId", userId)
                              .put(
                                  "suspendedUntil",
                                  done.suspended().permanent()
                                      ? null
                                      : done.suspended().until().toString())
                              .put("permanent", done.suspended().permanent()));
            });
  }

  private static JsonObject detail(Request request) {
    return request.permanent()
        ? new JsonObject().put("permanent", true)
        : new JsonObject().put("days", request.days());
  }
}
