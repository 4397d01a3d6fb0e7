package io.showfloor.realtime;

import io.showfloor.platform.Refused;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/stream?topics=market:ACME,me}: the WebSocket's topics as Server-Sent Events, for
 * clients that cannot or would rather not hold a socket (curl, bots, serverless functions). Served
 * by the gateway of the event loop the request arrived on, so it shares that gateway's feeds.
 */
final class StreamEndpoints implements ApiRoutes {
  private static final String GATEWAY_KEY = Gateway.class.getName();

  /** Remembers the gateway of the current HTTP verticle instance for its event-stream requests. */
  static void register(Gateway gateway) {
    Context context = Vertx.currentContext();
    if (context != null) {
      context.put(GATEWAY_KEY, gateway);
    }
  }

  @Override
  public void mount(Api api) {
    api.on("openEventStream", this::open);
  }

  private Future<Reply> open(ApiRequest request) {
    Context context = Vertx.currentContext();
    Gateway gateway = context == null ? null : context.get(GATEWAY_KEY);
    if (gateway == null) {
      return Future.failedFuture(
          new Refused(Refused.Kind.UNAVAILABLE, "unavailable", "Streams are not served here"));
    }
    return request
        .user()
        .compose(
            caller -> {
              List<Topic> topics = topics(request.query("topics"), caller, gateway.settings());
              EventStream stream =
                  new EventStream(
                      gateway,
                      request.context().response(),
                      caller,
                      StreamCursor.parse(request.header("Last-Event-ID")));
              var connection = request.context().request().connection();
              if (connection != null) {
                // the node is stopping: end the stream so the client reconnects to another one
                connection.shutdownHandler(v -> stream.end());
              }
              // the response is written by the stream; the reply only completes the request
              return stream.follow(topics).compose(v -> stream.open()).map(v -> Reply.noContent());
            });
  }

  /**
   * The query's topics, each checked as a socket's subscribe would be, at most the socket's number.
   */
  static List<Topic> topics(String query, Caller caller, GatewaySettings settings) {
    Map<String, Topic> topics = new LinkedHashMap<>();
    for (String name : query == null ? new String[] {""} : query.split(",", -1)) {
      Topic topic = Topic.parse(name.trim(), caller);
      topics.put(topic.name(), topic);
    }
    if (topics.size() > settings.maxTopicsPerConnection()) {
      throw Refused.invalid(
          "too_many_topics",
          "At most " + settings.maxTopicsPerConnection() + " topics per connection");
    }
    return new ArrayList<>(topics.values());
  }
}
