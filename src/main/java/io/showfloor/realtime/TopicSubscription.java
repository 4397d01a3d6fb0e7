package io.showfloor.realtime;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One connection's interest in one topic. Until its snapshot is sent it buffers the topic's events;
 * then it sends the snapshot, the buffered events newer than the snapshot, and from then on every
 * event as it comes. It never sends a frame older than one the client already has.
 */
final class TopicSubscription {
  final Subscriber subscriber;
  final Topic topic;
  final TopicFeed feed;
  private final int bufferLimit;

  /** Events held until the snapshot is sent; null once it is (or once cancelled). */
  private @Nullable List<TopicFeed.Event> waiting = new ArrayList<>();

  private long lastSeq;
  private boolean cancelled;

  TopicSubscription(Subscriber subscriber, Topic topic, TopicFeed feed, int bufferLimit) {
    this.subscriber = subscriber;
    this.topic = topic;
    this.feed = feed;
    this.bufferLimit = bufferLimit;
  }

  boolean cancelled() {
    return cancelled;
  }

  void cancel() {
    cancelled = true;
    waiting = null;
  }

  void accept(TopicFeed.Event event) {
    if (cancelled) {
      return;
    }
    if (waiting != null) {
      if (waiting.size() >= bufferLimit) {
        subscriber.overflowed(this);
      } else {
        waiting.add(event);
      }
      return;
    }
    if (event.seq() <= lastSeq) {
      return;
    }
    if (subscriber.offer(this, event.seq(), event.frame())) {
      lastSeq = event.seq();
    } else {
      subscriber.overflowed(this);
    }
  }

  /**
   * The snapshot arrived: it goes first, carrying the sequence number read before it was asked for.
   * A client resuming at exactly that sequence (an event stream's Last-Event-ID) already has that
   * state, so its snapshot frame is null and only the events after it follow.
   */
  void start(long snapshotSeq, io.vertx.core.buffer.@Nullable Buffer snapshotFrame) {
    if (cancelled) {
      return;
    }
    List<TopicFeed.Event> buffered = waiting;
    if (buffered == null) {
      return; // started already: a second snapshot must not resend what the first one covered
    }
    waiting = null;
    lastSeq = snapshotSeq;
    if (snapshotFrame != null && !subscriber.offer(this, snapshotSeq, snapshotFrame)) {
      subscriber.overflowed(this);
      return;
    }
    for (TopicFeed.Event event : buffered) {
      accept(event);
    }
  }
}
