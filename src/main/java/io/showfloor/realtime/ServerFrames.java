package io.showfloor.realtime;

import io.showfloor.platform.Refused;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.RefusalStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway sends. Topic frames are {@code {topic, type, seq, serverTime, data}}; replies
 * and notices ({@code pong}, {@code error}, {@code resync}, {@code <op>.result} …) carry {@code
 * type} and {@code serverTime}, plus {@code topic} and the client's {@code ref} when they answer
 * one.
 */
final class ServerFrames {
  private ServerFrames() {}

  static JsonObject snapshot(String topic, long seq, JsonObject state) {
    return new JsonObject()
        .put("topic", topic)
        .put("type", "snapshot")
        .put("seq", seq)
        .put("serverTime", Instant.now().toString())
        .put("data", state);
  }

  static JsonObject notice(String type, @Nullable Object ref) {
    JsonObject frame =
        new JsonObject().put("type", type).put("serverTime", Instant.now().toString());
    if (ref != null) {
      frame.put("ref", ref);
    }
    return frame;
  }

  static JsonObject error(Refused refused, @Nullable Object ref, @Nullable String topic) {
    return error(RefusalStatus.toApiError(refused), ref, topic);
  }

  static JsonObject failure(
      Throwable failure,
      String noHandlerCode,
      String noHandlerDetail,
      @Nullable Object ref,
      @Nullable String topic) {
    return error(SocketApi.toApiError(failure, noHandlerCode, noHandlerDetail), ref, topic);
  }

  private static JsonObject error(ApiError error, @Nullable Object ref, @Nullable String topic) {
    JsonObject frame =
        notice("error", ref)
            .put("code", error.code())
            .put("status", error.status())
            .put("detail", error.detail());
    if (topic != null) {
      frame.put("topic", topic);
    }
    return frame;
  }

  /**
   * A text frame over bytes encoded once: every subscriber's frame shares them (the public {@code
   * WebSocketFrame.textFrame} takes a String and encodes it again for each socket).
   */
  static WebSocketFrame text(Buffer utf8Json) {
    return new WebSocketFrameImpl(
        WebSocketFrameType.TEXT, ((BufferInternal) utf8Json).getByteBuf(), true);
  }
}
