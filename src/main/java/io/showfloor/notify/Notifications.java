package io.showfloor.notify;

import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-app notifications. A domain records one inside the transaction of the change that causes it
 * ({@link #record}), then, after the commit, {@link #publish}es it to the user's {@code me} topic
 * as a {@code notification} frame. {@link #send} does both for callers with no transaction of their
 * own.
 */
public final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  // one statement however many (a book's fills, a batch's outbid notices, or one). In-app switched
  // off for the kind's topic: kept in the list, already read, and not pushed. The identity is drawn
  // as the rows are inserted in the input's order, so ordering the answer by id gives that order
  private static final String INSERT =
      """
      WITH ins AS (
        INSERT INTO notifications (user_id, kind, payload, read_at)
        SELECT d.user_id, d.kind, d.payload, CASE WHEN EXISTS (
            SELECT 1 FROM notification_preferences p
            WHERE p.user_id = d.user_id AND p.topic = d.topic AND p.channel = 'in_app' AND NOT p.enabled) THEN now() END
        FROM unnest($1::bigint[], $2::text[], $3::jsonb[], $4::text[]) WITH ORDINALITY AS d(user_id, kind, payload, topic, n)
        ORDER BY d.n
        RETURNING """
          + " "
          + Notification.COLUMNS
          + ")\n SELECT * FROM ins ORDER BY id";
  private static final String LIST =
      "SELECT "
          + Notification.COLUMNS
          + " FROM notifications "
          + "WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2) AND (NOT $3 OR read_at IS NULL) ORDER BY id DESC LIMIT $4";
  private static final String UNREAD =
      "SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL";
  private static final String READ_ONE =
      """
      UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id""";
  private static final String READ_ALL =
      "UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL";

  private final Database db;
  private final EventPublisher events;

  public Notifications(Database db, EventPublisher events) {
    this.db = db;
    this.events = events;
  }

  /**
   * Stores a notification on {@code conn}, inside the caller's transaction; publish it after the
   * commit.
   */
  public Future<Notification> record(
      SqlConnection conn, long userId, String kind, JsonObject payload) {
    return recordAll(conn, List.of(new Draft(userId, kind, payload))).map(one -> one.get(0));
  }

  /** What {@link #recordAll} stores: one notification of {@code kind} for {@code userId}. */
  public record Draft(long userId, String kind, @Nullable JsonObject payload) {}

  /**
   * {@link #record} for many notifications in one statement, inside the caller's transaction; the
   * answer lists them in the order given.
   */
  public Future<List<Notification>> recordAll(SqlConnection conn, List<Draft> drafts) {
    if (drafts.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Long[] users = new Long[drafts.size()];
    String[] kinds = new String[drafts.size()];
    JsonObject[] payloads = new JsonObject[drafts.size()];
    String[] topics = new String[drafts.size()];
    for (int i = 0; i < drafts.size(); i++) {
      Draft draft = drafts.get(i);
      users[i] = draft.userId();
      kinds[i] = draft.kind();
      payloads[i] = draft.payload() == null ? new JsonObject() : draft.payload();
      topics[i] = NotificationTopics.of(draft.kind());
    }
    return conn.preparedQuery(INSERT)
        .execute(Tuple.of(users, kinds, payloads, topics))
        .map(
            rows -> {
              List<Notification> recorded = new ArrayList<>(drafts.size());
              rows.forEach(row -> recorded.add(Notification.of(row)));
              return recorded;
            });
  }

  /**
   * Pushes a committed notification to the user's open sockets; a push that fails is only logged
   * (it is listed anyway).
   */
  public Future<Void> publish(Notification notification) {
    if (notification.readAt() != null) {
      return Future.succeededFuture(); // the user switched this topic off in the app
    }
    return events
        .toUser(notification.userId(), "notification", notification.toJson())
        .<Void>mapEmpty()
        .recover(
            e -> {
              LOG.warn("Notification {} not pushed: {}", notification.id(), e.toString());
              return Future.succeededFuture();
            });
  }

  /**
   * {@link #publish} for many committed notifications: their sequence numbers drawn in one Redis
   * round trip instead of one per notification.
   */
  public Future<Void> publishAll(List<Notification> committed) {
    List<EventPublisher.Event> frames = new ArrayList<>(committed.size());
    for (Notification notification : committed) {
      if (notification.readAt() == null) {
        frames.add(
            new EventPublisher.Event(
                EventPublisher.userTopic(notification.userId()),
                "notification",
                notification.toJson()));
      }
    }
    return events
        .publishAll(frames)
        .<Void>mapEmpty()
        .recover(
            e -> {
              LOG.warn("{} notifications not pushed: {}", frames.size(), e.toString());
              return Future.succeededFuture();
            });
  }

  /** Records in its own transaction, then publishes. */
  public Future<Notification> send(long userId, String kind, JsonObject payload) {
    return db.tx(conn -> record(conn, userId, kind, payload)).compose(n -> publish(n).map(n));
  }

  /** A page of the user's notifications, newest first, with the unread count. */
  public Future<JsonObject> list(
      long userId, boolean unreadOnly, int limit, @Nullable Long before) {
    return db.query(LIST, Tuple.of(userId, before, unreadOnly, limit + 1))
        .map(rows -> KeysetPage.of(rows, limit, row -> Notification.of(row).toJson()))
        .compose(
            page ->
                unreadCount(userId)
                    .map(
                        unread ->
                            new JsonObject()
                                .put("items", page.getJsonArray("items"))
                                .put("unreadCount", unread)
                                .put("nextBefore", page.getValue("nextBefore"))));
  }

  public Future<Integer> unreadCount(long userId) {
    return db.one(UNREAD, Tuple.of(userId)).map(row -> row.getLong("n").intValue());
  }

  /** Marks one of the user's notifications read; false when it is not theirs or does not exist. */
  public Future<Boolean> markRead(long userId, long notificationId) {
    return db.query(READ_ONE, Tuple.of(notificationId, userId)).map(rows -> rows.rowCount() > 0);
  }

  public Future<Integer> markAllRead(long userId) {
    return db.query(READ_ALL, Tuple.of(userId)).map(rows -> rows.rowCount());
  }
}
