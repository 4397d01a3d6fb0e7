package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitEgress.FileInfo;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.Room;
import livekit.LivekitWebhook.WebhookEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LiveKit webhooks are verified and applied once")
class LiveKitWebhookTest {
  private final Api api = TestNode.api();

  static String body(WebhookEvent event) {
    try {
      return JsonFormat.printer().print(event);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static WebhookEvent.Builder event(String type, long showId) {
    return WebhookEvent.newBuilder()
        .setId("EV_" + UUID.randomUUID())
        .setEvent(type)
        .setCreatedAt(Instant.now().getEpochSecond())
        .setRoom(Room.newBuilder().setName("show-" + showId).setSid("RM_" + showId));
  }

  private Api.Response send(String body, String authorization) {
    Api signed = authorization == null ? api : api.with("Authorization", authorization);
    return signed.send("POST", "/api/webhooks/livekit", body, "application/webhook+json");
  }

  private Api.Response sendSigned(String body) {
    return send(
        body,
        LiveKitJwt.webhookAuthorization(body, LiveKitSettings.DEV_KEY, LiveKitSettings.DEV_SECRET));
  }

  @Test
  @DisplayName("room and participant events update the show; a replayed event changes nothing")
  void validAndReplayed() {
    TestUser host = ShowFixtures.creator();
    long id = ShowFixtures.live(host);
    String started = body(event("room_started", id).build());
    JsonObject answer = sendSigned(started).expect(200).json();
    assertTrue(answer.getBoolean("applied"));
    assertNotNull(
        api.get("/api/shows/" + id).json().getJsonObject("video").getString("roomStartedAt"));

    String joined =
        body(
            event("participant_joined", id)
                .setParticipant(ParticipantInfo.newBuilder().setIdentity("user-" + host.id()))
                .build());
    sendSigned(joined).expect(200);
    assertEquals(
        1, api.get("/api/shows/" + id).json().getJsonObject("video").getInteger("participants"));

    String finished = body(event("room_finished", id).build());
    sendSigned(finished).expect(200);
    JsonObject video = api.get("/api/shows/" + id).json().getJsonObject("video");
    assertNotNull(video.getString("roomFinishedAt"));
    assertEquals(0, video.getInteger("participants"));

    // the same room_started again (LiveKit retried it): acknowledged, not applied — the room stays
    // finished
    JsonObject replay = sendSigned(started).expect(200).json();
    assertFalse(replay.getBoolean("applied"));
    assertNotNull(
        api.get("/api/shows/" + id).json().getJsonObject("video").getString("roomFinishedAt"));
  }

  @Test
  @DisplayName("an ended recording gives the show its recording URL")
  void egressEnded() {
    TestUser host = ShowFixtures.creator();
    long id = ShowFixtures.live(host);
    String ended =
        body(
            WebhookEvent.newBuilder()
                .setId("EV_" + UUID.randomUUID())
                .setEvent("egress_ended")
                .setEgressInfo(
                    EgressInfo.newBuilder()
                        .setEgressId("EG_1")
                        .setRoomName("show-" + id)
                        .addFileResults(
                            FileInfo.newBuilder()
                                .setLocation("https://cdn.example.test/show-" + id + ".mp4")))
                .build());
    sendSigned(ended).expect(200);
    assertEquals(
        "https://cdn.example.test/show-" + id + ".mp4",
        api.get("/api/shows/" + id).json().getJsonObject("video").getString("recordingUrl"));
  }

  @Test
  @DisplayName("a tampered, foreign-signed or unsigned webhook is refused and changes nothing")
  void tampered() {
    TestUser host = ShowFixtures.creator();
    long id = ShowFixtures.live(host);
    String started = body(event("room_started", id).build());
    String authorization =
        LiveKitJwt.webhookAuthorization(
            started, LiveKitSettings.DEV_KEY, LiveKitSettings.DEV_SECRET);
    String altered = started.replace("show-" + id, "show-" + (id + 1));
    send(altered, authorization).expectProblem(401, "invalid_webhook_signature");
    send(
            started,
            LiveKitJwt.webhookAuthorization(started, LiveKitSettings.DEV_KEY, "not-our-secret"))
        .expectProblem(401, "invalid_webhook_signature");
    send(
            started,
            LiveKitJwt.webhookAuthorization(started, "someone-else", LiveKitSettings.DEV_SECRET))
        .expectProblem(401, "invalid_webhook_signature");
    send(started, null).expectProblem(401, "invalid_webhook_signature");
    send(started, "Bearer garbage").expectProblem(401, "invalid_webhook_signature");
    assertNull(
        api.get("/api/shows/" + id).json().getJsonObject("video").getString("roomStartedAt"));

    String notAnEvent = "{\"event\": 42, \"room\": []}";
    send(
            notAnEvent,
            LiveKitJwt.webhookAuthorization(
                notAnEvent, LiveKitSettings.DEV_KEY, LiveKitSettings.DEV_SECRET))
        .expectProblem(400, "invalid_webhook");
    String noId = "{\"event\": \"room_started\"}";
    send(
            noId,
            LiveKitJwt.webhookAuthorization(
                noId, LiveKitSettings.DEV_KEY, LiveKitSettings.DEV_SECRET))
        .expectProblem(400, "invalid_webhook");
  }

  @Test
  @DisplayName("an event for a room that is not a show is acknowledged and ignored")
  void foreignRoom() {
    String other =
        body(
            WebhookEvent.newBuilder()
                .setId("EV_" + UUID.randomUUID())
                .setEvent("room_started")
                .setRoom(Room.newBuilder().setName("lobby"))
                .build());
    assertTrue(sendSigned(other).expect(200).json().getBoolean("applied"));
  }
}
