package io.showfloor.realtime;

import io.showfloor.platform.Refused;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.Problems;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a domain plugs into the WebSocket gateway, over the event bus so it works on any node:
 *
 * <ul>
 *   <li>{@link #onSnapshot}: answers {@code snapshot.<kind>} with the current state of a topic
 *       ({@code lot:42} asks {@code snapshot.lot} with {@code {id: 42, userId}});
 *   <li>{@link #onOp}: handles a client frame {@code {op: "<op>", ref, …}} sent to {@code
 *       ws.op.<op>}; the client gets {@code {type: "<op>.result", ref, data}} or {@code {type:
 *       "error", ref, code, detail}}.
 * </ul>
 *
 * Fail with a {@link Refused} to send the client a stable code; anything else is logged and the
 * client sees {@code internal_error}. Handlers are registered per node ({@code localConsumer}), so
 * an op is handled where the client's socket is.
 */
public final class SocketApi {
  private static final Logger LOG = LoggerFactory.getLogger(SocketApi.class);

  private SocketApi() {}

  /**
   * A client's frame for a domain op, with who sent it (anonymous when the socket is not
   * authenticated).
   */
  public record SocketOp(Caller caller, JsonObject frame) {
    public Future<Caller> user() {
      return caller.isAnonymous()
          ? Future.failedFuture(
              Refused.unauthenticated("unauthorized", "Send {op:\"auth\", token} first"))
          : Future.succeededFuture(caller);
    }

    /**
     * Verification as of the socket's auth frame (the gateway re-reads it when the token predates
     * it).
     */
    public Future<Caller> verifiedUser() {
      return user()
          .compose(
              c ->
                  c.emailVerified()
                      ? Future.succeededFuture(c)
                      : Future.failedFuture(
                          Refused.forbidden(
                              "email_not_verified", "Verify your email address first")));
    }
  }

  /**
   * A topic's id as the client wrote it (a number for numeric ids, a string for market symbols).
   */
  public record SnapshotRequest(Object id, Long userId) {
    public long idAsLong() {
      if (id instanceof Number n) {
        return n.longValue();
      }
      throw Refused.notFound("not_found", "No such topic");
    }

    public String idAsString() {
      return String.valueOf(id);
    }
  }

  public static String opAddress(String op) {
    return "ws.op." + op;
  }

  public static String snapshotAddress(String kind) {
    return "snapshot." + kind;
  }

  /**
   * Handles {@code op}; {@code keyScope} is the scope an API key needs for it, the one its HTTP
   * twin needs ({@code read}, {@code trade}, {@code funds}): a socket authenticated with a key
   * lacking it gets {@code insufficient_scope}, as over HTTP, and the handler never runs.
   */
  public static MessageConsumer<JsonObject> onOp(
      Vertx vertx, String op, String keyScope, Function<SocketOp, Future<JsonObject>> handler) {
    return vertx
        .eventBus()
        .localConsumer(
            opAddress(op),
            message ->
                answer(
                    message,
                    () -> {
                      Caller caller = callerOf(message.body());
                      Refused lacking = caller.scopeRefusal(keyScope);
                      if (lacking != null) {
                        return Future.failedFuture(lacking);
                      }
                      return handler.apply(
                          new SocketOp(caller, message.body().getJsonObject("frame")));
                    }));
  }

  public static MessageConsumer<JsonObject> onSnapshot(
      Vertx vertx, String kind, Function<SnapshotRequest, Future<JsonObject>> handler) {
    return vertx
        .eventBus()
        .localConsumer(
            snapshotAddress(kind),
            message ->
                answer(
                    message,
                    () ->
                        handler.apply(
                            new SnapshotRequest(
                                message.body().getValue("id"), message.body().getLong("userId")))));
  }

  /**
   * Replies the result, or fails the message with the status and a JSON {code, detail} the gateway
   * decodes.
   */
  public static void answer(
      Message<JsonObject> message, java.util.function.Supplier<Future<JsonObject>> work) {
    Future<JsonObject> result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(
        ar -> {
          ApiError e = ar.succeeded() ? null : Problems.from(ar.cause(), 0);
          if (ar.succeeded()) {
            message.reply(ar.result());
          } else if (e != null) {
            message.fail(
                e.status(),
                new JsonObject()
                    .put("code", e.code())
                    .put("title", e.title())
                    .put("detail", e.detail())
                    .encode());
          } else {
            LOG.error("Handler for {} failed", message.address(), ar.cause());
            message.fail(500, new JsonObject().put("code", "internal_error").encode());
          }
        });
  }

  /** Turns a failed event-bus request into what the client should see. */
  static ApiError toApiError(Throwable failure, String noHandlerCode, String noHandlerDetail) {
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return ApiError.notFound(noHandlerCode, noHandlerDetail);
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new ApiError(504, "timeout", "Timeout", "No answer in time; try again");
      }
      int status = reply.failureCode();
      String message = reply.getMessage() == null ? "No detail given" : reply.getMessage();
      try {
        JsonObject body = new JsonObject(String.valueOf(reply.getMessage()));
        String code = body.getString("code", "internal_error");
        return new ApiError(
            status, code, body.getString("title", "Error"), body.getString("detail", code));
      } catch (DecodeException | ClassCastException notJson) {
        return switch (status) {
          case 400 -> ApiError.badRequest("bad_request", message);
          case 401 -> ApiError.unauthorized(message);
          case 403 -> ApiError.forbidden("forbidden", message);
          case 404 -> ApiError.notFound("not_found", message);
          case 409 -> ApiError.conflict("conflict", message);
          default ->
              new ApiError(
                  500, "internal_error", "Internal error", "Something went wrong on our side");
        };
      }
    }
    ApiError known = Problems.from(failure, 0);
    if (known != null) {
      return known;
    }
    return new ApiError(
        500, "internal_error", "Internal error", "Something went wrong on our side");
  }

  private static Caller callerOf(JsonObject body) {
    Long userId = body.getLong("userId");
    if (userId == null) {
      return Caller.ANONYMOUS;
    }
    Set<String> roles = new HashSet<>();
    body.getJsonArray("roles", new JsonArray()).forEach(r -> roles.add(String.valueOf(r)));
    JsonArray keyScopes = body.getJsonArray("apiKeyScopes");
    if (keyScopes == null) {
      return new Caller(
          userId,
          body.getString("displayName"),
          Set.copyOf(roles),
          body.getBoolean("emailVerified", false),
          false);
    }
    Set<String> scopes = new HashSet<>();
    keyScopes.forEach(scope -> scopes.add(String.valueOf(scope)));
    return new Caller(
        userId,
        body.getString("displayName"),
        Set.copyOf(roles),
        body.getBoolean("emailVerified", false),
        true,
        Set.copyOf(scopes));
  }

  /**
   * The caller as a socket op's handler gets it over the event bus: {@link #callerJson} and, for a
   * socket authenticated with an API key, the key's scopes.
   */
  static JsonObject opCallerJson(Caller caller) {
    JsonObject body = callerJson(caller);
    if (caller.viaApiKey()) {
      body.put("apiKeyScopes", new JsonArray(caller.keyScopes().stream().sorted().toList()));
    }
    return body;
  }

  static JsonObject callerJson(Caller caller) {
    JsonObject body = new JsonObject();
    if (!caller.isAnonymous()) {
      body.put("userId", caller.userId())
          .put("displayName", caller.displayName())
          .put("roles", new JsonArray(caller.roles().stream().sorted().toList()))
          .put("emailVerified", caller.emailVerified());
    }
    return body;
  }
}
