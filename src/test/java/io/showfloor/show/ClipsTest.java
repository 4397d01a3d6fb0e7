package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.showfloor.testing.Products;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitEgress.FileInfo;
import livekit.LivekitWebhook.WebhookEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Clips mark highlights within a show and play from its recording once there is one")
class ClipsTest {

  private static JsonObject clip(String title, int start, int end) {
    return new JsonObject().put("title", title).put("startSeconds", start).put("endSeconds", end);
  }

  @Test
  @DisplayName(
      "host and viewers clip a range of a live show; it keeps its range until the recording arrives")
  void clips() {
    TestUser host = ShowFixtures.creator();
    TestUser viewer = Users.create();
    long productId = Products.create(Users.create("seller"), 2500, 3).getLong("id");
    long id = ShowFixtures.live(host);
    ShowTime.startedSecondsAgo(id, 600);
    String path = "/api/shows/" + id + "/clips";
    JsonObject mine;
    try (TopicRecorder topic = TopicRecorder.show(id)) {
      mine =
          viewer
              .api()
              .post(path, clip("That steal!", 120, 150).put("productId", productId))
              .expect(201)
              .json();
      assertEquals("range_only", mine.getString("status"));
      assertNull(mine.getString("videoUrl"));
      topic.await("clip.created", d -> d.getLong("id").equals(mine.getLong("id")));
    }
    host.api().post(path, clip("Opening", 0, 30)).expect(201);
    JsonArray list = TestNode.api().get(path).expect(200).array();
    assertEquals("Opening", list.getJsonObject(0).getString("title"));
    assertEquals(
        1,
        TestNode.api().get("/api/clips?productId=" + productId).expect(200).array().stream()
            .filter(c -> ((JsonObject) c).getLong("id").equals(mine.getLong("id")))
            .count());

    String egress =
        LiveKitWebhookTest.body(
            WebhookEvent.newBuilder()
                .setId("EV_" + UUID.randomUUID())
                .setEvent("egress_ended")
                .setCreatedAt(Instant.now().getEpochSecond())
                .setEgressInfo(
                    EgressInfo.newBuilder()
                        .setEgressId("EG_" + id)
                        .setRoomName("show-" + id)
                        .addFileResults(
                            FileInfo.newBuilder()
                                .setLocation("https://cdn.example.test/show-" + id + ".mp4")))
                .build());
    TestNode.api()
        .with(
            "Authorization",
            LiveKitJwt.webhookAuthorization(
                egress, LiveKitSettings.DEV_KEY, LiveKitSettings.DEV_SECRET))
        .send("POST", "/api/webhooks/livekit", egress, "application/webhook+json")
        .expect(200);
    JsonObject recorded = TestNode.api().get("/api/clips/" + mine.getLong("id")).expect(200).json();
    assertEquals("recorded", recorded.getString("status"));
    assertEquals(
        "https://cdn.example.test/show-" + id + ".mp4#t=120,150", recorded.getString("videoUrl"));

    TestUser other = Users.create();
    other.api().delete("/api/clips/" + mine.getLong("id")).expectProblem(403, "not_show_moderator");
    viewer.api().delete("/api/clips/" + mine.getLong("id")).expect(204);
    TestNode.api().get("/api/clips/" + mine.getLong("id")).expectProblem(404, "clip_not_found");
  }

  @Test
  @DisplayName(
      "a clip must lie within what the show has run, last 3 to 180 s, and come from a started show")
  void badClips() {
    TestUser host = ShowFixtures.creator();
    long scheduled = ShowFixtures.scheduled(host);
    host.api()
        .post("/api/shows/" + scheduled + "/clips", clip("Too early", 0, 10))
        .expectProblem(409, "show_not_started");
    long id = ShowFixtures.live(host);
    ShowTime.startedSecondsAgo(id, 60);
    String path = "/api/shows/" + id + "/clips";
    host.api().post(path, clip("Future", 50, 90)).expectProblem(422, "clip_out_of_range");
    host.api().post(path, clip("Backwards", 30, 20)).expectProblem(422, "invalid_clip_length");
    host.api().post(path, clip("Blink", 10, 11)).expectProblem(422, "invalid_clip_length");
    host.api().post(path, clip("Long", 0, 181)).expectProblem(422, "invalid_clip_length");
    host.api().post(path, clip("  ", 0, 10)).expectProblem(400, "invalid_title");
    host.api().post(path, clip("Neg", -1, 10)).expectProblem(400, "validation_failed");
    host.api()
        .post(path, clip("x", 0, 10).put("productId", 0))
        .expectProblem(400, "validation_failed");
    host.api()
        .post(path, clip("x", 0, 10).put("productId", 999_999_999L))
        .expectProblem(404, "product_not_found");
    host.api()
        .post("/api/shows/999999999/clips", clip("x", 0, 10))
        .expectProblem(404, "show_not_found");
    TestNode.api().get("/api/clips").expectProblem(400, "validation_failed");
    assertEquals(0, TestNode.api().get(path).array().size());
  }
}
