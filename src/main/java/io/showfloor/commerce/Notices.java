package io.showfloor.commerce;

import io.showfloor.notify.MailOutbox;
import io.showfloor.notify.MailTemplates;
import io.showfloor.notify.Notification;
import io.showfloor.notify.NotificationTopics;
import io.showfloor.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * What commerce tells people, through the notify domain: in-app notifications (low stock, new
 * order, shipped, refunded, disputed, wishlisted product live) recorded in the transaction of the
 * change and pushed after the commit, and mails (receipts, shipping, refunds) queued in the same
 * transaction with a dedupe key so a retried change never mails twice.
 */
public final class Notices {
  private final Notifications notifications;
  private final MailOutbox outbox;

  public Notices(Notifications notifications, MailOutbox outbox) {
    this.notifications = notifications;
    this.outbox = outbox;
  }

  /** A notification to record. */
  public record Draft(long userId, String kind, JsonObject data) {}

  /** Records a notification in the caller's transaction; {@link #push} it after the commit. */
  public Future<Notification> add(SqlConnection conn, long userId, String kind, JsonObject data) {
    return notifications.record(conn, userId, kind, data);
  }

  /** Records several, sent together on the connection (pipelined). */
  public Future<List<Notification>> addAll(SqlConnection conn, List<Draft> drafts) {
    List<Future<Notification>> recorded = new ArrayList<>();
    drafts.forEach(d -> recorded.add(notifications.record(conn, d.userId(), d.kind(), d.data())));
    return Future.all(recorded).map(done -> recorded.stream().map(Future::result).toList());
  }

  /**
   * People's display names by id, so receipts and notices name them as everyone sees them ("sold by
   * Ada's Attic") rather than by number. An unknown id falls back to "user N".
   */
  public Future<java.util.Map<Long, String>> names(
      io.vertx.sqlclient.SqlClient client, java.util.Collection<Long> userIds) {
    return client
        .preparedQuery("SELECT id, display_name FROM user_directory WHERE id = ANY($1::bigint[])")
        .execute(io.vertx.sqlclient.Tuple.tuple().addArrayOfLong(userIds.toArray(Long[]::new)))
        .map(
            rows -> {
              java.util.Map<Long, String> names = new java.util.HashMap<>();
              userIds.forEach(id -> names.put(id, "user " + id));
              rows.forEach(r -> names.put(r.getLong("id"), r.getString("display_name")));
              return names;
            });
  }

  /** One person's display name. */
  public Future<String> name(io.vertx.sqlclient.SqlClient client, long userId) {
    return names(client, List.of(userId)).map(names -> names.get(userId));
  }

  public void push(Notification notification) {
    notifications.publish(notification);
  }

  /**
   * Queues a notice written as plain text (paragraphs; a paragraph that is only a link becomes a
   * button), in the mail layout, to a user in the caller's transaction, unless they switched mail
   * off for {@code topic}; {@link #sendMail} after the commit.
   */
  public Future<Void> mail(
      SqlConnection conn,
      long userId,
      NotificationTopics.Topic topic,
      String subject,
      String text,
      String dedupeKey) {
    return outbox.enqueueToUser(
        conn, userId, topic, MailTemplates.shared().notice(subject, text), dedupeKey);
  }

  /** As {@link #mail}, for a mail no switch stops (a receipt, an item on its way). */
  public Future<Void> mailAlways(
      SqlConnection conn, long userId, String subject, String text, String dedupeKey) {
    return outbox.enqueueToUserAlways(
        conn, userId, MailTemplates.shared().notice(subject, text), dedupeKey);
  }

  public void sendMail() {
    outbox.nudge();
  }
}
