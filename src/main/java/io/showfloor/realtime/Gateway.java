package io.showfloor.realtime;

import io.showfloor.platform.Refused;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.http.InputScreen;
import io.showfloor.platform.http.WebSocketEndpoint;
import io.showfloor.platform.security.Authenticator;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket gateway of one HTTP verticle instance: every socket, feed and timer here lives on
 * that verticle's event loop, so nothing is shared between threads. Services publish on the event
 * bus; this gateway holds one consumer per topic its clients want, so it works unchanged on every
 * node of a cluster.
 */
final class Gateway implements WebSocketEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final Pattern OP = Pattern.compile("[a-z][a-zA-Z0-9_.-]{0,31}");
  private static final int MAX_REF_LENGTH = 64;

  private final Vertx vertx;
  private final EventPublisher events;
  private final Authenticator authenticator;
  private final GatewaySettings settings;
  private final GatewayMetrics metrics;
  private final Set<Connection> connections = new LinkedHashSet<>();
  private final Map<String, TopicFeed> feeds = new HashMap<>();

  /** Connections with coalesced frames waiting; one timer per gateway flushes them all. */
  private final Set<Connection> toFlush = new LinkedHashSet<>();

  private long flushTimer = -1;

  Gateway(
      Vertx vertx,
      EventPublisher events,
      Authenticator authenticator,
      GatewaySettings settings,
      GatewayMetrics metrics) {
    this.vertx = vertx;
    this.events = events;
    this.authenticator = authenticator;
    this.settings = settings;
    this.metrics = metrics;
    // created on the verticle's context, so the timer stops when the verticle is undeployed
    vertx.setPeriodic(settings.heartbeatSeconds() * 1000L, id -> heartbeat());
  }

  @Override
  public void accept(ServerWebSocket socket) {
    Connection connection =
        new Connection(
            socket, settings, metrics, this::release, wantsBatches(socket), this::flushLater);
    connections.add(connection);
    metrics.connections.incrementAndGet();
    socket.textMessageHandler(text -> onText(connection, text));
    socket.binaryMessageHandler(
        bytes -> {
          connection.heard();
          connection.sendError(
              Refused.invalid("invalid_frame", "Send JSON in text frames"), null, null);
        });
    socket.pongHandler(data -> connection.heard());
    socket.exceptionHandler(
        e -> LOG.debug("WebSocket error from {}: {}", socket.remoteAddress(), e.toString()));
    // the node is stopping: tell clients to reconnect elsewhere (1001 going away)
    socket.shutdownHandler(v -> connection.close((short) 1001, "server shutting down"));
    socket.closeHandler(v -> onClosed(connection));
  }

  /** {@code /ws?batch=1}: the client reads a JSON array of frames as those frames, in order. */
  private boolean wantsBatches(ServerWebSocket socket) {
    String query = socket.query();
    return settings.coalesceMillis() > 0
        && query != null
        && List.of(query.split("&")).contains("batch=1");
  }

  private void flushLater(Connection connection) {
    toFlush.add(connection);
    if (flushTimer < 0) {
      flushTimer =
          vertx.setTimer(
              settings.coalesceMillis(),
              id -> {
                flushTimer = -1;
                List<Connection> due = new ArrayList<>(toFlush);
                toFlush.clear();
                due.forEach(Connection::flush);
              });
    }
  }

  private void onClosed(Connection connection) {
    if (!connections.remove(connection)) {
      return;
    }
    metrics.connections.decrementAndGet();
    connection.markClosed().forEach(this::release);
  }

  private void heartbeat() {
    long now = System.currentTimeMillis();
    long idleLimit = settings.idleTimeoutSeconds() * 1000L;
    for (Connection connection : new ArrayList<>(connections)) {
      if (closedIfSuspended(connection, null, false)) {
        continue;
      }
      if (now - connection.lastHeardMillis > idleLimit) {
        connection.close((short) 1000, "idle timeout");
      } else {
        connection.ping();
      }
    }
  }

  /**
   * A socket signed in before its user was suspended must not go on bidding, chatting or receiving
   * the user's private frames: its next frame (or the next heartbeat) is answered account_suspended
   * and the socket is closed. The web app then finds its session gone.
   */
  private boolean closedIfSuspended(
      Connection connection, @Nullable Object ref, boolean reauthenticating) {
    if (connection.caller.isAnonymous()) {
      return false;
    }
    if (authenticator.isSuspended(connection.caller.userId())) {
      connection.sendError(
          Refused.forbidden("account_suspended", "This account is suspended"), ref, null);
      connection.close((short) 1008, "account suspended");
      return true;
    }
    // the same for a socket signed in before a password reset, logout, role removal …, unless this
    // frame signs it in again (with the token from the client's refresh)
    if (!reauthenticating
        && authenticator.credentialsEndedSince(
            connection.caller.userId(), connection.authenticatedAtMillis)) {
      connection.sendError(
          Refused.unauthenticated(
              "token_revoked",
              "The credentials this socket signed in with were ended; sign in again"),
          ref,
          null);
      connection.close((short) 1008, "credentials ended");
      return true;
    }
    return false;
  }

  /**
   * Why a stream signed in at {@code sinceMillis} must stop now (suspension, or credentials ended
   * by a password reset, logout, role removal …), or null while it may go on.
   */
  @Nullable Refused endedAccess(Caller caller, long sinceMillis) {
    if (authenticator.isSuspended(caller.userId())) {
      return Refused.forbidden("account_suspended", "This account is suspended");
    }
    if (authenticator.credentialsEndedSince(caller.userId(), sinceMillis)) {
      return Refused.unauthenticated(
          "token_revoked", "The credentials this stream was opened with were ended; sign in again");
    }
    return null;
  }

  GatewaySettings settings() {
    return settings;
  }

  GatewayMetrics metrics() {
    return metrics;
  }

  Vertx vertx() {
    return vertx;
  }

  private void onText(Connection connection, String text) {
    connection.heard();
    switch (connection.inbound.check(connection.lastHeardMillis)) {
      case DISCONNECT -> {
        connection.close((short) 1008, "too many messages");
        return;
      }
      case REFUSE_AND_WARN -> {
        connection.sendError(
            new Refused(
                Refused.Kind.RATE_LIMITED,
                "rate_limited",
                "At most " + settings.inboundPerSecond() + " frames per second"),
            null,
            null);
        return;
      }
      case REFUSE -> {
        return;
      }
      case ALLOW -> {}
    }
    if (text.length() > settings.maxFrameChars()) {
      connection.sendError(
          Refused.invalid(
              "frame_too_large",
              "A frame may have at most " + settings.maxFrameChars() + " characters"),
          null,
          null);
      return;
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(text);
    } catch (DecodeException e) {
      decoded = null;
    }
    if (!(decoded instanceof JsonObject frame)) {
      connection.sendError(
          Refused.invalid("invalid_json", "Each frame must be one JSON object"), null, null);
      return;
    }
    @Nullable Object ref = refOf(frame.getValue("ref"));
    // the same screen as the HTTP contract's: no NUL or lone surrogate reaches the database, no
    // out-of-range number or deep nesting reaches an operation
    String unfit = InputScreen.problem(frame);
    if (unfit != null) {
      connection.sendError(Refused.invalid("validation_failed", unfit), ref, null);
      return;
    }
    if (!(frame.getValue("op") instanceof String op)) {
      connection.sendError(Refused.invalid("invalid_frame", "Each frame needs an op"), ref, null);
      return;
    }
    if (connection.authenticated.isComplete()) {
      dispatch(connection, op, frame, ref);
    } else {
      connection.authenticated.onComplete(v -> dispatch(connection, op, frame, ref));
    }
  }

  private void dispatch(Connection connection, String op, JsonObject frame, @Nullable Object ref) {
    if (connection.closed() || closedIfSuspended(connection, ref, "auth".equals(op))) {
      return;
    }
    switch (op) {
      case "auth" -> auth(connection, frame, ref);
      case "subscribe" -> subscribe(connection, frame.getValue("topic"), ref);
      case "unsubscribe" -> unsubscribe(connection, frame.getValue("topic"), ref);
      case "ping" -> connection.send(ServerFrames.notice("pong", ref));
      default -> domainOp(connection, op, frame, ref);
    }
  }

  private void auth(Connection connection, JsonObject frame, @Nullable Object ref) {
    String token = frame.getValue("token") instanceof String s ? s : null;
    String apiKey = frame.getValue("apiKey") instanceof String s ? s : null;
    if ((token == null) == (apiKey == null)
        || (token != null && token.length() > 4096)
        || (apiKey != null && apiKey.length() > 200)) {
      connection.sendError(
          Refused.invalid("invalid_frame", "auth needs a token (or an apiKey)"), ref, null);
      return;
    }
    // taken before the check: credentials ended while it runs still end this socket
    long startedAt = System.currentTimeMillis();
    Future<Caller> caller =
        authenticator
            .authenticate(token == null ? null : "Bearer " + token, apiKey)
            .compose(this::withCurrentVerification);
    connection.authenticated =
        caller.<Void>transform(
            ar -> {
              if (connection.closed()) {
                return Future.succeededFuture();
              }
              if (ar.failed()) {
                // the socket stays open and anonymous: a viewer with an expired token still watches
                connection.sendError(
                    ar.cause() instanceof Refused refused
                        ? refused
                        : Refused.unauthenticated(
                            "invalid_token", "The token is invalid or expired"),
                    ref,
                    null);
              } else if (!connection.caller.isAnonymous()
                  && connection.caller.userId() != ar.result().userId()) {
                connection.sendError(
                    Refused.conflict(
                        "already_authenticated",
                        "This socket belongs to another user; open a new one"),
                    ref,
                    null);
              } else {
                // a fresh token for the same user (re-auth before expiry) just replaces the old one
                connection.caller = ar.result();
                connection.authenticatedAtMillis = startedAt;
                connection.send(
                    ServerFrames.notice("authenticated", ref)
                        .put("data", SocketApi.callerJson(connection.caller)));
              }
              return Future.succeededFuture();
            });
  }

  /**
   * A token minted before the user verified their email says "unverified"; ask the accounts once.
   */
  private Future<Caller> withCurrentVerification(Caller caller) {
    if (caller.isAnonymous() || caller.emailVerified()) {
      return Future.succeededFuture(caller);
    }
    return authenticator
        .isEmailVerified(caller.userId())
        .map(
            verified ->
                verified
                    ? new Caller(
                        caller.userId(),
                        caller.displayName(),
                        caller.roles(),
                        true,
                        caller.viaApiKey(),
                        caller.keyScopes())
                    : caller);
  }

  private void subscribe(Connection connection, @Nullable Object rawTopic, @Nullable Object ref) {
    // a key reads topics only with the read scope, as it reads over HTTP (and SSE, a GET)
    Refused lacking = connection.caller.scopeRefusal("read");
    if (lacking != null) {
      connection.sendError(
          lacking, ref, rawTopic instanceof String s && s.length() <= Topic.MAX_LENGTH ? s : null);
      return;
    }
    Topic topic;
    try {
      topic = Topic.parse(rawTopic, connection.caller);
    } catch (Refused e) {
      connection.sendError(
          e, ref, rawTopic instanceof String s && s.length() <= Topic.MAX_LENGTH ? s : null);
      return;
    }
    TopicSubscription previous = connection.subscriptions.remove(topic.name());
    if (previous != null) {
      // subscribing again means "start over": a fresh snapshot, then events after it
      release(previous);
    } else if (connection.subscriptions.size() >= settings.maxTopicsPerConnection()) {
      connection.sendError(
          Refused.invalid(
              "too_many_topics",
              "At most " + settings.maxTopicsPerConnection() + " topics per connection"),
          ref,
          topic.name());
      return;
    }
    connection.resubscribed(topic.name());
    TopicSubscription subscription = open(connection, topic);
    connection.subscriptions.put(topic.name(), subscription);
    begin(subscription, connection.caller, -1)
        .onFailure(
            cause -> {
              if (subscription.cancelled()) {
                return;
              }
              connection.subscriptions.remove(topic.name());
              release(subscription);
              connection.sendFailure(
                  cause, "unknown_topic", "No such topic kind: " + topic.kind(), ref, topic.name());
            });
  }

  /** A subscriber's new interest in a topic, on this gateway's one feed for it. */
  TopicSubscription open(Subscriber subscriber, Topic topic) {
    TopicFeed feed = feeds.get(topic.busTopic());
    if (feed == null) {
      feed = new TopicFeed(vertx, topic, events, settings.reorderMillis(), metrics);
      feeds.put(topic.busTopic(), feed);
      metrics.topics.incrementAndGet();
    }
    TopicSubscription subscription =
        new TopicSubscription(subscriber, topic, feed, settings.sendQueueLimit());
    feed.add(subscription);
    metrics.subscriptions.incrementAndGet();
    return subscription;
  }

  /**
   * Reads the topic's state and starts the subscription with it; fails (and sends nothing) when no
   * domain knows the topic. A client that already holds the topic up to {@code resumeAfter} and has
   * missed nothing gets no snapshot, only the events after it; on a gap it gets the snapshot.
   */
  Future<Void> begin(TopicSubscription subscription, Caller caller, long resumeAfter) {
    Topic topic = subscription.topic;
    // order matters: the consumer is live first, then the sequence is read, then the state;
    // so every event after the snapshot's sequence is either buffered or still to come
    JsonObject request =
        new JsonObject()
            .put("id", topic.snapshotId())
            .put("userId", caller.isAnonymous() ? null : caller.userId());
    return subscription
        .feed
        .ready()
        .compose(consumerLive -> events.currentSequence(topic.busTopic()))
        .compose(
            seq ->
                vertx
                    .eventBus()
                    .<JsonObject>request(
                        topic.snapshotAddress(),
                        request,
                        new DeliveryOptions().setSendTimeout(settings.snapshotTimeoutMillis()))
                    .map(
                        reply ->
                            ServerFrames.snapshot(topic.name(), seq, snapshotBody(reply))
                                .toBuffer())
                    .map(frame -> new Snapshot(seq, frame)))
        .map(
            snapshot -> {
              subscription.start(
                  snapshot.seq(), snapshot.seq() == resumeAfter ? null : snapshot.frame());
              return null;
            });
  }

  private record Snapshot(long seq, Buffer frame) {}

  private static JsonObject snapshotBody(Message<JsonObject> reply) {
    return reply.body() == null ? new JsonObject() : reply.body();
  }

  private void unsubscribe(Connection connection, @Nullable Object rawTopic, @Nullable Object ref) {
    if (!(rawTopic instanceof String name) || name.length() > Topic.MAX_LENGTH) {
      connection.sendError(
          Refused.invalid("invalid_topic", "unsubscribe needs the topic it subscribed to"),
          ref,
          null);
      return;
    }
    TopicSubscription subscription = connection.subscriptions.remove(name);
    if (subscription != null) {
      release(subscription);
    }
    connection.resubscribed(name);
    connection.send(ServerFrames.notice("unsubscribed", ref).put("topic", name));
  }

  /** Forgets a subscription; the topic's consumer goes when its last local subscriber does. */
  void release(TopicSubscription subscription) {
    if (subscription.cancelled()) {
      return;
    }
    subscription.cancel();
    metrics.subscriptions.decrementAndGet();
    TopicFeed feed = subscription.feed;
    if (feed.remove(subscription) && feeds.get(subscription.topic.busTopic()) == feed) {
      feeds.remove(subscription.topic.busTopic());
      metrics.topics.decrementAndGet();
      feed.close();
    }
  }

  private void domainOp(Connection connection, String op, JsonObject frame, @Nullable Object ref) {
    if (!OP.matcher(op).matches()) {
      connection.sendError(Refused.invalid("unknown_op", "Unknown op"), ref, null);
      return;
    }
    if (connection.opsInFlight >= settings.maxOpsInFlight()) {
      connection.sendError(
          new Refused(
              Refused.Kind.RATE_LIMITED,
              "rate_limited",
              "Wait for answers before sending more than "
                  + settings.maxOpsInFlight()
                  + " requests"),
          ref,
          null);
      return;
    }
    connection.opsInFlight++;
    JsonObject request = SocketApi.opCallerJson(connection.caller).put("frame", frame);
    vertx
        .eventBus()
        .<JsonObject>request(
            SocketApi.opAddress(op),
            request,
            new DeliveryOptions().setSendTimeout(settings.opTimeoutMillis()))
        .onComplete(
            ar -> {
              connection.opsInFlight--;
              if (ar.succeeded()) {
                connection.send(
                    ServerFrames.notice(op + ".result", ref).put("data", ar.result().body()));
              } else {
                connection.sendFailure(ar.cause(), "unknown_op", "Unknown op " + op, ref, null);
              }
            });
  }

  private static @Nullable Object refOf(@Nullable Object ref) {
    if (ref instanceof String s && s.length() <= MAX_REF_LENGTH) {
      return s;
    }
    return ref instanceof Number ? ref : null;
  }
}
