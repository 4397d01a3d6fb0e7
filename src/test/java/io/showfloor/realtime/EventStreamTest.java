package io.showfloor.realtime;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.realtime.SseClient.Event;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /api/stream: the WebSocket's topics as Server-Sent Events")
class EventStreamTest {
  private Listing listing;
  private String symbol;
  private TestUser buyer;

  @BeforeEach
  void continuousMarket() {
    listing = listed("SSE");
    symbol = listing.symbol();
    phase(symbol, "continuous");
    buyer = trader(100_000);
  }

  private static SseClient stream(String topics, Map<String, String> headers) {
    return SseClient.open(TestNode.api().base() + "/api/stream?topics=" + topics, headers);
  }

  private static Map<String, String> bearer(TestUser user) {
    return Map.of("Authorization", "Bearer " + user.accessToken());
  }

  private static Map<String, String> resuming(TestUser user, String lastEventId) {
    Map<String, String> headers = new HashMap<>(bearer(user));
    headers.put("Last-Event-ID", lastEventId);
    return headers;
  }

  private static Event last(List<Event> events) {
    return events.get(events.size() - 1);
  }

  private static boolean isType(Event event, String topic, String type) {
    return topic.equals(event.data().getString("topic"))
        && type.equals(event.data().getString("type"));
  }

  @Test
  @DisplayName(
      "a market topic and me start with snapshots, then trades, book updates and fills arrive with growing sequence numbers; each id is the stream's position on every topic")
  void marketAndMe() {
    String market = "market:" + symbol;
    try (SseClient sse = stream(market + ",me", bearer(buyer))) {
      assertEquals(200, sse.status, sse.body);
      assertTrue(sse.contentType.startsWith("text/event-stream"), sse.contentType);
      Map<String, Long> last = new HashMap<>();
      for (int i = 0; i < 2; i++) {
        Event snapshot = sse.next(10);
        assertEquals("snapshot", snapshot.data().getString("type"), snapshot.toString());
        last.put(snapshot.data().getString("topic"), snapshot.data().getLong("seq"));
      }
      assertEquals(2, last.size(), "one snapshot per topic: " + last);
      assertTrue(sse.comments.contains("stream open"), "the stream opens with a comment line");

      place(listing.seller(), limit(symbol, "sell", 10_000, 2));
      place(buyer, limit(symbol, "buy", 10_000, 2));

      List<Event> seen = sse.until(e -> isType(e, market, "trade"), 10);
      seen.addAll(sse.until(e -> isType(e, "me", "fill"), 10));
      assertTrue(seen.stream().anyMatch(e -> isType(e, market, "book.update")), seen.toString());
      Event trade = seen.stream().filter(e -> isType(e, market, "trade")).findFirst().orElseThrow();
      assertEquals(10_000L, trade.data().getJsonObject("data").getLong("priceCents"));
      assertEquals(2L, trade.data().getJsonObject("data").getLong("quantity"));
      for (Event event : seen) {
        String topic = event.data().getString("topic");
        long seq = event.data().getLong("seq");
        assertTrue(seq > last.get(topic), "sequence grows on " + topic + ": " + seen);
        last.put(topic, seq);
        assertTrue(event.id().contains(topic + "=" + seq), "the id carries the position: " + event);
        assertTrue(event.data().getString("serverTime").endsWith("Z"), event.toString());
      }
      assertEquals(market + "=" + last.get(market) + ",me=" + last.get("me"), last(seen).id());
    }
  }

  @Test
  @DisplayName(
      "reconnecting with Last-Event-ID resumes with the next event when nothing was missed, and with a snapshot when something was")
  void resumes() {
    String market = "market:" + symbol;
    String lastId;
    long lastSeq;
    try (SseClient sse = stream(market, bearer(buyer))) {
      Event snapshot = sse.next(10);
      assertEquals("snapshot", snapshot.data().getString("type"));
      place(listing.seller(), limit(symbol, "sell", 10_500, 1));
      Event update = last(sse.until(e -> isType(e, market, "book.update"), 10));
      // a ticker may follow the book update: wait for the stream to go quiet
      List<Event> rest = sse.drain(500);
      Event newest = rest.isEmpty() ? update : last(rest);
      lastId = newest.id();
      lastSeq = newest.data().getLong("seq");
    }
    assertEquals(market + "=" + lastSeq, lastId);

    // nothing happened meanwhile: no snapshot, the next frame is the next event
    try (SseClient sse = stream(market, resuming(buyer, lastId))) {
      assertEquals(200, sse.status, sse.body);
      place(listing.seller(), limit(symbol, "sell", 10_600, 1));
      Event next = sse.next(10);
      assertEquals("book.update", next.data().getString("type"), next.toString());
      assertEquals(lastSeq + 1, next.data().getLong("seq"), next.toString());
      List<Event> rest = sse.drain(500);
      Event newest = rest.isEmpty() ? next : last(rest);
      lastId = newest.id();
      lastSeq = newest.data().getLong("seq");
    }

    // the book moved while the client was away: it starts over from a snapshot that shows it
    place(listing.seller(), limit(symbol, "sell", 10_700, 3));
    try (SseClient sse = stream(market, resuming(buyer, lastId))) {
      Event snapshot = sse.next(10);
      assertEquals("snapshot", snapshot.data().getString("type"), snapshot.toString());
      assertTrue(snapshot.data().getLong("seq") > lastSeq, snapshot.toString());
      assertTrue(
          snapshot.data().getJsonObject("data").encode().contains("10700"),
          "the snapshot's book holds the order placed while away: " + snapshot);
      assertEquals(market + "=" + snapshot.data().getLong("seq"), snapshot.id());
    }
  }

  @Test
  @DisplayName("an API key opens a stream; without credentials the answer is 401")
  void credentials() {
    String key =
        buyer
            .api()
            .post("/api/me/api-keys", new JsonObject().put("name", "sse bot"))
            .expect(201)
            .json()
            .getString("key");
    try (SseClient sse = stream("me", Map.of("X-API-Key", key))) {
      assertEquals(200, sse.status, sse.body);
      Event snapshot = sse.next(10);
      assertEquals("me", snapshot.data().getString("topic"));
      assertEquals("snapshot", snapshot.data().getString("type"));
    }
    try (SseClient anonymous = stream("market:" + symbol, Map.of())) {
      assertEquals(401, anonymous.status, anonymous.body);
      assertTrue(anonymous.contentType.startsWith("application/problem+json"));
    }
    try (SseClient badKey = stream("me", Map.of("X-API-Key", "sfk_not_a_key"))) {
      assertEquals(401, badKey.status, badKey.body);
    }
  }

  @Test
  @DisplayName(
      "bad topics are refused with a problem before any stream starts: unknown kind, bad form, someone else's user topic, an unknown symbol, too many topics")
  void badTopics() {
    TestUser user = Users.create();
    assertProblem(stream("nosuch:1", bearer(user)), 400, "unknown_topic");
    assertProblem(stream("market:" + symbol + ",nosuch:1", bearer(user)), 400, "unknown_topic");
    assertProblem(stream("not%20a%20topic", bearer(user)), 400, "invalid_topic");
    assertProblem(stream("market:" + symbol + ",,me", bearer(user)), 400, "invalid_topic");
    assertProblem(stream("user:" + buyer.id(), bearer(user)), 403, "forbidden");
    assertProblem(stream("market:NOSUCHSYM9", bearer(user)), 404, "instrument_not_found");
    StringBuilder many = new StringBuilder("me");
    for (int i = 1; i <= 50; i++) {
      many.append(",lot:").append(i);
    }
    assertProblem(stream(many.toString(), bearer(user)), 400, "too_many_topics");
  }

  private static void assertProblem(SseClient sse, int status, String code) {
    try (sse) {
      assertEquals(status, sse.status, sse.body);
      assertTrue(sse.contentType.startsWith("application/problem+json"), sse.contentType);
      assertEquals(code, sse.problem().getString("code"), sse.body);
    }
  }
}
