package io.showfloor.platform.events;

import io.showfloor.platform.infra.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one way services announce what happened, after the commit. A topic such as {@code lot:42} is
 * published on event-bus address {@code topic.lot.42}; every node's gateway that has a client on
 * that topic receives it. Sequence numbers come from Redis INCR so they are per topic across the
 * whole cluster, whichever node committed the change.
 */
public final class EventPublisher {
  private final Vertx vertx;
  private final RedisStore redis;

  public EventPublisher(Vertx vertx, RedisStore redis) {
    this.vertx = vertx;
    this.redis = redis;
  }

  public static String address(String topic) {
    return "topic." + topic.replace(':', '.');
  }

  public static String sequenceKey(String topic) {
    return "seq:" + topic;
  }

  /** Publishes {@code {topic, type, seq, serverTime, data}} and returns the frame that was sent. */
  public Future<JsonObject> publish(String topic, @Nullable String type, JsonObject data) {
    return redis
        .api()
        .incr(sequenceKey(topic))
        .map(
            seq -> {
              JsonObject frame = frame(topic, type, seq.toLong(), Instant.now().toString(), data);
              vertx.eventBus().publish(address(topic), frame);
              return frame;
            });
  }

  /** Private frames for one user arrive on their {@code me} topic. */
  public Future<JsonObject> toUser(long userId, @Nullable String type, JsonObject data) {
    return publish(userTopic(userId), type, data);
  }

  /** The topic of one user's private frames (their {@code me}). */
  public static String userTopic(long userId) {
    return "user:" + userId;
  }

  /** The last sequence number handed out on a topic (0 when none); snapshots carry it. */
  public Future<Long> currentSequence(String topic) {
    return redis.api().get(sequenceKey(topic)).map(r -> r == null ? 0L : r.toLong());
  }

  /**
   * Publishes several events, drawing each topic's sequence numbers with one INCRBY instead of one
   * INCR per event, and every topic's INCRBY in one pipelined Redis batch (one round trip, not one
   * per topic): a topic's frames get consecutive numbers in list order and go out in that order.
   * Answers the frames in list order; fails, sending none, if the sequence numbers cannot be drawn.
   */
  public Future<List<JsonObject>> publishAll(List<Event> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Map<String, List<Event>> byTopic = new LinkedHashMap<>();
    for (Event event : events) {
      byTopic.computeIfAbsent(event.topic(), t -> new ArrayList<>()).add(event);
    }
    List<Request> draws = new ArrayList<>(byTopic.size());
    byTopic.forEach(
        (topic, series) ->
            draws.add(Request.cmd(Command.INCRBY).arg(sequenceKey(topic)).arg(series.size())));
    return redis
        .client()
        .batch(draws)
        .map(
            lasts -> {
              Map<Event, JsonObject> frames = new IdentityHashMap<>();
              String serverTime = Instant.now().toString();
              int i = 0;
              for (Map.Entry<String, List<Event>> topic : byTopic.entrySet()) {
                List<Event> series = topic.getValue();
                long seq = lasts.get(i++).toLong() - series.size();
                for (Event event : series) {
                  JsonObject frame =
                      frame(topic.getKey(), event.type(), ++seq, serverTime, event.data());
                  vertx.eventBus().publish(address(topic.getKey()), frame);
                  frames.put(event, frame);
                }
              }
              return events.stream().map(frames::get).toList();
            });
  }

  private static JsonObject frame(
      String topic, @Nullable String type, long seq, String serverTime, JsonObject data) {
    return new JsonObject()
        .put("topic", topic)
        .put("type", type)
        .put("seq", seq)
        .put("serverTime", serverTime)
        .put("data", data);
  }

  public record Event(String topic, String type, JsonObject data) {}
}
