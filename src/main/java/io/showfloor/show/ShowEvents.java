package io.showfloor.show;

import io.showfloor.platform.events.EventPublisher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a show's events on its topic {@code show:<id>} after the commit. A failed publish
 * (Redis hiccup) is logged, not reported to the user whose change is already committed; clients
 * that miss an event see a sequence gap and resubscribe for a fresh snapshot.
 */
final class ShowEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ShowEvents.class);
  private final EventPublisher events;

  ShowEvents(EventPublisher events) {
    this.events = events;
  }

  static String topic(long showId) {
    return "show:" + showId;
  }

  Future<Void> publish(long showId, String type, JsonObject data) {
    return events
        .publish(topic(showId), type, data)
        .<Void>mapEmpty()
        .recover(
            failure -> {
              LOG.warn("Could not publish {} on show:{}", type, showId, failure);
              return Future.succeededFuture();
            });
  }

  /**
   * Several shows' events at once, their sequence numbers drawn in one Redis round trip; a failure
   * is logged like {@link #publish}'s.
   */
  Future<Void> publishAll(String type, Map<Long, JsonObject> dataByShow) {
    if (dataByShow.isEmpty()) {
      return Future.succeededFuture();
    }
    List<EventPublisher.Event> batch = new ArrayList<>(dataByShow.size());
    dataByShow.forEach(
        (showId, data) -> batch.add(new EventPublisher.Event(topic(showId), type, data)));
    return events
        .publishAll(batch)
        .<Void>mapEmpty()
        .recover(
            failure -> {
              LOG.warn("Could not publish {} on {} shows", type, batch.size(), failure);
              return Future.succeededFuture();
            });
  }

  /** A private frame on the user's {@code me} topic. */
  Future<Void> toUser(long userId, String type, JsonObject data) {
    return events
        .toUser(userId, type, data)
        .<Void>mapEmpty()
        .recover(
            failure -> {
              LOG.warn("Could not send {} to user {}", type, userId, failure);
              return Future.succeededFuture();
            });
  }
}
