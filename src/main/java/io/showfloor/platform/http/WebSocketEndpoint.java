package io.showfloor.platform.http;

import io.vertx.core.http.ServerWebSocket;

/** Takes over an accepted WebSocket at /ws (the real-time gateway). */
public interface WebSocketEndpoint {
  void accept(ServerWebSocket socket);
}
