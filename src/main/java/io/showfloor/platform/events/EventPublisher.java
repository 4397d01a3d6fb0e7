package io.showfloor.platform.events;

import io.showfloor.platform.infra.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The one way services announce what happened, after the commit. A topic such as {@code lot:42}
 * is published on event-bus address {@code topic.lot.42}; every node's gateway that has a client
 * on that topic receives it. Sequence numbers come from Redis INCR so they are per topic across the
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
  public Future<JsonObject> publish(String topic, String type, JsonObject data) {
    return redis.api().incr(sequenceKey(topic)).map(seq -> {
      JsonObject frame = new JsonObject()
          .put("topic", topic)
          .put("type", type)
          .put("seq", seq.toLong())
          .put("serverTime", Instant.now().toString())
          .put("data", data);
      vertx.eventBus().publish(address(topic), frame);
      return frame;
    });
  }

  /** Private frames for one user arrive on their {@code me} topic. */
  public Future<JsonObject> toUser(long userId, String type, JsonObject data) {
    return publish("user:" + userId, type, data);
  }

  /** The last sequence number handed out on a topic (0 when none); snapshots carry it. */
  public Future<Long> currentSequence(String topic) {
    return redis.api().get(sequenceKey(topic)).map(r -> r == null ? 0L : r.toLong());
  }

  public Future<List<JsonObject>> publishAll(List<Event> events) {
    return Future.all(events.stream().map(e -> publish(e.topic(), e.type(), e.data())).toList())
        .map(all -> all.<JsonObject>list());
  }

  public record Event(String topic, String type, JsonObject data) {}
}
