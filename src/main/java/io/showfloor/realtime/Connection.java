package io.showfloor.realtime;

import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.security.Caller;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One client socket. Writes are bounded: at most {@code sendQueueLimit} frames (and the socket's
 * write queue in bytes) may wait to be flushed. A topic frame that does not fit is dropped along
 * with the subscription, and once the queue has drained the client is told {@code resync} for that
 * topic, so it subscribes again and starts over from a fresh snapshot. Replies to the client's own
 * frames get a little headroom; beyond it the client is disconnected.
 */
final class Connection {
  private static final int REPLY_HEADROOM = 64;
  private static final Buffer PING = Buffer.buffer("hb");
  final ServerWebSocket socket;
  final Map<String, Subscription> subscriptions = new HashMap<>();
  final InboundRate inbound;
  Caller caller = Caller.ANONYMOUS;
  /** Client frames wait for an auth frame in flight, so "auth then subscribe me" works without waiting. */
  Future<Void> authenticated = Future.succeededFuture();
  long lastHeardMillis;
  int opsInFlight;
  private final GatewaySettings settings;
  private final GatewayMetrics metrics;
  private final Consumer<Subscription> unsubscribe;
  private final Set<String> awaitingResync = new LinkedHashSet<>();
  private int pending;
  private boolean closed;

  Connection(ServerWebSocket socket, GatewaySettings settings, GatewayMetrics metrics, Consumer<Subscription> unsubscribe) {
    this.socket = socket;
    this.settings = settings;
    this.metrics = metrics;
    this.unsubscribe = unsubscribe;
    this.inbound = new InboundRate(settings.inboundPerSecond());
    this.lastHeardMillis = System.currentTimeMillis();
    socket.setWriteQueueMaxSize(settings.writeQueueBytes());
    socket.drainHandler(v -> resyncIfDrained());
  }

  boolean closed() {
    return closed;
  }

  /** Marks the socket gone and hands back its subscriptions for the gateway to release. */
  List<Subscription> markClosed() {
    closed = true;
    List<Subscription> held = new ArrayList<>(subscriptions.values());
    subscriptions.clear();
    awaitingResync.clear();
    metrics.pendingFrames.addAndGet(-pending);
    pending = 0;
    return held;
  }

  void heard() {
    lastHeardMillis = System.currentTimeMillis();
  }

  /** A topic frame (event or snapshot): false when the client is too far behind to take it. */
  boolean offer(Buffer frame) {
    if (gone()) {
      // nothing to send to; the close handler releases the subscriptions
      return true;
    }
    if (pending >= settings.sendQueueLimit() || socket.writeQueueFull()) {
      return false;
    }
    write(frame);
    return true;
  }

  /** A reply or notice the client asked for by sending a frame. */
  void send(JsonObject frame) {
    if (gone()) {
      return;
    }
    if (pending >= settings.sendQueueLimit() + REPLY_HEADROOM) {
      close((short) 1008, "not reading its frames");
      return;
    }
    write(frame.toBuffer());
  }

  void sendError(ApiError error, Object ref, String topic) {
    metrics.error(error.code());
    send(ServerFrames.error(error, ref, topic));
  }

  /** The client cannot keep up with this topic: stop sending it and ask for a resubscribe later. */
  void overflowed(Subscription subscription) {
    if (!subscription.cancelled()) {
      metrics.overflow();
      dropForResync(subscription);
    }
  }

  /** Ends the subscription and tells the client, once its queue allows, to subscribe again. */
  void dropForResync(Subscription subscription) {
    if (subscription.cancelled()) {
      return;
    }
    subscriptions.remove(subscription.topic.name());
    unsubscribe.accept(subscription);
    awaitingResync.add(subscription.topic.name());
    resyncIfDrained();
  }

  /** A new subscribe for the topic makes a pending resync notice pointless. */
  void resubscribed(String topic) {
    awaitingResync.remove(topic);
  }

  void close(short status, String reason) {
    if (!gone()) {
      socket.close(status, reason);
    }
  }

  void ping() {
    if (!gone()) {
      socket.writePing(PING);
    }
  }

  /** Closed by either side (the close handler may not have run yet); its write queue cannot be asked then. */
  private boolean gone() {
    return closed || socket.isClosed();
  }

  private void write(Buffer frame) {
    pending++;
    metrics.pendingFrames.incrementAndGet();
    metrics.sent();
    socket.writeFrame(ServerFrames.text(frame)).onComplete(this::written);
  }

  private void written(AsyncResult<Void> result) {
    if (closed) {
      return;
    }
    pending--;
    metrics.pendingFrames.decrementAndGet();
    if (result.failed()) {
      return;
    }
    resyncIfDrained();
  }

  private void resyncIfDrained() {
    if (gone() || awaitingResync.isEmpty() || pending > settings.sendQueueLimit() / 2 || socket.writeQueueFull()) {
      return;
    }
    List<String> topics = new ArrayList<>(awaitingResync);
    awaitingResync.clear();
    for (String topic : topics) {
      metrics.resync();
      send(ServerFrames.notice("resync", null).put("topic", topic));
    }
  }
}
