package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Video tokens carry the right LiveKit grants")
class ShowVideoTest {

  @Test
  @DisplayName(
      "the host may publish before and during the show; viewers only subscribe once it is live")
  void grants() {
    TestUser host = ShowFixtures.creator();
    TestUser cohost = Users.create();
    TestUser viewer = Users.create();
    long id = ShowFixtures.scheduled(host);
    host.api()
        .put("/api/shows/" + id + "/staff/" + cohost.id(), new JsonObject().put("role", "cohost"))
        .expect(200);

    JsonObject hostToken = host.api().post("/api/shows/" + id + "/token").expect(200).json();
    assertTrue(hostToken.getBoolean("canPublish"));
    assertEquals("user-" + host.id(), hostToken.getString("identity"));
    assertEquals("ws://localhost:7880", hostToken.getString("url"));
    assertTrue(hostToken.getBoolean("devKey"));
    JsonObject claims =
        LiveKitJwt.verifiedClaims(hostToken.getString("token"), LiveKitSettings.DEV_SECRET);
    assertEquals(LiveKitSettings.DEV_KEY, claims.getString("iss"));
    assertEquals("user-" + host.id(), claims.getString("sub"));
    assertEquals(host.displayName(), claims.getString("name"));
    JsonObject video = claims.getJsonObject("video");
    assertEquals("show-" + id, video.getString("room"));
    assertTrue(video.getBoolean("roomJoin"));
    assertTrue(video.getBoolean("canPublish"));
    assertTrue(video.getBoolean("canSubscribe"));
    long ttl = claims.getLong("exp") - java.time.Instant.now().getEpochSecond();
    assertTrue(ttl > 0 && ttl <= 300, "short-lived token, got " + ttl + " s");
    assertEquals("host", new JsonObject(claims.getString("metadata")).getString("role"));

    viewer.api().post("/api/shows/" + id + "/token").expectProblem(409, "show_not_live");
    host.api().post("/api/shows/" + id + "/start").expect(200);

    JsonObject viewerToken = viewer.api().post("/api/shows/" + id + "/token").expect(200).json();
    assertFalse(viewerToken.getBoolean("canPublish"));
    JsonObject viewerVideo =
        LiveKitJwt.verifiedClaims(viewerToken.getString("token"), LiveKitSettings.DEV_SECRET)
            .getJsonObject("video");
    assertFalse(viewerVideo.getBoolean("canPublish"));
    assertFalse(viewerVideo.getBoolean("canPublishData"));
    assertTrue(viewerVideo.getBoolean("canSubscribe"));
    assertEquals("show-" + id, viewerVideo.getString("room"));

    JsonObject cohostVideo =
        LiveKitJwt.verifiedClaims(
                cohost
                    .api()
                    .post("/api/shows/" + id + "/token")
                    .expect(200)
                    .json()
                    .getString("token"),
                LiveKitSettings.DEV_SECRET)
            .getJsonObject("video");
    assertTrue(cohostVideo.getBoolean("canPublish"));

    TestNode.api().post("/api/shows/" + id + "/token").expectProblem(401, "unauthorized");
    viewer.api().post("/api/shows/999999999/token").expectProblem(404, "show_not_found");
    host.api().post("/api/shows/" + id + "/end").expect(200);
    viewer.api().post("/api/shows/" + id + "/token").expectProblem(409, "show_over");
  }

  @Test
  @DisplayName("without LiveKit configured, removing or muting a participant says so")
  void moderationNeedsLiveKit() {
    TestUser host = ShowFixtures.creator();
    TestUser viewer = Users.create();
    long id = ShowFixtures.live(host);
    host.api()
        .post("/api/shows/" + id + "/video/participants/" + viewer.id() + "/remove")
        .expectProblem(409, "video_not_configured");
    host.api()
        .post("/api/shows/" + id + "/video/participants/" + viewer.id() + "/mute")
        .expectProblem(409, "video_not_configured");
  }
}
