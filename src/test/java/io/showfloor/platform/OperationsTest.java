package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.platform.logging.LogContext;
import io.showfloor.testing.Api;
import io.showfloor.testing.CapturedLogs;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@DisplayName("Operations: health, metrics and JSON logs with request ids")
class OperationsTest {
  private static final Logger LOG = LoggerFactory.getLogger("test.operations");
  private final Showfloor node = TestNode.get();
  private final Api api = TestNode.api();

  @Test
  @DisplayName(
      "/health/live and /health/ready answer UP with the database, Redis and cluster checks")
  void health() {
    assertEquals("UP", api.get("/health/live").expect(200).json().getString("status"));
    JsonObject ready = api.get("/health/ready").expect(200).json();
    assertEquals("UP", ready.getString("status"));
    JsonObject checks = ready.getJsonObject("checks");
    assertEquals("UP", checks.getString("database"));
    assertEquals("UP", checks.getString("redis"));
    assertEquals("standalone", checks.getString("cluster"));
  }

  @Test
  @DisplayName(
      "/metrics is Prometheus text with HTTP server, event bus, pool, JVM and WebSocket metrics")
  void metrics() {
    api.get("/health/ready").expect(200);
    try (TestSocket ws = TestSocket.open(node.port())) {
      ws.send(new JsonObject().put("op", "ping"));
      ws.next("pong");
      node.platform().events().publish("probe:metrics", "tick", new JsonObject()).await();
      String body = api.get("/metrics").expect(200).body();
      for (String name :
          List.of(
              "vertx_http_server_requests_total{",
              "vertx_http_server_response_time_seconds",
              "vertx_eventbus_published_total",
              "vertx_eventbus_received_total",
              "vertx_pool_in_use{pool_name=\"postgresql\",pool_type=\"sql\"}",
              "vertx_pool_queue_pending{pool_name=\"redis\",pool_type=\"redis\"}",
              "vertx_pool_in_use{pool_name=\"vert.x-worker-thread\",pool_type=\"worker\"}",
              "jvm_memory_used_bytes{",
              "jvm_gc_pause_seconds",
              "jvm_threads_live_threads",
              "process_cpu_usage",
              "showfloor_ws_connections",
              "showfloor_ws_subscriptions",
              "showfloor_ws_frames_sent_total")) {
        assertTrue(body.contains(name), "/metrics should contain " + name);
      }
      assertFalse(body.contains("address=\"topic."), "no series per topic address");
    }
  }

  @Test
  @DisplayName(
      "every request gets an access log line in JSON with its request id, method, path, status and duration")
  void accessLog() {
    try (CapturedLogs logs = CapturedLogs.capture()) {
      Api.Response response = api.with("X-Request-Id", "req-access-1").get("/api/nothing-here");
      assertEquals("req-access-1", response.header("X-Request-Id"));
      Eventually.until(
          () ->
              !logs.lines(
                      l ->
                          "http.access".equals(l.getString("logger_name"))
                              && "req-access-1".equals(l.getString("requestId")))
                  .isEmpty(),
          "an access log line");
      JsonObject line = logs.lines(l -> "req-access-1".equals(l.getString("requestId"))).get(0);
      assertEquals("GET", line.getString("method"));
      assertEquals("/api/nothing-here", line.getString("path"));
      assertEquals(404, line.getInteger("status"));
      assertTrue(line.getDouble("durationMs") >= 0);
      assertEquals("INFO", line.getString("level"));
    }
  }

  @Test
  @DisplayName("a request id the caller sends that is not plainly an id is replaced by a fresh one")
  void unsafeRequestId() {
    String id =
        api.with("X-Request-Id", "bad id\"}")
            .get("/health/live")
            .expect(200)
            .header("X-Request-Id");
    assertTrue(id.matches("[0-9a-f-]{36}"), id);
  }

  @Test
  @DisplayName(
      "lines logged across thread hops of one request carry its id; other work on the same event loop does not")
  void requestIdFollowsTheRequest() throws Exception {
    Vertx vertx = node.vertx();
    ContextInternal eventLoop = (ContextInternal) vertx.getOrCreateContext();
    ContextInternal request = eventLoop.duplicate();
    Promise<Void> done = Promise.promise();
    try (CapturedLogs logs = CapturedLogs.capture()) {
      request.runOnContext(
          v -> {
            LogContext.bindRequestId("req-hops-1");
            LOG.info("hop: start");
            node.platform()
                .db()
                .pool()
                .query("SELECT 1")
                .execute()
                .compose(
                    rows -> {
                      LOG.info("hop: after the database");
                      // meanwhile the event loop runs something else, which must not inherit the id
                      eventLoop.runOnContext(x -> LOG.info("unrelated work"));
                      return vertx.executeBlocking(
                          () -> {
                            LOG.info("hop: on a worker thread");
                            return 1;
                          });
                    })
                .compose(x -> node.platform().redis().ping())
                .onComplete(
                    x -> {
                      LOG.info("hop: after Redis");
                      vertx.setTimer(
                          5,
                          t -> {
                            LOG.info("hop: after a timer");
                            done.complete();
                          });
                    });
          });
      done.future().await(10, TimeUnit.SECONDS);
      List<JsonObject> hops = logs.lines(l -> l.getString("message").startsWith("hop: "));
      assertEquals(5, hops.size(), hops.toString());
      hops.forEach(l -> assertEquals("req-hops-1", l.getString("requestId"), l.encode()));
      List<JsonObject> unrelated = logs.lines(l -> "unrelated work".equals(l.getString("message")));
      assertEquals(1, unrelated.size());
      assertNull(unrelated.get(0).getString("requestId"), unrelated.get(0).encode());
    }
  }
}
