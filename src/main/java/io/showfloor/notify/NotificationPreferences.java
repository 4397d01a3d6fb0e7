package io.showfloor.notify;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;

/**
 * Each user's switches: per topic ({@link NotificationTopics}) and channel ({@code inApp}, {@code
 * mail}), on unless turned off. In-app off: the notification is kept in the list already read and
 * not pushed, so no badge and no toast. Mail off: no mail is queued. Enforced where notifications
 * are recorded ({@link Notifications#record}) and mails to users queued ({@link
 * MailOutbox#enqueueToUser}).
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

  private final Database db;

  NotificationPreferences(Database db) {
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
}
