package io.showfloor.platform.http;

import io.showfloor.platform.Platform;
import io.showfloor.platform.security.Authenticator;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Serves HTTP on one event loop: the API (validated against the contract), /ws, health, metrics,
 * the contract itself and the web app. Deployed once per core; all instances share the port.
 */
public final class HttpVerticle extends VerticleBase {
  private final Platform platform;
  private final Authenticator authenticator;
  private final List<ApiRoutes> routes;
  private final Supplier<WebSocketEndpoint> webSockets;
  private @Nullable HttpServer server;

  public HttpVerticle(Platform platform, Authenticator authenticator, List<ApiRoutes> routes,
                      Supplier<WebSocketEndpoint> webSockets) {
    this.platform = platform;
    this.authenticator = authenticator;
    this.routes = routes;
    this.webSockets = webSockets;
  }

  @Override
  public Future<?> start() {
    return platform.contract().resolve(vertx).compose(openapi -> {
      RouterBuilder builder = RouterBuilder.create(vertx, new ValidatorCachingContract(openapi),
          RequestExtractor.withBodyHandler());
      BodyHandler body = BodyHandler.create(false)
          .setBodyLimit(platform.settings().longValue("http.bodyLimitBytes", 1_048_576));
      builder.rootHandler(RequestIds::assign);
      builder.rootHandler(AccessLog::handle);
      builder.rootHandler(rc -> {
        if (rc.request().path().startsWith("/api/")) {
          body.handle(rc);
        } else {
          rc.next();
        }
      });
      Api api = new Api(builder, authenticator);
      routes.forEach(r -> r.mount(api));
      Router router = builder.createRouter();
      if (platform.settings().bool("http.trustProxy", false)) {
        // behind a proxy that sets X-Forwarded-For itself, the client's address (rate limits) comes from it
        router.allowForward(AllowForwardHeaders.X_FORWARD);
      }
      mountOperations(router);
      WebSocketEndpoint gateway = webSockets.get();
      HttpServerOptions options = new HttpServerOptions()
          .setPort(platform.settings().port("http.port", 8080))
          .setHost(platform.settings().string("http.host", "0.0.0.0"))
          .setCompressionSupported(true)
          .setMaxWebSocketFrameSize(65_536)
          // client frames are small; the gateway answers frame_too_large above realtime.maxFrameChars
          .setMaxWebSocketMessageSize(65_536);
      return vertx.createHttpServer(options)
          .webSocketHandshakeHandler(h -> {
            if ("/ws".equals(h.path())) {
              h.accept();
            } else {
              h.reject(404);
            }
          })
          .webSocketHandler(gateway::accept)
          .requestHandler(router)
          .listen()
          .onSuccess(s -> server = s);
    });
  }

  private void mountOperations(Router router) {
    Health health = new Health(platform);
    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    router.get("/metrics").handler(rc -> rc.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(platform.metrics().scrape()));
    String yaml = platform.contract().yaml();
    router.get("/openapi.yaml").handler(rc -> rc.response()
        .putHeader("Content-Type", "application/yaml").end(yaml));
    WebApp.mount(router);
    router.route().failureHandler(Problems::handleFailure);
    for (int status : new int[] {400, 404, 405, 413, 415}) {
      router.errorHandler(status, rc -> Problems.send(rc, Problems.forStatus(status, null)));
    }
    router.errorHandler(500, Problems::handleFailure);
  }

  /**
   * Stops accepting, lets in-flight requests finish (up to http.shutdownTimeoutSeconds) and tells
   * WebSocket clients the node is going away (the gateway closes them with 1001).
   */
  @Override
  public Future<?> stop() {
    int timeout = platform.settings().integer("http.shutdownTimeoutSeconds", 20);
    return server == null ? Future.succeededFuture() : server.shutdown(timeout, TimeUnit.SECONDS);
  }
}
