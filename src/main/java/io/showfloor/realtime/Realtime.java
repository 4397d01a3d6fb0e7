package io.showfloor.realtime;

import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.WebSocketEndpoint;
import io.showfloor.platform.security.Authenticator;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The node's real-time gateway: one {@link Gateway} per HTTP verticle instance (asked for on that
 * instance's event loop), sharing the node's settings and metrics, and the event streams at {@code
 * /api/stream} those gateways serve.
 */
public final class Realtime implements Domain {
  private final Platform platform;
  private final Authenticator authenticator;
  private final GatewaySettings settings;
  private final GatewayMetrics metrics;

  public Realtime(Platform platform, Authenticator authenticator) {
    this.platform = platform;
    this.authenticator = authenticator;
    this.settings = GatewaySettings.from(platform.settings());
    this.metrics = new GatewayMetrics(platform.metrics());
  }

  /** Call on the HTTP verticle's context: the gateway's consumers and timers belong to it. */
  public WebSocketEndpoint gateway() {
    if (Vertx.currentContext() == null) {
      throw new IllegalStateException("A gateway is made on its HTTP verticle's event loop");
    }
    Gateway gateway =
        new Gateway(platform.vertx(), platform.events(), authenticator, settings, metrics);
    StreamEndpoints.register(gateway);
    return gateway;
  }

  /** {@code GET /api/stream}, served by the gateway of the request's event loop. */
  @Override
  public List<ApiRoutes> routes() {
    return List.of(new StreamEndpoints());
  }
}
