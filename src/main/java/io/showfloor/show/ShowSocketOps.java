package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.realtime.SocketApi;
import io.showfloor.realtime.SocketApi.SocketOp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.jspecify.annotations.Nullable;

/**
 * The show's part of the WebSocket protocol: the {@code show:<id>} snapshot, and two ops a watching
 * client sends on the socket it already holds:
 *
 * <ul>
 *   <li>{@code {op:"presence", showId, sessionId?, ref}} → {@code presence.result {viewerCount,
 *       heartbeatSeconds}}; send it every heartbeatSeconds — when the connection dies the
 *       heartbeats stop and the viewer stops counting after the window, close frame or not;
 *   <li>{@code {op:"chat", showId, text, ref}} → {@code chat.result} with the stored message (the
 *       same rules as POST /api/shows/{id}/chat; the ref is the idempotency key).
 * </ul>
 */
final class ShowSocketOps {
  private ShowSocketOps() {}

  static Future<Void> register(
      Vertx vertx, ShowSnapshots snapshots, Heartbeats heartbeats, Chat chat) {
    return Future.all(
            SocketApi.onSnapshot(
                    vertx,
                    "show",
                    req ->
                        snapshots.snapshot(req.idAsLong(), req.userId() == null ? 0 : req.userId()))
                .completion(),
            SocketApi.onOp(
                    vertx,
                    "presence",
                    "trade",
                    op ->
                        heartbeats.beat(op.caller(), showId(op), string(op, "sessionId", 64), null))
                .completion(),
            SocketApi.onOp(
                    vertx,
                    "chat",
                    "trade",
                    op ->
                        op.user()
                            .compose(
                                caller ->
                                    chat.send(
                                        caller,
                                        showId(op),
                                        string(op, "text", 4000),
                                        op.frame().getValue("ref") == null
                                            ? null
                                            : "ws:" + op.frame().getValue("ref")))
                            .map(ChatMessage::toJson))
                .completion())
        .mapEmpty();
  }

  private static long showId(SocketOp op) {
    Object id = op.frame().getValue("showId");
    if (id instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    throw Refused.invalid("invalid_frame", "showId must be a positive integer");
  }

  private static @Nullable String string(SocketOp op, String field, int max) {
    Object value = op.frame().getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.length() > max) {
      throw Refused.invalid(
          "invalid_frame", field + " must be a string of at most " + max + " characters");
    }
    return s;
  }
}
