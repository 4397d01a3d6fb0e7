package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.platform.Platform;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Audience sampling: one pass samples every live show with its own count")
class AudienceSamplerTest {
  private static final JsonObject NO_BODY = new JsonObject();

  @Test
  @DisplayName(
      "three live shows watched by 2, 1 and 0 viewers get those peaks and averages, and a viewers"
          + " event only when a show's count changed")
  void everyLiveShowInOnePass() {
    List<Long> shows = new ArrayList<>();
    Map<Long, Long> sequenceBeforeStart = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      TestUser host = ShowFixtures.creator();
      long id = ShowFixtures.scheduled(host);
      sequenceBeforeStart.put(id, PresenceTest.topicSequence(id));
      host.api().post("/api/shows/" + id + "/start").expect(200);
      shows.add(id);
    }
    long two = shows.get(0);
    long one = shows.get(1);
    long none = shows.get(2);
    Map<Long, Integer> viewers = Map.of(two, 2, one, 1, none, 0);

    try (TestSocket socket = TestSocket.open(TestNode.get().port())) {
      shows.forEach(
          id -> assertEquals("snapshot", socket.subscribe("show:" + id).getString("type")));
      for (TestUser viewer : List.of(Users.create(), Users.create())) {
        viewer.api().post("/api/shows/" + two + "/presence", NO_BODY).expect(200);
      }
      Users.create().api().post("/api/shows/" + one + "/presence", NO_BODY).expect(200);

      // a pass has seen the whole audience; start the averages afresh from here, as if every
      // viewer had been there since the show began (passes before the heartbeats counted fewer)
      PresenceTest.awaitShow(two, s -> s.getInteger("peakViewers") == 2);
      PresenceTest.awaitShow(one, s -> s.getInteger("peakViewers") == 1);
      for (long id : shows) {
        TestNode.get()
            .platform()
            .db()
            .query(
                "UPDATE shows SET viewer_samples = 0, viewer_sample_sum = 0 WHERE id = $1",
                Tuple.of(id))
            .await();
      }
      Eventually.until(
          () -> shows.stream().allMatch(id -> samples(id)[0] >= 2),
          "two more passes over shows " + shows);
      Map<Long, Long> sequenceSettled = new HashMap<>();
      shows.forEach(id -> sequenceSettled.put(id, PresenceTest.topicSequence(id)));
      long[] before = samples(two);
      Eventually.until(() -> samples(two)[0] > before[0], "one more pass");

      for (long id : shows) {
        int count = viewers.get(id);
        JsonObject show = TestNode.api().get("/api/shows/" + id).expect(200).json();
        assertEquals(count, show.getInteger("peakViewers"), show.encode());
        assertEquals(count, show.getInteger("averageViewers"), show.encode());
        long[] taken = samples(id);
        assertEquals(
            count * taken[0], taken[1], "every sample of show " + id + " is its own count");
        assertEquals(
            sequenceSettled.get(id),
            PresenceTest.topicSequence(id),
            "an unchanged count publishes nothing on show " + id);
      }
      assertEquals(
          sequenceBeforeStart.get(none) + 2,
          PresenceTest.topicSequence(none),
          "the unwatched show published show.started, then its count (0) once, on its first sample");

      // what a viewer saw: per show, counts that only rose (each a change), ending at most at the
      // audience; the sample may be taken by any node on this Redis (see PresenceTest), whose
      // frames reach only that node's sockets, hence the sequence numbers above for the exact count
      Map<String, List<Long>> seen = new HashMap<>();
      for (JsonObject frame = socket.nextWithin(200);
          frame != null;
          frame = socket.nextWithin(200)) {
        if ("viewers".equals(frame.getString("type"))) {
          seen.computeIfAbsent(frame.getString("topic"), t -> new ArrayList<>())
              .add(frame.getJsonObject("data").getLong("count"));
        }
      }
      seen.forEach(
          (topic, counts) -> {
            long showId = Long.parseLong(topic.substring("show:".length()));
            for (int i = 0; i < counts.size(); i++) {
              assertTrue(
                  counts.get(i) <= viewers.get(showId)
                      && (i == 0 || counts.get(i) > counts.get(i - 1)),
                  topic + " published only changes: " + counts);
            }
          });
    }
  }

  @Test
  @DisplayName(
      "when two nodes sample the same interval, only the first to claim it takes the sample")
  void oneNodePerInterval() {
    Platform platform = TestNode.get().platform();
    AudienceSampler a = sampler(platform);
    AudienceSampler b = sampler(platform);
    // a slot no real interval has (those count up from 1970), so the node's own timer is no rival
    long slot = -System.nanoTime();
    Future<Boolean> first = a.sample(slot);
    Future<Boolean> second = b.sample(slot);
    Future.all(first, second).await();
    assertTrue(first.result() ^ second.result(), first.result() + " / " + second.result());
    assertTrue(b.sample(slot - 1).await(), "the next interval is claimed afresh");
    assertTrue(!a.sample(slot - 1).await(), "and only once");
  }

  private static AudienceSampler sampler(Platform platform) {
    return new AudienceSampler(
        platform.vertx(),
        platform.db(),
        platform.redis(),
        new Presence(platform.redis(), 30),
        new ShowEvents(platform.events()),
        3);
  }

  /** The show's number of samples and their sum. */
  private static long[] samples(long showId) {
    Row row =
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT viewer_samples, viewer_sample_sum FROM shows WHERE id = $1",
                Tuple.of(showId))
            .await();
    return new long[] {row.getInteger("viewer_samples"), row.getLong("viewer_sample_sum")};
  }
}
