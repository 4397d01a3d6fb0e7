package io.showfloor.realtime;

import io.showfloor.platform.Refused;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code GET /api/stream} response: the same topic frames as a WebSocket subscription, written
 * as Server-Sent Events whose {@code id} is the stream's {@link StreamCursor}. Frames made before
 * every topic's snapshot is in wait, so a bad topic can still be answered with a problem instead of
 * a stream. Bounded like a socket: at most {@code sendQueueLimit} frames and {@code
 * writeQueueBytes} may wait; a client that falls further behind has its stream ended, and
 * reconnects with Last-Event-ID to a snapshot of what it missed.
 */
final class EventStream implements Subscriber {
  private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");
  private final Gateway gateway;
  private final HttpServerResponse response;
  private final Caller caller;
  private final StreamCursor cursor;
  private final long openedAtMillis = System.currentTimeMillis();
  private final Map<String, TopicSubscription> subscriptions = new LinkedHashMap<>();
  private final Promise<Void> ended = Promise.promise();

  /** Frames made before the stream opened; null once it has. */
  private @Nullable List<Buffer> early = new ArrayList<>();

  private int pending;
  private long heartbeatTimer = -1;
  private boolean closed;

  EventStream(Gateway gateway, HttpServerResponse response, Caller caller, StreamCursor cursor) {
    this.gateway = gateway;
    this.response = response;
    this.caller = caller;
    this.cursor = cursor;
    response.setWriteQueueMaxSize(gateway.settings().writeQueueBytes());
    response.closeHandler(v -> finish());
  }

  /** Subscribes to every topic; fails (and subscribes to none) when one cannot be followed. */
  Future<Void> follow(List<Topic> topics) {
    cursor.retain(topics.stream().map(Topic::name).toList());
    List<Future<Void>> started = new ArrayList<>();
    for (Topic topic : topics) {
      TopicSubscription subscription = gateway.open(this, topic);
      subscriptions.put(topic.name(), subscription);
      started.add(
          gateway
              .begin(subscription, caller, cursor.position(topic.name()))
              .recover(cause -> Future.failedFuture(refusal(cause, topic))));
    }
    return Future.all(started).<Void>mapEmpty().onFailure(cause -> finish());
  }

  /**
   * A topic kind no domain answers for is a bad query (400 unknown_topic, the socket's code); a
   * domain's own refusal (404 instrument_not_found for an unknown symbol) passes through.
   */
  private static ApiError refusal(Throwable cause, Topic topic) {
    if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return ApiError.badRequest("unknown_topic", "No such topic kind: " + topic.kind());
    }
    return SocketApi.toApiError(cause, "unknown_topic", "No such topic: " + topic.name());
  }

  /** Sends the headers and what waited; completes when the stream ends, from either side. */
  Future<Void> open() {
    List<Buffer> waiting = early;
    early = null;
    if (closed || waiting == null) {
      return Future.failedFuture(
          new Refused(
              Refused.Kind.UNAVAILABLE, "stream_overflow", "Too many frames at once; reconnect"));
    }
    gateway.metrics().streams.incrementAndGet();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        // frames must leave as they are made: no gzip buffering them, no proxy holding them back
        .putHeader("Content-Encoding", "identity")
        .putHeader("X-Accel-Buffering", "no");
    write(Buffer.buffer("retry: 2000\n: stream open\n\n"));
    waiting.forEach(this::write);
    long heartbeatMillis = gateway.settings().heartbeatSeconds() * 1000L;
    heartbeatTimer = gateway.vertx().setPeriodic(heartbeatMillis, id -> heartbeat());
    return ended.future();
  }

  @Override
  public boolean offer(TopicSubscription subscription, long seq, Buffer frame) {
    if (closed) {
      return true;
    }
    List<Buffer> waiting = early;
    if (waiting != null ? waiting.size() >= gateway.settings().sendQueueLimit() : tooFarBehind()) {
      return false;
    }
    cursor.advance(subscription.topic.name(), seq);
    Buffer event =
        Buffer.buffer(frame.length() + 64)
            .appendString("id: " + cursor.id() + "\ndata: ", "UTF-8")
            .appendBuffer(frame)
            .appendString("\n\n");
    if (waiting != null) {
      waiting.add(event);
    } else {
      write(event);
    }
    gateway.metrics().sent();
    return true;
  }

  @Override
  public void overflowed(TopicSubscription subscription) {
    gateway.metrics().overflow();
    end();
  }

  @Override
  public void dropForResync(TopicSubscription subscription) {
    end();
  }

  private boolean tooFarBehind() {
    return pending >= gateway.settings().sendQueueLimit() || response.writeQueueFull();
  }

  private void heartbeat() {
    Refused refused = gateway.endedAccess(caller, openedAtMillis);
    if (refused != null) {
      gateway.metrics().error(refused.code());
      write(
          Buffer.buffer("data: ")
              .appendBuffer(ServerFrames.error(refused, null, null).toBuffer())
              .appendString("\n\n"));
      end();
    } else {
      write(HEARTBEAT);
    }
  }

  private void write(Buffer bytes) {
    if (closed || response.closed()) {
      return;
    }
    pending++;
    response.write(bytes).onComplete(done -> pending--);
  }

  /** Ends the response (the client reconnects); the close handler may never run for an end. */
  void end() {
    if (!closed && early == null && !response.ended() && !response.closed()) {
      response.end();
    }
    finish();
  }

  private void finish() {
    if (closed) {
      return;
    }
    closed = true;
    if (early == null) {
      gateway.metrics().streams.decrementAndGet();
    }
    if (heartbeatTimer >= 0) {
      gateway.vertx().cancelTimer(heartbeatTimer);
    }
    subscriptions.values().forEach(gateway::release);
    subscriptions.clear();
    ended.tryComplete();
  }
}
