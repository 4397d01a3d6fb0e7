package io.showfloor.notify;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Each user's switches: per topic ({@link NotificationTopics}) and channel ({@code inApp}, {@code
 * mail}), on unless turned off. In-app off: the notification is kept in the list already read and
 * not pushed, so no badge and no toast. Mail off: no mail is queued. Enforced where notifications
 * are recorded ({@link Notifications#record}) and mails to users queued ({@link
 * MailOutbox#enqueueToUser}).
 *
 * <p>A domain may also keep a switch of its own for one notification kind (market fills: {@code
 * market_fill}) through {@link #channels} and {@link #setChannels}: stored beside the topics' rows
 * under the kind's name, with the defaults the owning domain states, and not listed with the topics
 * (the owning domain shows it on its own page).
 */
public final class NotificationPreferences {
  static final String IN_APP = "in_app";
  static final String MAIL = "mail";
  private static final String READ =
      "SELECT topic, channel, enabled FROM notification_preferences WHERE user_id = $1";
  private static final String UPSERT =
      """
      INSERT INTO notification_preferences (user_id, topic, channel, enabled) VALUES ($1, $2, $3, $4)
      ON CONFLICT (user_id, topic, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()""";
  private static final String KIND_SWITCHES =
      "SELECT user_id, channel, enabled FROM notification_preferences WHERE user_id = ANY($1) AND topic = $2";

  /** One kind's switches for one user: in the notification centre, by mail. */
  public record Channels(boolean inApp, boolean mail) {}

  private final Database db;

  public NotificationPreferences(Database db) {
    this.db = db;
  }

  /** {@code {topics: [{topic, label, inApp, mail}]}}, every topic listed. */
  public Future<JsonObject> of(long userId) {
    return db.query(READ, Tuple.of(userId))
        .map(
            rows -> {
              Map<String, Boolean> switches = new HashMap<>();
              for (Row row : rows) {
                switches.put(
                    row.getString("topic") + "/" + row.getString("channel"),
                    row.getBoolean("enabled"));
              }
              JsonArray topics = new JsonArray();
              for (NotificationTopics.Topic topic : NotificationTopics.ALL) {
                topics.add(
                    new JsonObject()
                        .put("topic", topic.id())
                        .put("label", topic.label())
                        .put("inApp", switches.getOrDefault(topic.id() + "/" + IN_APP, true))
                        .put("mail", switches.getOrDefault(topic.id() + "/" + MAIL, true)));
              }
              return new JsonObject().put("topics", topics);
            });
  }

  /** Sets the switches given ({@code [{topic, inApp?, mail?}]}), all or none; answers them all. */
  public Future<JsonObject> set(long userId, JsonArray changes) {
    for (Object item : changes) {
      JsonObject change = (JsonObject) item;
      if (!NotificationTopics.exists(change.getString("topic", ""))) {
        return Future.failedFuture(
            Refused.invalid(
                "unknown_topic",
                "No notification topic '"
                    + change.getString("topic")
                    + "'; topics are auctions, orders, shows, money, market"));
      }
    }
    return db.tx(
            conn -> {
              Future<Void> done = Future.succeededFuture();
              for (Object item : changes) {
                JsonObject change = (JsonObject) item;
                String topic = change.getString("topic");
                for (String channel : new String[] {IN_APP, MAIL}) {
                  Boolean enabled = change.getBoolean(IN_APP.equals(channel) ? "inApp" : "mail");
                  if (enabled != null) {
                    done =
                        done.compose(
                            v ->
                                conn.preparedQuery(UPSERT)
                                    .execute(Tuple.of(userId, topic, channel, enabled))
                                    .mapEmpty());
                  }
                }
              }
              return done;
            })
        .compose(v -> of(userId));
  }

  /** The user's switches for {@code kind}; {@code defaults} for a channel never set. */
  public Future<Channels> channels(long userId, String kind, Channels defaults) {
    return channels(db.pool(), java.util.List.of(userId), kind, defaults)
        .map(chosen -> chosen.getOrDefault(userId, defaults));
  }

  /**
   * Each of {@code users}' switches for {@code kind}, read on {@code client}; every user answered.
   */
  public Future<Map<Long, Channels>> channels(
      SqlClient client, Collection<Long> users, String kind, Channels defaults) {
    return client
        .preparedQuery(KIND_SWITCHES)
        .execute(Tuple.of(users.toArray(new Long[0]), kind))
        .map(
            rows -> {
              Map<Long, Boolean> inApp = new HashMap<>();
              Map<Long, Boolean> mail = new HashMap<>();
              for (Row row : rows) {
                (IN_APP.equals(row.getString("channel")) ? inApp : mail)
                    .put(row.getLong("user_id"), row.getBoolean("enabled"));
              }
              Map<Long, Channels> chosen = new HashMap<>();
              for (Long user : users) {
                chosen.put(
                    user,
                    new Channels(
                        inApp.getOrDefault(user, defaults.inApp()),
                        mail.getOrDefault(user, defaults.mail())));
              }
              return chosen;
            });
  }

  /** Stores both of the user's switches for {@code kind}; answers them. */
  public Future<Channels> setChannels(long userId, String kind, Channels channels) {
    return db.tx(
            conn ->
                conn.preparedQuery(UPSERT)
                    .execute(Tuple.of(userId, kind, IN_APP, channels.inApp()))
                    .compose(
                        v ->
                            conn.preparedQuery(UPSERT)
                                .execute(Tuple.of(userId, kind, MAIL, channels.mail())))
                    .mapEmpty())
        .map(channels);
  }
}
