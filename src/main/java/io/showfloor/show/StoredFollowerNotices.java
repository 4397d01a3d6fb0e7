package io.showfloor.show;

import io.showfloor.notify.Mail;
import io.showfloor.notify.MailOutbox;
import io.showfloor.notify.MailTemplates;
import io.showfloor.notify.Notification;
import io.showfloor.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Follower notices through the notify domain: an in-app notification for followers who want them,
 * and a mail in the outbox for followers who want mail and have a verified address (we do not mail
 * addresses nobody confirmed). Both are written in the show's transaction; after the commit the
 * notifications are pushed to open sockets and the mail worker is woken.
 */
final class StoredFollowerNotices implements FollowerNotices {
  private final Notifications notifications;
  private final MailOutbox outbox;
  private final String publicUrl;

  StoredFollowerNotices(Notifications notifications, MailOutbox outbox, String publicUrl) {
    this.notifications = notifications;
    this.outbox = outbox;
    this.publicUrl = publicUrl;
  }

  @Override
  public Future<Runnable> record(SqlConnection tx, Show show, Kind kind) {
    return tx.preparedQuery(
            """
            SELECT f.follower_id, f.notify_in_app, f.notify_mail AND u.email_verified_at IS NOT NULL AS mail, u.email
            FROM host_follows f JOIN user_directory u ON u.id = f.follower_id
            WHERE f.host_id = $1 AND u.status = 'active' AND (f.notify_in_app OR f.notify_mail)
            ORDER BY f.follower_id""")
        .execute(Tuple.of(show.hostId()))
        .compose(
            rows -> {
              JsonObject payload = ShowNoticeText.payload(show, kind);
              Mail mail =
                  MailTemplates.shared()
                      .notice(
                          ShowNoticeText.headline(show, kind),
                          ShowNoticeText.mailText(show, kind, publicUrl));
              List<Future<Notification>> stored = new ArrayList<>();
              List<Future<Void>> mails = new ArrayList<>();
              for (Row r : rows) {
                long follower = r.getLong("follower_id");
                if (r.getBoolean("notify_in_app")) {
                  stored.add(notifications.record(tx, follower, kind.wire, payload));
                }
                if (r.getBoolean("mail")) {
                  // one mail per follower, show and kind, even if the transition were somehow
                  // replayed
                  mails.add(
                      outbox.enqueue(
                          tx,
                          r.getString("email"),
                          mail,
                          kind.wire + ":" + show.id() + ":" + follower));
                }
              }
              return Future.all(stored)
                  .compose(v -> Future.all(mails))
                  .map(
                      v ->
                          (Runnable)
                              () -> {
                                stored.forEach(n -> notifications.publish(n.result()));
                                if (!mails.isEmpty()) {
                                  outbox.nudge();
                                }
                              });
            });
  }
}
