package io.showfloor.realtime;

import io.vertx.core.buffer.Buffer;

/**
 * Where a {@link TopicSubscription}'s frames go: a WebSocket ({@link Connection}) or a Server-Sent
 * Events response ({@link EventStream}). Both are bounded; what happens to a client that falls
 * behind is theirs to decide.
 */
interface Subscriber {
  /**
   * A topic frame (snapshot or event) with its sequence number: false when the client is too far
   * behind to take it.
   */
  boolean offer(TopicSubscription subscription, long seq, Buffer frame);

  /** The client cannot keep up with this topic. */
  void overflowed(TopicSubscription subscription);

  /** The topic's sequence counters started over: the client must start from a fresh snapshot. */
  void dropForResync(TopicSubscription subscription);
}
