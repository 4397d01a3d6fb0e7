package io.showfloor.realtime;

import io.showfloor.platform.events.EventPublisher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event-bus consumer for one topic, shared by every local subscriber of a gateway instance:
 * each event is encoded once and the same bytes go to every subscriber.
 *
 * <p>Events reach the feed in publish order, which is not always sequence order: two requests may
 * take sequence numbers 7 and 8 from Redis and publish 8 first, on one node or on two. The feed
 * hands events on in sequence order, holding one that arrives early until the gap before it fills
 * or {@code reorderMillis} pass (a publisher that died after taking a number leaves a gap for
 * good).
 */
final class TopicFeed {
  /** One published event as the gateway fans it out. */
  record Event(long seq, Buffer frame, long publishedAtMillis) {}

  private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
  private static final int MAX_HELD = 1_000;
  private final Vertx vertx;
  private final GatewayMetrics metrics;
  private final String clientTopic;
  private final long reorderMillis;
  private final MessageConsumer<JsonObject> consumer;
  private final Future<Long> ready;
  private final List<TopicSubscription> subscribers = new ArrayList<>();
  private final TreeMap<Long, Event> held = new TreeMap<>();

  /** The highest sequence handed to subscribers; -1 until the topic's sequence is first read. */
  private long released = -1;

  private long gapTimer = -1;
  private boolean closed;

  TopicFeed(
      Vertx vertx, Topic topic, EventPublisher events, long reorderMillis, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.clientTopic = topic.name();
    this.reorderMillis = reorderMillis;
    this.consumer = vertx.eventBus().consumer(topic.address(), this::deliver);
    // once the consumer is known cluster-wide no later event can miss it: from the sequence read
    // then on, every event arrives here
    this.ready =
        consumer
            .completion()
            .compose(v -> events.currentSequence(topic.busTopic()))
            .onSuccess(this::startAt);
  }

  /** Completes once events can no longer be missed. */
  Future<Long> ready() {
    return ready;
  }

  void add(TopicSubscription subscription) {
    subscribers.add(subscription);
  }

  /** Returns true when the feed has no subscriber left. */
  boolean remove(TopicSubscription subscription) {
    subscribers.remove(subscription);
    return subscribers.isEmpty();
  }

  Future<Void> close() {
    closed = true;
    cancelGapTimer();
    held.clear();
    return consumer.unregister();
  }

  private void startAt(long seq) {
    if (released < 0) {
      released = seq;
      releaseInOrder(false);
    }
  }

  private void deliver(Message<JsonObject> message) {
    if (closed) {
      return;
    }
    JsonObject frame = message.body();
    long seq = frame.getLong("seq", 0L);
    if (seq == 1 && released > 1) {
      // the counters started over (Redis lost them): clients must start over from a snapshot
      released = 0;
      held.clear();
      restartSubscribers();
      if (closed) {
        return;
      }
    }
    if (released >= 0 && seq <= released) {
      return;
    }
    // a user:<id> topic reaches its owner as "me"; the body is this consumer's own copy
    frame.put("topic", clientTopic);
    held.put(seq, new Event(seq, frame.toBuffer(), publishedAt(frame)));
    releaseInOrder(held.size() > MAX_HELD);
  }

  /** Hands on consecutive events; with {@code skipGaps} everything held, gaps or not. */
  private void releaseInOrder(boolean skipGaps) {
    if (released < 0) {
      if (held.size() > MAX_HELD) {
        held.pollFirstEntry();
      }
      return;
    }
    Map.Entry<Long, Event> first;
    while ((first = held.firstEntry()) != null && (skipGaps || first.getKey() <= released + 1)) {
      held.pollFirstEntry();
      if (first.getKey() > released) {
        released = first.getKey();
        fanOut(first.getValue());
      }
    }
    if (held.isEmpty()) {
      cancelGapTimer();
    } else if (gapTimer < 0) {
      gapTimer =
          vertx.setTimer(
              reorderMillis,
              id -> {
                gapTimer = -1;
                if (!closed) {
                  releaseInOrder(true);
                }
              });
    }
  }

  private static long publishedAt(JsonObject frame) {
    try {
      return Instant.parse(frame.getString("serverTime", "")).toEpochMilli();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  private void fanOut(Event event) {
    if (event.publishedAtMillis() > 0 && !subscribers.isEmpty()) {
      // publisher's clock to this gateway's: on one machine or NTP-synced nodes, the bus hop plus
      // any reorder wait
      metrics.delivered(Math.max(0, System.currentTimeMillis() - event.publishedAtMillis()));
    }
    // a subscriber may leave while we fan out (its queue overflowed), so walk a copy
    for (TopicSubscription subscription : subscribers.toArray(new TopicSubscription[0])) {
      try {
        subscription.accept(event);
      } catch (RuntimeException e) {
        // one broken socket must not cost the other subscribers the event
        LOG.error("Delivering {} #{} to a subscriber failed", clientTopic, event.seq(), e);
      }
    }
  }

  private void restartSubscribers() {
    for (TopicSubscription subscription : subscribers.toArray(new TopicSubscription[0])) {
      subscription.subscriber.dropForResync(subscription);
    }
  }

  private void cancelGapTimer() {
    if (gapTimer >= 0) {
      vertx.cancelTimer(gapTimer);
      gapTimer = -1;
    }
  }
}
