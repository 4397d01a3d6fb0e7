package io.showfloor.show;

import io.showfloor.platform.events.EventPublisher;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.TestNode;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Listens to a topic's event-bus address the way the WebSocket gateway does (topic.show.&lt;id&gt;)
 * and keeps every frame, so tests can wait for an event and check its order and sequence numbers.
 */
final class TopicRecorder implements AutoCloseable {
  final List<JsonObject> frames = new CopyOnWriteArrayList<>();
  private final MessageConsumer<JsonObject> consumer;

  TopicRecorder(String topic) {
    consumer =
        TestNode.get()
            .vertx()
            .eventBus()
            .<JsonObject>consumer(EventPublisher.address(topic), m -> frames.add(m.body()));
    consumer.completion().await();
  }

  static TopicRecorder show(long showId) {
    return new TopicRecorder("show:" + showId);
  }

  /**
   * The first frame of that type matching the predicate, waiting for it (up to 10 s, see {@link
   * Eventually}).
   */
  JsonObject await(String type, Predicate<JsonObject> data) {
    JsonObject[] found = new JsonObject[1];
    Eventually.until(
        () -> {
          for (JsonObject frame : frames) {
            if (type.equals(frame.getString("type")) && data.test(frame.getJsonObject("data"))) {
              found[0] = frame;
              return true;
            }
          }
          return false;
        },
        "a "
            + type
            + " frame on "
            + frames.stream().findFirst().map(f -> f.getString("topic")).orElse("the topic")
            + "; got "
            + frames);
    return found[0];
  }

  JsonObject await(String type) {
    return await(type, d -> true);
  }

  long count(String type) {
    return frames.stream().filter(f -> type.equals(f.getString("type"))).count();
  }

  @Override
  public void close() {
    consumer.unregister().await();
  }
}
