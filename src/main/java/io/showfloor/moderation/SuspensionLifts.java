package io.showfloor.moderation;

import io.showfloor.account.Suspensions;
import io.showfloor.notify.Notifications;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A moderator ending a suspension early (a mistake, an appeal upheld): the user's row, the audit
 * entry and the user's notification commit together; every node hears of it after the commit.
 */
final class SuspensionLifts {
  private final Database db;
  private final Suspensions suspensions;
  private final AuditTrail audit;
  private final Notifications notifications;

  SuspensionLifts(
      Database db, Suspensions suspensions, AuditTrail audit, Notifications notifications) {
    this.db = db;
    this.suspensions = suspensions;
    this.audit = audit;
    this.notifications = notifications;
  }

  Future<JsonObject> lift(Caller moderator, long userId, String note) {
    return db.tx(
            tx ->
                suspensions
                    .lift(tx, userId)
                    .compose(
                        lifted -> {
                          if (!lifted) {
                            return Future.failedFuture(
                                Refused.conflict(
                                    "not_suspended", "User " + userId + " is not suspended"));
                          }
                          return audit
                              .fromConsole(
                                  tx,
                                  moderator.userId(),
                                  "lift_suspension",
                                  userId,
                                  note,
                                  new JsonObject())
                              .compose(
                                  v ->
                                      notifications.record(
                                          tx,
                                          userId,
                                          "moderation.suspension_lifted",
                                          new JsonObject().put("note", note)));
                        }))
        .compose(
            notice -> {
              suspensions.announceLifted(userId);
              return notifications.publish(notice);
            })
        .map(v -> new JsonObject().put("userId", userId).putNull("suspendedUntil"));
  }
}
