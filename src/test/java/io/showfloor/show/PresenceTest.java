package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Presence: the live viewer count rises and falls, also for viewers who vanish without a goodbye")
class PresenceTest {
  private static final JsonObject NO_BODY = new JsonObject();

  static long viewerCount(long showId) {
    return TestNode.api().get("/api/shows/" + showId).expect(200).json().getLong("viewerCount");
  }

  /** Polls the show until the condition holds (the sampler runs every few seconds). */
  static JsonObject awaitShow(long showId, Predicate<JsonObject> condition) {
    JsonObject[] show = new JsonObject[1];
    Eventually.until(
        () -> condition.test(show[0] = TestNode.api().get("/api/shows/" + showId).json()),
        "show " + showId + " reaching the expected state");
    return show[0];
  }

  static long topicSequence(long showId) {
    return TestNode.get().platform().events().currentSequence("show:" + showId).await();
  }

  /**
   * Makes a viewer's last heartbeat older than the window, as if their connection died a minute
   * ago.
   */
  static void lastHeartbeatLongAgo(long showId, String member) {
    var redis = TestNode.get().platform().redis().api();
    long now = redis.time().await().get(0).toLong() * 1000;
    redis.zadd(List.of(Presence.key(showId), "XX", String.valueOf(now - 60_000), member)).await();
  }

  @Test
  @DisplayName(
      "three viewers count as three (two tabs of one user count once); leaving and going silent both count down")
  void risesAndFalls() {
    TestUser host = ShowFixtures.creator();
    TestUser a = Users.create();
    TestUser b = Users.create();
    Api anonymous = TestNode.api();
    long id = ShowFixtures.live(host);
    String path = "/api/shows/" + id + "/presence";
    long live = topicSequence(id);
    try (TopicRecorder topic = TopicRecorder.show(id)) {
      JsonObject first = a.api().post(path, NO_BODY).expect(200).json();
      assertEquals(1, first.getLong("viewerCount"));
      assertEquals(30, first.getInteger("windowSeconds"));
      assertTrue(first.getInteger("heartbeatSeconds") < first.getInteger("windowSeconds"));
      a.api().post(path, NO_BODY).expect(200);
      b.api().post(path, NO_BODY).expect(200);
      assertEquals(
          3,
          anonymous
              .post(path, new JsonObject().put("sessionId", "tab-0123456789"))
              .expect(200)
              .json()
              .getLong("viewerCount"));
      assertEquals(3, viewerCount(id));

      JsonObject peaked = awaitShow(id, s -> s.getInteger("peakViewers") == 3);
      assertTrue(peaked.getInteger("averageViewers") >= 1, peaked.encode());
      // a viewers event went out: the sample may be taken by any node on this Redis (the suite runs
      // other, unclustered nodes beside this one), so look at the topic's cluster-wide sequence
      Eventually.until(() -> topicSequence(id) > live, "a viewers event on show:" + id);
      topic.frames.stream()
          .filter(f -> "viewers".equals(f.getString("type")))
          .forEach(
              f -> {
                long count = f.getJsonObject("data").getLong("count");
                assertTrue(count >= 1 && count <= 3, "viewers frames carry the count: " + f);
              });

      anonymous.delete(path + "?sessionId=tab-0123456789").expect(204);
      assertEquals(2, viewerCount(id));
      lastHeartbeatLongAgo(id, "u:" + b.id());
      assertEquals(1, viewerCount(id), "a viewer whose heartbeats stopped is no longer counted");
      long before = topicSequence(id);
      Eventually.until(() -> topicSequence(id) > before, "a viewers event for the drop");
    }
    JsonObject ended = host.api().post("/api/shows/" + id + "/end").expect(200).json();
    assertEquals(3, ended.getInteger("peakViewers"));
    assertTrue(
        ended.getInteger("averageViewers") >= 1 && ended.getInteger("averageViewers") <= 3,
        ended.encode());
    assertEquals(0, viewerCount(id));
    a.api().post(path, NO_BODY).expectProblem(409, "show_not_live");
  }

  @Test
  @DisplayName("heartbeats need a live show, a sessionId when anonymous, and no ban")
  void badHeartbeats() {
    TestUser host = ShowFixtures.creator();
    TestUser banned = Users.create();
    long id = ShowFixtures.scheduled(host);
    String path = "/api/shows/" + id + "/presence";
    TestNode.api()
        .post(path, new JsonObject().put("sessionId", "abcdefgh1"))
        .expectProblem(409, "show_not_live");
    host.api().post("/api/shows/" + id + "/start").expect(200);
    TestNode.api().post(path, NO_BODY).expectProblem(400, "session_id_required");
    TestNode.api()
        .post(path, new JsonObject().put("sessionId", "short"))
        .expectProblem(400, "validation_failed");
    TestNode.api()
        .post(path, new JsonObject().put("sessionId", "abcdefgh1").put("x", 1))
        .expectProblem(400, "validation_failed");
    TestNode.api()
        .post("/api/shows/999999999/presence", new JsonObject().put("sessionId", "abcdefgh1"))
        .expectProblem(404, "show_not_found");
    host.api()
        .post("/api/shows/" + id + "/bans", new JsonObject().put("userId", banned.id()))
        .expect(201);
    banned.api().post(path, NO_BODY).expectProblem(403, "banned_from_show");
    assertEquals(0, viewerCount(id));
  }
}
