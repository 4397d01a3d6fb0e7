package io.showfloor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client on /ws for tests: every text frame the server sends is queued as JSON and
 * awaited from the test thread, in the order it arrived.
 */
public final class TestSocket implements AutoCloseable {
  /**
   * The clients' own Vert.x, apart from the node's, so a test cannot borrow the server's event
   * loops.
   */
  private static final Vertx CLIENTS = Vertx.vertx();

  private static final long WAIT_SECONDS = 10;
  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicInteger messages =
      new java.util.concurrent.atomic.AtomicInteger();

  private TestSocket(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(
        text -> {
          messages.incrementAndGet();
          if (text.startsWith("[")) {
            // a client on /ws?batch=1 may get several frames in one message, in order
            new io.vertx.core.json.JsonArray(text).forEach(frame -> frames.add((JsonObject) frame));
          } else {
            frames.add(new JsonObject(text));
          }
        });
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
  }

  public static TestSocket open(int port) {
    return open(port, new WebSocketClientOptions());
  }

  public static TestSocket open(int port, WebSocketClientOptions options) {
    return open(port, options, "/ws");
  }

  /** A client of a node on another address (a cluster node inside a network namespace). */
  public static TestSocket open(String host, int port) {
    return open(host, port, new WebSocketClientOptions(), "/ws");
  }

  /** A client that takes coalesced frames (JSON arrays of frames), as the web app does. */
  public static TestSocket openBatched(int port) {
    return open(port, new WebSocketClientOptions(), "/ws?batch=1");
  }

  private static TestSocket open(int port, WebSocketClientOptions options, String uri) {
    return open("127.0.0.1", port, options, uri);
  }

  private static TestSocket open(
      String host, int port, WebSocketClientOptions options, String uri) {
    WebSocketClient client =
        CLIENTS.createWebSocketClient(options.setMaxMessageSize(64 * 1024 * 1024));
    try {
      return new TestSocket(
          client, client.connect(port, host, uri).await(WAIT_SECONDS, TimeUnit.SECONDS));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "No WebSocket connection to port " + port + " in " + WAIT_SECONDS + " s");
    }
  }

  /** WebSocket messages received so far (a coalesced message holds several frames). */
  public int messages() {
    return messages.get();
  }

  public TestSocket send(JsonObject frame) {
    return sendText(frame.encode());
  }

  public TestSocket sendText(String text) {
    socket.writeTextMessage(text).await();
    return this;
  }

  /** The next frame from the server; fails the test when none comes in time. */
  public JsonObject next() {
    try {
      JsonObject frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (frame == null) {
        throw new AssertionError("No frame from the server within " + WAIT_SECONDS + " s");
      }
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame if one comes within the time, else null. */
  public JsonObject nextWithin(long millis) {
    try {
      return frames.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame, asserting its type. */
  public JsonObject next(String type) {
    JsonObject frame = next();
    assertEquals(type, frame.getString("type"), "unexpected frame " + frame.encode());
    return frame;
  }

  /** Skips frames until one matches (for tests that do not care about what comes before it). */
  public JsonObject nextMatching(Predicate<JsonObject> wanted) {
    while (true) {
      JsonObject frame = next();
      if (wanted.test(frame)) {
        return frame;
      }
    }
  }

  /** Asserts that nothing arrives for a while. */
  public void expectSilence(long millis) {
    try {
      JsonObject frame = frames.poll(millis, TimeUnit.MILLISECONDS);
      assertNull(frame, () -> "expected no frame, got " + frame.encode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** An error frame with this code (and the ref or topic it answers, when given). */
  public JsonObject expectError(String code) {
    JsonObject frame = next("error");
    assertEquals(code, frame.getString("code"), frame.encode());
    return frame;
  }

  public JsonObject auth(String token) {
    send(new JsonObject().put("op", "auth").put("token", token));
    return next("authenticated");
  }

  /** Subscribes and returns the first frame on the topic (a snapshot, or an error). */
  public JsonObject subscribe(String topic) {
    send(new JsonObject().put("op", "subscribe").put("topic", topic));
    return next();
  }

  /** Stops reading: the server's frames pile up in the TCP buffers. */
  public void pause() {
    socket.pause();
  }

  public void resume() {
    socket.resume();
  }

  /** Waits for the server to close the socket and returns the close status it sent. */
  public Short awaitClose() {
    try {
      return closed.get(WAIT_SECONDS * 3, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("The server did not close the socket: " + e);
    }
  }

  public boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      socket.close().await();
    }
    client.close();
  }
}
