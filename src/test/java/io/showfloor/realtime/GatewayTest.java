package io.showfloor.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.platform.http.ApiError;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The WebSocket gateway at /ws")
class GatewayTest {
  private static final AtomicLong TOPICS = new AtomicLong(System.nanoTime() % 1_000_000);

  /** Per-topic snapshot behaviour; topics without an entry answer {id, state: "current"}. */
  private static final Map<String, Function<SocketApi.SnapshotRequest, Future<JsonObject>>>
      SNAPSHOTS = new ConcurrentHashMap<>();

  private static final List<MessageConsumer<?>> CONSUMERS = new ArrayList<>();
  private static Showfloor node;

  @BeforeAll
  static void providers() {
    node = TestNode.get();
    // "probe" is a topic kind only these tests answer, so no domain's provider answers for it too
    CONSUMERS.add(
        SocketApi.onSnapshot(
            node.vertx(),
            "probe",
            request ->
                SNAPSHOTS
                    .getOrDefault(
                        request.idAsString(),
                        r ->
                            Future.succeededFuture(
                                new JsonObject().put("id", r.id()).put("state", "current")))
                    .apply(request)));
    CONSUMERS.add(
        SocketApi.onOp(
            node.vertx(),
            "probe_echo",
            "read",
            op -> {
              if (op.frame().getBoolean("fail", false)) {
                return Future.failedFuture(
                    ApiError.conflict("probe_refused", "Refused on purpose"));
              }
              return Future.succeededFuture(
                  new JsonObject()
                      .put("userId", op.caller().isAnonymous() ? null : op.caller().userId())
                      .put("echo", op.frame().getString("text")));
            }));
    CONSUMERS.forEach(c -> c.completion().await());
  }

  @AfterAll
  static void unregister() {
    CONSUMERS.forEach(c -> c.unregister().await());
    // surefire reruns a failed class in the same JVM: a consumer left here would never complete
    // again
    CONSUMERS.clear();
  }

  private static String newTopic() {
    return "probe:t" + TOPICS.incrementAndGet();
  }

  private static TestSocket socket() {
    return TestSocket.open(node.port());
  }

  private static long publish(String topic, String type, JsonObject data) {
    return node.platform().events().publish(topic, type, data).await().getLong("seq");
  }

  private static double gauge(String name) {
    return node.platform().metrics().get(name).gauge().value();
  }

  private static double counter(String name) {
    return node.platform().metrics().get(name).counter().count();
  }

  @Test
  @DisplayName(
      "a subscriber gets the snapshot first, with the topic's sequence, then every later event in order")
  void snapshotThenEvents() {
    String topic = newTopic();
    publish(topic, "before", new JsonObject());
    long last = publish(topic, "before", new JsonObject());
    try (TestSocket ws = socket()) {
      JsonObject snapshot = ws.subscribe(topic);
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      assertEquals(topic, snapshot.getString("topic"));
      assertEquals(last, snapshot.getLong("seq"));
      assertEquals("current", snapshot.getJsonObject("data").getString("state"));
      assertNotNull(Instant.parse(snapshot.getString("serverTime")));

      for (int i = 1; i <= 5; i++) {
        publish(topic, "tick", new JsonObject().put("n", i));
      }
      for (int i = 1; i <= 5; i++) {
        JsonObject event = ws.next("tick");
        assertEquals(topic, event.getString("topic"));
        assertEquals(last + i, event.getLong("seq"));
        assertEquals(i, event.getJsonObject("data").getInteger("n"));
        assertNotNull(Instant.parse(event.getString("serverTime")));
      }
    }
  }

  @Test
  @DisplayName(
      "events published while the snapshot is being read are delivered after it, none lost")
  void eventsDuringSnapshot() {
    String topic = newTopic();
    long before = publish(topic, "old", new JsonObject());
    SNAPSHOTS.put(
        topic.substring("probe:".length()),
        request -> {
          // the state changes three times between the gateway's sequence read and this answer
          Future<?> changes =
              node.platform()
                  .events()
                  .publish(topic, "change", new JsonObject().put("n", 1))
                  .compose(
                      x ->
                          node.platform()
                              .events()
                              .publish(topic, "change", new JsonObject().put("n", 2)))
                  .compose(
                      x ->
                          node.platform()
                              .events()
                              .publish(topic, "change", new JsonObject().put("n", 3)));
          Promise<JsonObject> answer = Promise.promise();
          changes.onComplete(
              x ->
                  node.vertx()
                      .setTimer(150, t -> answer.complete(new JsonObject().put("state", "read"))));
          return answer.future();
        });
    try (TestSocket ws = socket()) {
      JsonObject snapshot = ws.subscribe(topic);
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      assertEquals(before, snapshot.getLong("seq"));
      for (int n = 1; n <= 3; n++) {
        JsonObject event = ws.next("change");
        assertEquals(before + n, event.getLong("seq"));
        assertEquals(n, event.getJsonObject("data").getInteger("n"));
      }
      ws.expectSilence(200);
    }
  }

  @Test
  @DisplayName("the me topic needs an auth frame, then carries only the caller's private events")
  void meTopic() {
    try (TestSocket ws = socket()) {
      Users.TestUser alice = Users.create();
      Users.TestUser bob = Users.create();
      JsonObject refused = ws.subscribe("me");
      assertEquals("error", refused.getString("type"), refused.encode());
      assertEquals("unauthorized", refused.getString("code"));
      assertEquals("me", refused.getString("topic"));

      JsonObject authenticated = ws.auth(alice.accessToken());
      assertEquals(alice.id(), authenticated.getJsonObject("data").getLong("userId"));
      // the accounts domain answers snapshot.user: who the socket belongs to
      JsonObject snapshot = ws.subscribe("me");
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      assertEquals("me", snapshot.getString("topic"));
      assertEquals(alice.id(), snapshot.getJsonObject("data").getLong("id"));

      node.platform()
          .events()
          .toUser(bob.id(), "notification", new JsonObject().put("for", "bob"))
          .await();
      node.platform()
          .events()
          .toUser(alice.id(), "notification", new JsonObject().put("for", "alice"))
          .await();
      JsonObject event = ws.next("notification");
      assertEquals("me", event.getString("topic"));
      assertEquals("alice", event.getJsonObject("data").getString("for"));
      ws.expectSilence(200);
    }
  }

  @Test
  @DisplayName("auth and subscribe sent back to back are handled in order")
  void pipelinedAuth() {
    try (TestSocket ws = socket()) {
      Users.TestUser user = Users.create();
      ws.send(new JsonObject().put("op", "auth").put("token", user.accessToken()));
      ws.send(new JsonObject().put("op", "subscribe").put("topic", "me"));
      ws.next("authenticated");
      assertEquals("snapshot", ws.next().getString("type"));
    }
  }

  @Test
  @DisplayName("events published concurrently reach the client in sequence order, none lost")
  void concurrentPublishersInOrder() {
    String topic = newTopic();
    try (TestSocket ws = socket()) {
      long start = ws.subscribe(topic).getLong("seq");
      List<Future<JsonObject>> published = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        published.add(node.platform().events().publish(topic, "tick", new JsonObject()));
      }
      Future.all(published).await();
      for (long seq = start + 1; seq <= start + 200; seq++) {
        assertEquals(seq, ws.next("tick").getLong("seq"));
      }
      ws.expectSilence(200);
    }
  }

  @Test
  @DisplayName(
      "a client on /ws?batch=1 gets busy topics' frames coalesced into arrays, every frame once and in order, replies included")
  void coalescedFramesInOrder() {
    String topic = newTopic();
    try (TestSocket ws = TestSocket.openBatched(node.port());
        TestSocket plain = socket()) {
      long start = ws.subscribe(topic).getLong("seq");
      plain.subscribe(topic);
      List<Future<JsonObject>> published = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        published.add(node.platform().events().publish(topic, "tick", new JsonObject()));
      }
      ws.send(new JsonObject().put("op", "probe_echo").put("ref", "r1").put("text", "hi"));
      Future.all(published).await();
      List<Long> seqs = new ArrayList<>();
      JsonObject reply = null;
      while (seqs.size() < 200 || reply == null) {
        JsonObject frame = ws.next();
        if ("probe_echo.result".equals(frame.getString("type"))) {
          reply = frame;
        } else {
          assertEquals("tick", frame.getString("type"));
          seqs.add(frame.getLong("seq"));
        }
      }
      for (int i = 0; i < 200; i++) {
        assertEquals(start + 1 + i, seqs.get(i));
      }
      assertEquals("hi", reply.getJsonObject("data").getString("echo"));
      ws.expectSilence(200);
      assertTrue(
          ws.messages() < 200,
          "200 events within a few milliseconds came in " + ws.messages() + " messages");
      // a client that did not ask keeps one frame per message
      for (long seq = start + 1; seq <= start + 200; seq++) {
        assertEquals(seq, plain.next("tick").getLong("seq"));
      }
      assertTrue(plain.messages() >= 201);
    }
  }

  @Test
  @DisplayName(
      "when the sequence counters start over (Redis lost them) subscribers are told to resync")
  void sequenceRestart() {
    String topic = newTopic();
    publish(topic, "tick", new JsonObject());
    publish(topic, "tick", new JsonObject());
    try (TestSocket ws = socket()) {
      assertEquals(2, ws.subscribe(topic).getLong("seq"));
      node.platform()
          .redis()
          .api()
          .del(List.of(io.showfloor.platform.events.EventPublisher.sequenceKey(topic)))
          .await();
      assertEquals(1, publish(topic, "tick", new JsonObject()));
      JsonObject resync = ws.next("resync");
      assertEquals(topic, resync.getString("topic"));
      JsonObject snapshot = ws.subscribe(topic);
      assertEquals(1, snapshot.getLong("seq"));
      assertEquals(2, publish(topic, "tick", new JsonObject()));
      assertEquals(2, ws.next("tick").getLong("seq"));
    }
  }

  @Test
  @DisplayName("a bad token is refused with invalid_token and the socket stays open and anonymous")
  void badToken() {
    try (TestSocket ws = socket()) {
      ws.send(new JsonObject().put("op", "auth").put("token", "not-a-token").put("ref", "a1"));
      JsonObject error = ws.expectError("invalid_token");
      assertEquals("a1", error.getString("ref"));
      ws.send(new JsonObject().put("op", "ping").put("ref", 7));
      assertEquals(7, ws.next("pong").getInteger("ref"));
      assertEquals("unauthorized", ws.subscribe("me").getString("code"));
    }
  }

  @Test
  @DisplayName(
      "topics nobody serves, private topics and malformed names are refused with their own codes")
  void refusedTopics() {
    try (TestSocket ws = socket()) {
      JsonObject unknown = ws.subscribe("nosuchkind:1");
      assertEquals("unknown_topic", unknown.getString("code"), unknown.encode());
      assertEquals("nosuchkind:1", unknown.getString("topic"));
      assertEquals("forbidden", ws.subscribe("user:1").getString("code"));
      assertEquals("invalid_topic", ws.subscribe("lot:").getString("code"));
      assertEquals("invalid_topic", ws.subscribe("lot:1 OR 1=1").getString("code"));
      ws.send(new JsonObject().put("op", "subscribe").put("topic", 42));
      ws.expectError("invalid_topic");
    }
  }

  @Test
  @DisplayName("malformed frames get error frames and the connection keeps working")
  void malformedFrames() {
    try (TestSocket ws = socket()) {
      ws.sendText("not json");
      ws.expectError("invalid_json");
      ws.sendText("[1, 2]");
      ws.expectError("invalid_json");
      ws.sendText("null");
      ws.expectError("invalid_json");
      ws.sendText("\"subscribe\"");
      ws.expectError("invalid_json");
      ws.sendText("{}");
      ws.expectError("invalid_frame");
      ws.send(new JsonObject().put("op", "dance").put("ref", "r9"));
      assertEquals("r9", ws.expectError("unknown_op").getString("ref"));
      ws.send(new JsonObject().put("op", "DROP TABLE"));
      ws.expectError("unknown_op");
      ws.send(new JsonObject().put("op", "auth"));
      ws.expectError("invalid_frame");
      ws.send(new JsonObject().put("op", "ping").put("pad", "x".repeat(20_000)));
      ws.expectError("frame_too_large");
      ws.send(new JsonObject().put("op", "ping"));
      JsonObject pong = ws.next("pong");
      assertNotNull(Instant.parse(pong.getString("serverTime")));
    }
  }

  @Test
  @DisplayName(
      "after unsubscribe no more events arrive on that topic, and the topic's consumer goes away")
  void unsubscribe() {
    String quiet = newTopic();
    String busy = newTopic();
    // sockets of earlier tests may still be closing on the server; count from a quiet gateway
    Eventually.until(() -> gauge("showfloor.ws.connections") == 0, "earlier sockets are closed");
    double topicsBefore = gauge("showfloor.ws.topics");
    try (TestSocket ws = socket()) {
      assertEquals("snapshot", ws.subscribe(quiet).getString("type"));
      assertEquals("snapshot", ws.subscribe(busy).getString("type"));
      assertEquals(topicsBefore + 2, gauge("showfloor.ws.topics"));
      ws.send(new JsonObject().put("op", "unsubscribe").put("topic", quiet).put("ref", "u1"));
      JsonObject done = ws.next("unsubscribed");
      assertEquals(quiet, done.getString("topic"));
      assertEquals("u1", done.getString("ref"));
      assertEquals(topicsBefore + 1, gauge("showfloor.ws.topics"));

      publish(quiet, "tick", new JsonObject());
      long busySeq = publish(busy, "tick", new JsonObject());
      JsonObject next = ws.next("tick");
      assertEquals(busy, next.getString("topic"));
      assertEquals(busySeq, next.getLong("seq"));
      ws.expectSilence(200);
    }
    Eventually.until(
        () -> gauge("showfloor.ws.topics") == topicsBefore,
        "the consumers of a closed socket are released");
  }

  @Test
  @DisplayName("several sockets on one topic each get every event")
  void fanOut() {
    String topic = newTopic();
    List<TestSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        TestSocket ws = socket();
        sockets.add(ws);
        assertEquals("snapshot", ws.subscribe(topic).getString("type"));
      }
      long seq = publish(topic, "tick", new JsonObject().put("n", 1));
      for (TestSocket ws : sockets) {
        assertEquals(seq, ws.next("tick").getLong("seq"));
      }
    } finally {
      sockets.forEach(TestSocket::close);
    }
  }

  @Test
  @DisplayName(
      "a socket may hold 50 topics, subscribed all at once; the 51st is refused with too_many_topics")
  void topicLimit() {
    try (TestSocket ws = socket()) {
      for (int i = 0; i < 50; i++) {
        ws.send(new JsonObject().put("op", "subscribe").put("topic", newTopic()));
      }
      for (int i = 0; i < 50; i++) {
        assertEquals("snapshot", ws.next().getString("type"));
      }
      String extra = newTopic();
      JsonObject refused = ws.subscribe(extra);
      assertEquals("too_many_topics", refused.getString("code"), refused.encode());
      assertEquals(extra, refused.getString("topic"));
    }
  }

  @Test
  @DisplayName("a slow client is told to resync instead of the server buffering without bound")
  void slowConsumer() {
    String topic = newTopic();
    int limit = node.platform().settings().integer("realtime.sendQueueLimit", 512);
    double overflowsBefore = counter("showfloor.ws.overflows");
    String filler = "x".repeat(4_000);
    try (TestSocket ws =
        TestSocket.open(
            node.port(),
            new io.vertx.core.http.WebSocketClientOptions().setReceiveBufferSize(8_192))) {
      assertEquals("snapshot", ws.subscribe(topic).getString("type"));
      ws.pause();
      int published = 4_000;
      double worstPending = 0;
      List<Future<JsonObject>> sent = new ArrayList<>();
      for (int i = 0; i < published; i++) {
        sent.add(
            node.platform()
                .events()
                .publish(topic, "tick", new JsonObject().put("n", i).put("filler", filler)));
        if (i % 100 == 0) {
          worstPending = Math.max(worstPending, gauge("showfloor.ws.pending.frames"));
        }
      }
      Future.all(sent).await();
      long lastSeq = sent.get(sent.size() - 1).await().getLong("seq");
      worstPending = Math.max(worstPending, gauge("showfloor.ws.pending.frames"));
      assertTrue(worstPending <= limit + 64, "pending frames stay bounded, saw " + worstPending);
      Eventually.until(
          () -> counter("showfloor.ws.overflows") > overflowsBefore,
          "the slow client's subscription overflowed");

      ws.resume();
      int ticks = 0;
      JsonObject frame;
      while (!"resync".equals((frame = ws.next()).getString("type"))) {
        assertEquals("tick", frame.getString("type"));
        ticks++;
      }
      assertEquals(topic, frame.getString("topic"));
      assertTrue(ticks < published, "only part of the burst was sent: " + ticks);

      JsonObject snapshot = ws.subscribe(topic);
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      assertTrue(snapshot.getLong("seq") >= lastSeq);
      long seq = publish(topic, "tick", new JsonObject());
      assertEquals(seq, ws.nextMatching(f -> "tick".equals(f.getString("type"))).getLong("seq"));
    }
  }

  @Test
  @DisplayName(
      "a domain op registered with SocketApi answers <op>.result with the ref, or an error with its code")
  void domainOps() {
    Users.TestUser user = Users.create();
    try (TestSocket ws = socket()) {
      ws.send(new JsonObject().put("op", "probe_echo").put("ref", "e1").put("text", "hello"));
      JsonObject anonymous = ws.next("probe_echo.result");
      assertEquals("e1", anonymous.getString("ref"));
      assertEquals("hello", anonymous.getJsonObject("data").getString("echo"));
      assertNull(
          anonymous.getJsonObject("data").getValue("userId"),
          "an anonymous socket's op has no user");

      ws.auth(user.accessToken());
      ws.send(new JsonObject().put("op", "probe_echo").put("ref", "e2").put("text", "again"));
      assertEquals(user.id(), ws.next("probe_echo.result").getJsonObject("data").getLong("userId"));

      ws.send(new JsonObject().put("op", "probe_echo").put("ref", "e3").put("fail", true));
      JsonObject error = ws.expectError("probe_refused");
      assertEquals("e3", error.getString("ref"));
      assertEquals(409, error.getInteger("status"));
    }
  }

  @Test
  @DisplayName(
      "a client sending too fast is refused with rate_limited, and one flooding is disconnected")
  void inboundRateLimit() {
    int perSecond = node.platform().settings().integer("realtime.inboundPerSecond", 30);
    try (TestSocket ws = socket()) {
      // a burst of two seconds' worth passes; beyond it frames are refused, with one error
      int sent = perSecond * 3;
      for (int i = 0; i < sent; i++) {
        ws.send(new JsonObject().put("op", "ping"));
      }
      int pongs = 0;
      int limited = 0;
      JsonObject frame;
      while ((frame = ws.nextWithin(500)) != null) {
        if ("pong".equals(frame.getString("type"))) {
          pongs++;
        } else if ("rate_limited".equals(frame.getString("code"))) {
          limited++;
        }
      }
      assertTrue(pongs >= perSecond * 2 && pongs < sent, "pongs: " + pongs);
      assertEquals(1, limited);
    }
    try (TestSocket flood = socket()) {
      try {
        for (int i = 0; i < perSecond * 5 && !flood.isClosed(); i++) {
          flood.send(new JsonObject().put("op", "ping"));
        }
      } catch (RuntimeException closedWhileSending) {
        // the server may close while the flood is still being written
      }
      assertEquals((short) 1008, flood.awaitClose());
    }
  }
}
