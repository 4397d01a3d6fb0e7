package io.showfloor.realtime;

import io.showfloor.platform.Refused;
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
import org.jspecify.annotations.Nullable;

/**
 * One client socket. Writes are bounded: at most {@code sendQueueLimit} frames (and the socket's
 * write queue in bytes) may wait to be flushed. A topic frame that does not fit is dropped along
 * with the subscription, and once the queue has drained the client is told {@code resync} for that
 * topic, so it subscribes again and starts over from a fresh snapshot. Replies to the client's own
 * frames get a little headroom; beyond it the client is disconnected.
 *
 * <p>A client that connected to {@code /ws?batch=1} gets its topic frames coalesced: frames offered
 * within {@code realtime.coalesceMillis} of each other leave as one WebSocket message, a JSON array
 * of frames (a lone frame is sent as itself). Every message is a socket write and, outside a read,
 * a flush: with thousands of viewers a busy topic would otherwise cost one system call per viewer
 * per event. Replies flush what is waiting first, so the client sees frames in the order they were
 * made.
 */
final class Connection implements Subscriber {
  private static final int REPLY_HEADROOM = 64;
  private static final Buffer PING = Buffer.buffer("hb");
  final ServerWebSocket socket;
  final Map<String, TopicSubscription> subscriptions = new HashMap<>();
  final InboundRate inbound;
  Caller caller = Caller.ANONYMOUS;

  /** When the current caller's credentials were checked (a later end of them closes the socket). */
  long authenticatedAtMillis;

  /**
   * Client frames wait for an auth frame in flight, so "auth then subscribe me" works without
   * waiting.
   */
  Future<Void> authenticated = Future.succeededFuture();

  long lastHeardMillis;
  int opsInFlight;
  private final GatewaySettings settings;
  private final GatewayMetrics metrics;
  private final Consumer<TopicSubscription> unsubscribe;
  private final Set<String> awaitingResync = new LinkedHashSet<>();

  /**
   * Frames waiting for the gateway's next flush; null when the client takes one frame per message.
   */
  /** Null when this client takes one frame per message (no batching). */
  private final @Nullable List<Buffer> outbox;

  private final Consumer<Connection> flushLater;
  private int pending;
  private boolean closed;

  Connection(
      ServerWebSocket socket,
      GatewaySettings settings,
      GatewayMetrics metrics,
      Consumer<TopicSubscription> unsubscribe,
      boolean coalesce,
      Consumer<Connection> flushLater) {
    this.socket = socket;
    this.outbox = coalesce ? new ArrayList<>() : null;
    this.flushLater = flushLater;
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
  List<TopicSubscription> markClosed() {
    closed = true;
    List<TopicSubscription> held = new ArrayList<>(subscriptions.values());
    subscriptions.clear();
    awaitingResync.clear();
    if (outbox != null) {
      outbox.clear();
    }
    metrics.pendingFrames.addAndGet(-pending);
    pending = 0;
    return held;
  }

  void heard() {
    lastHeardMillis = System.currentTimeMillis();
  }

  /** A topic frame (event or snapshot): false when the client is too far behind to take it. */
  @Override
  public boolean offer(TopicSubscription subscription, long seq, Buffer frame) {
    if (gone()) {
      // nothing to send to; the close handler releases the subscriptions
      return true;
    }
    if (pending >= settings.sendQueueLimit() || socket.writeQueueFull()) {
      return false;
    }
    if (outbox == null) {
      write(frame);
    } else {
      queue(outbox, frame);
      if (outbox.size() == 1) {
        flushLater.accept(this);
      }
    }
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
    if (outbox == null || outbox.isEmpty()) {
      write(frame.toBuffer());
    } else {
      queue(outbox, frame.toBuffer());
      flush();
    }
  }

  /** Sends what the outbox holds: one frame as itself, several as one JSON array. */
  void flush() {
    if (outbox == null || outbox.isEmpty()) {
      return;
    }
    if (gone()) {
      outbox.clear();
      return;
    }
    int count = outbox.size();
    Buffer message;
    if (count == 1) {
      message = outbox.get(0);
    } else {
      int size = count + 1;
      for (Buffer frame : outbox) {
        size += frame.length();
      }
      message = Buffer.buffer(size).appendByte((byte) '[');
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          message.appendByte((byte) ',');
        }
        message.appendBuffer(outbox.get(i));
      }
      message.appendByte((byte) ']');
    }
    outbox.clear();
    socket.writeFrame(ServerFrames.text(message)).onComplete(result -> written(result, count));
  }

  void sendError(Refused refused, @Nullable Object ref, @Nullable String topic) {
    metrics.error(refused.code());
    send(ServerFrames.error(refused, ref, topic));
  }

  /**
   * An operation or snapshot that failed on the event bus; {@code noHandler*} say what a missing
   * handler means.
   */
  void sendFailure(
      Throwable failure,
      String noHandlerCode,
      String noHandlerDetail,
      @Nullable Object ref,
      @Nullable String topic) {
    JsonObject frame = ServerFrames.failure(failure, noHandlerCode, noHandlerDetail, ref, topic);
    metrics.error(frame.getString("code"));
    send(frame);
  }

  /** The client cannot keep up with this topic: stop sending it and ask for a resubscribe later. */
  @Override
  public void overflowed(TopicSubscription subscription) {
    if (!subscription.cancelled()) {
      metrics.overflow();
      dropForResync(subscription);
    }
  }

  /** Ends the subscription and tells the client, once its queue allows, to subscribe again. */
  @Override
  public void dropForResync(TopicSubscription subscription) {
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

  /**
   * Closed by either side (the close handler may not have run yet); its write queue cannot be asked
   * then.
   */
  private boolean gone() {
    return closed || socket.isClosed();
  }

  private void write(Buffer frame) {
    count(1);
    socket.writeFrame(ServerFrames.text(frame)).onComplete(result -> written(result, 1));
  }

  /**
   * Takes the (non-null) outbox from the caller, which has just checked that this client batches.
   */
  private void queue(List<Buffer> outbox, Buffer frame) {
    count(1);
    outbox.add(frame);
  }

  private void count(int frames) {
    pending += frames;
    metrics.pendingFrames.addAndGet(frames);
    metrics.sent();
  }

  private void written(AsyncResult<Void> result, int frames) {
    if (closed) {
      return;
    }
    pending -= frames;
    metrics.pendingFrames.addAndGet(-frames);
    if (result.failed()) {
      return;
    }
    resyncIfDrained();
  }

  private void resyncIfDrained() {
    if (gone()
        || awaitingResync.isEmpty()
        || pending > settings.sendQueueLimit() / 2
        || socket.writeQueueFull()) {
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
