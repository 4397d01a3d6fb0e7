package io.showfloor.platform.http;

import io.showfloor.platform.NodeState;
import io.showfloor.platform.Platform;
import io.showfloor.platform.config.MetricsSettings;
import io.showfloor.platform.security.Authenticator;
import io.showfloor.platform.security.CallerAllowance;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
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
  private final List<PageRoutes> pages;
  private final Supplier<WebSocketEndpoint> webSockets;
  private final NodeState state;
  private final CallerAllowance allowance;
  private @Nullable HttpServer server;

  public HttpVerticle(
      Platform platform,
      Authenticator authenticator,
      List<ApiRoutes> routes,
      List<PageRoutes> pages,
      Supplier<WebSocketEndpoint> webSockets,
      NodeState state,
      CallerAllowance allowance) {
    this.allowance = allowance;
    this.platform = platform;
    this.state = state;
    this.authenticator = authenticator;
    this.routes = routes;
    this.pages = pages;
    this.webSockets = webSockets;
  }

  @Override
  public Future<?> start() {
    return platform
        .contract()
        .resolve(vertx)
        .compose(
            openapi -> {
              ValidatorCachingContract contract = new ValidatorCachingContract(openapi);
              RouterBuilder builder =
                  RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
              BodyLimits bodies =
                  new BodyLimits(
                      contract,
                      platform.http().bodyLimitBytes(),
                      platform.settings().dataDir().resolve("uploads-incoming"));
              builder.rootHandler(rc -> headAsGet(rc, contract));
              builder.rootHandler(RequestIds::assign);
              builder.rootHandler(new SecurityHeaders(platform.http())::handle);
              builder.rootHandler(AccessLog::handle);
              builder.rootHandler(
                  rc -> {
                    if (rc.request().path().startsWith("/api/")) {
                      bodies.handle(rc);
                    } else {
                      rc.next();
                    }
                  });
              Api api =
                  new Api(
                      builder,
                      authenticator,
                      new CallerGate(
                          platform.rateLimiter(),
                          platform.http().callerRequestsPerMinute(),
                          allowance,
                          new io.showfloor.platform.security.DeviceSightings(platform.db())));
              routes.forEach(r -> r.mount(api));
              Router router = builder.createRouter();
              if (platform.http().trustProxy()) {
                // behind a proxy that sets X-Forwarded-For itself, the client's address (rate
                // limits) comes from it
                router.allowForward(AllowForwardHeaders.X_FORWARD);
              }
              mountOperations(router);
              WebSocketEndpoint gateway = webSockets.get();
              HttpServerOptions options =
                  new HttpServerOptions()
                      .setPort(platform.http().port())
                      .setHost(platform.http().host())
                      .setCompressionSupported(true)
                      .setMaxWebSocketFrameSize(65_536)
                      // client frames are small; the gateway answers frame_too_large above
                      // realtime.maxFrameChars
                      .setMaxWebSocketMessageSize(65_536);
              return vertx
                  .createHttpServer(options)
                  .webSocketHandshakeHandler(
                      h -> {
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

  /**
   * HEAD is answered by the GET route of the same path (monitors use HEAD): the request is routed
   * as GET, and the server sends the headers of the answer without its body. An /api path with no
   * GET operation (only other methods) is left alone, so it answers 405.
   */
  private static void headAsGet(RoutingContext rc, OpenAPIContract contract) {
    String path = rc.request().path();
    if (rc.request().method() == HttpMethod.HEAD
        && (!path.startsWith("/api/")
            || contract.findPath(path) == null
            || contract.findOperation(path, HttpMethod.GET) != null)) {
      rc.reroute(HttpMethod.GET, rc.request().uri());
    } else {
      rc.next();
    }
  }

  private void mountOperations(Router router) {
    Health health = new Health(vertx, platform.db(), platform.redis(), platform.clustered(), state);
    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    MetricsAccess metricsAccess =
        new MetricsAccess(MetricsSettings.from(platform.settings()).token());
    router
        .get("/metrics")
        .handler(
            rc -> {
              switch (metricsAccess.check(
                  TcpPeer.isThisMachine(rc.request()), rc.request().getHeader("Authorization"))) {
                case ALLOWED ->
                    rc.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(platform.metrics().scrape());
                case UNAUTHORIZED -> {
                  rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
                  Problems.send(
                      rc,
                      ApiError.unauthorized(
                          "Send Authorization: Bearer with the metrics token (METRICS_TOKEN)"));
                }
                case NOT_FOUND -> Problems.send(rc, Problems.forStatus(404, null));
              }
            });
    String yaml = platform.contract().yaml();
    router
        .get("/openapi.yaml")
        .handler(rc -> rc.response().putHeader("Content-Type", "application/yaml").end(yaml));
    ApiDocs.mount(router);
    pages.forEach(page -> page.mount(router));
    WebApp.mount(router, vertx, platform.http().publicUrl());
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
    int timeout = platform.http().shutdownTimeoutSeconds();
    return server == null ? Future.succeededFuture() : server.shutdown(timeout, TimeUnit.SECONDS);
  }
}
