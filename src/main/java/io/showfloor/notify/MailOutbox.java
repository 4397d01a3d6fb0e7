package io.showfloor.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one way to send mail: write it to the outbox inside the transaction of the change that causes
 * it, so the mail exists exactly when the change committed. Delivery happens later, on any node, by
 * {@link MailDeliveryVerticle}. Bodies come only from {@link MailTemplates} (a {@link Mail}), so
 * every message has the one layout and no HTML is built by joining strings.
 */
public final class MailOutbox {
  static final String NUDGE_ADDRESS = "mail.outbox.nudge";
  private static final String ENQUEUE =
      """
      INSERT INTO mail_outbox (to_address, subject, text_body, html_body, dedupe_key)
      VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING""";
  // to users' addresses, looked up in the statement; one statement however many (a batch's
  // outbid mails, or one); a key twice in it is queued once; no switch stops a null topic ($6)
  private static final String ENQUEUE_TO_USERS =
      """
      INSERT INTO mail_outbox (to_address, subject, text_body, html_body, dedupe_key)
      SELECT u.email, d.subject, d.text_body, d.html_body, d.dedupe_key
      FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])
        AS d(user_id, subject, text_body, html_body, dedupe_key)
      JOIN user_directory u ON u.id = d.user_id AND u.status <> 'deleted'
      WHERE NOT EXISTS (SELECT 1 FROM notification_preferences p
                        WHERE p.user_id = d.user_id AND p.topic = $6 AND p.channel = 'mail' AND NOT p.enabled)
      ON CONFLICT (dedupe_key) DO NOTHING""";

  /** One mail of {@link #enqueueAllToUsers} to a user. */
  public record ToUser(long userId, Mail mail, String dedupeKey) {}

  private final Vertx vertx;

  public MailOutbox(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Queues a mail on {@code conn}, which must be inside the caller's transaction. A non-null {@code
   * dedupeKey} already queued (the same logical mail enqueued twice) is silently skipped.
   */
  public Future<Void> enqueue(SqlConnection conn, String to, Mail mail, String dedupeKey) {
    return conn.preparedQuery(ENQUEUE)
        .execute(Tuple.of(to, mail.subject(), mail.text(), mail.html(), dedupeKey))
        .mapEmpty();
  }

  /**
   * Queues a mail to a user's address, looked up in the same statement; skipped when the user
   * switched mail off for {@code topic}, or deleted the account.
   */
  public Future<Void> enqueueToUser(
      SqlConnection conn,
      long userId,
      NotificationTopics.Topic topic,
      Mail mail,
      String dedupeKey) {
    return enqueue(conn, userId, topic.id(), mail, dedupeKey);
  }

  /** {@link #enqueueToUser} for many mails of one topic in one statement. */
  public Future<Void> enqueueAllToUsers(
      SqlConnection conn, NotificationTopics.Topic topic, List<ToUser> mails) {
    return enqueueAll(conn, topic.id(), mails);
  }

  /**
   * Queues a mail no switch stops (a receipt, an item on its way after a redemption) to a user's
   * address, unless they deleted the account.
   */
  public Future<Void> enqueueToUserAlways(
      SqlConnection conn, long userId, Mail mail, String dedupeKey) {
    return enqueue(conn, userId, null, mail, dedupeKey);
  }

  private Future<Void> enqueue(
      SqlConnection conn, long userId, @Nullable String topic, Mail mail, String dedupeKey) {
    return enqueueAll(conn, topic, List.of(new ToUser(userId, mail, dedupeKey)));
  }

  private static Future<Void> enqueueAll(
      SqlConnection conn, @Nullable String topic, List<ToUser> mails) {
    if (mails.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = mails.size();
    Long[] users = new Long[n];
    String[] subjects = new String[n];
    String[] texts = new String[n];
    String[] htmls = new String[n];
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      ToUser mail = mails.get(i);
      users[i] = mail.userId();
      subjects[i] = mail.mail().subject();
      texts[i] = mail.mail().text();
      htmls[i] = mail.mail().html();
      keys[i] = mail.dedupeKey();
    }
    return conn.preparedQuery(ENQUEUE_TO_USERS)
        .execute(Tuple.of(users, subjects, texts, htmls, keys, topic))
        .mapEmpty();
  }

  /** After the commit: asks this node's worker to look now rather than at its next tick. */
  public void nudge() {
    vertx.eventBus().send(NUDGE_ADDRESS, null, new DeliveryOptions().setLocalOnly(true));
  }
}
