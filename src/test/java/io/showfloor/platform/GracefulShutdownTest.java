package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stopping a node is graceful")
class GracefulShutdownTest {

  @Test
  @DisplayName(
      "a request in flight completes while the node stops, new connections are refused and WebSockets get 1001")
  void inFlightRequestCompletes() throws Exception {
    Users.TestUser user = Users.create();
    Showfloor node =
        Showfloor.start(
            TestNode.sharingInfrastructure("graceful").with("http.shutdownTimeoutSeconds", 15));
    int port = node.port();
    CompletableFuture<Void> stopped = null;
    try (TestSocket ws = TestSocket.open(port);
        Socket http = new Socket("127.0.0.1", port)) {
      ws.send(new JsonObject().put("op", "ping"));
      ws.next("pong");

      // the request is under way: its head is in, half its body still to come
      String body = "{\"pad\":1}";
      OutputStream out = http.getOutputStream();
      out.write(
          ("GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + user.accessToken()
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body.substring(0, 4))
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(200);

      stopped = CompletableFuture.runAsync(node::stop);
      Eventually.until(() -> !accepts(port), "the node stops accepting connections");
      assertEquals(
          (short) 1001, ws.awaitClose(), "WebSocket clients are told the node is going away");
      assertTrue(!stopped.isDone(), "the node waits for the request in flight");

      out.write(body.substring(4).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = readResponse(http.getInputStream());
      assertTrue(response.startsWith("HTTP/1.1 200"), response);
      assertTrue(
          response.contains("\"id\":" + user.id()),
          "the request could still use the database: " + response);

      stopped.get(15, TimeUnit.SECONDS);
    } finally {
      if (stopped == null) {
        node.stop();
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** Reads one HTTP/1.1 response with a Content-Length body. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    int contentLength = -1;
    int headerEnd = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return text.toString();
      }
      text.append((char) b);
      if (headerEnd < 0
          && text.length() >= 4
          && text.substring(text.length() - 4).equals("\r\n\r\n")) {
        headerEnd = text.length();
        for (String line : text.toString().split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            contentLength = Integer.parseInt(line.substring(15).trim());
          }
        }
        if (contentLength <= 0) {
          return text.toString();
        }
      }
      if (headerEnd >= 0 && text.length() - headerEnd >= contentLength) {
        return text.toString();
      }
    }
  }
}
