package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitEgress.FileInfo;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitWebhook.WebhookEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A second node on the shared database, configured with a LiveKit key that points at a local fake
 * of LiveKit's room service: tokens are signed with that key, and moderation reaches into the room.
 */
@DisplayName("With LiveKit configured, tokens use its key and moderation calls its room service")
class LiveKitRoomServiceTest {
  private static final String KEY = "APItestkey";
  private static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
  private static FakeLiveKit livekit;
  private static Showfloor node;

  @BeforeAll
  static void start() {
    livekit = new FakeLiveKit(KEY, SECRET);
    node =
        Showfloor.start(
            TestNode.sharingInfrastructure("livekit")
                .with("http.instances", 1)
                .with("livekit.url", livekit.url())
                .with("livekit.apiKey", KEY)
                .with("livekit.apiSecret", SECRET)
                .with("livekit.egress.enabled", true));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
    if (livekit != null) {
      livekit.close();
    }
  }

  /** The user as a client of the LiveKit-configured node (it shares the test node's JWT secret). */
  private static Api on(TestUser user) {
    return new Api("http://127.0.0.1:" + node.port()).as(user.accessToken());
  }

  @Test
  @DisplayName("tokens are signed with the configured key and point at the configured server")
  void tokens() {
    TestUser host = ShowFixtures.creator();
    long id = ShowFixtures.scheduled(host);
    JsonObject token = on(host).post("/api/shows/" + id + "/token").expect(200).json();
    assertEquals(livekit.url(), token.getString("url"));
    assertEquals(false, token.getBoolean("devKey"));
    JsonObject claims = LiveKitJwt.verifiedClaims(token.getString("token"), SECRET);
    assertEquals(KEY, claims.getString("iss"));
    assertTrue(claims.getJsonObject("video").getBoolean("canPublish"));
  }

  @Test
  @DisplayName(
      "a moderator removes a participant and mutes another's tracks through the room service")
  void removeAndMute() {
    TestUser host = ShowFixtures.creator();
    TestUser mod = Users.create();
    TestUser troll = Users.create();
    TestUser singer = Users.create();
    long id = ShowFixtures.live(host);
    host.api()
        .put("/api/shows/" + id + "/staff/" + mod.id(), new JsonObject().put("role", "moderator"))
        .expect(200);
    livekit.connected.addAll(Set.of("user-" + troll.id(), "user-" + singer.id()));
    String base = "/api/shows/" + id + "/video/participants/";

    on(mod).post(base + troll.id() + "/remove").expect(200);
    LiveKitCallsAssert.last(livekit, "RemoveParticipant", "show-" + id, "user-" + troll.id());
    // removing someone no longer in the room is not an error
    on(mod).post(base + troll.id() + "/remove").expect(200);

    JsonObject muted = on(mod).post(base + singer.id() + "/mute").expect(200).json();
    assertEquals(
        2, muted.getInteger("mutedTracks"), "the two live tracks, not the already muted one");
    List<String> mutedTracks =
        livekit.calls.stream()
            .filter(
                c ->
                    c.method().equals("MutePublishedTrack")
                        && c.identity().equals("user-" + singer.id()))
            .map(FakeLiveKit.Call::trackSid)
            .toList();
    assertEquals(List.of("TR_mic", "TR_cam"), mutedTracks);

    on(troll).post(base + singer.id() + "/remove").expectProblem(403, "not_show_moderator");
    on(mod).post(base + host.id() + "/mute").expectProblem(409, "cannot_moderate_host");
  }

  @Test
  @DisplayName("a ban takes the user out of the video room")
  void banKicks() {
    TestUser host = ShowFixtures.creator();
    TestUser troll = Users.create();
    long id = ShowFixtures.live(host);
    livekit.connected.add("user-" + troll.id());
    JsonObject ban =
        on(host)
            .post("/api/shows/" + id + "/bans", new JsonObject().put("userId", troll.id()))
            .expect(201)
            .json();
    assertEquals("removed", ban.getString("video"));
    LiveKitCallsAssert.last(livekit, "RemoveParticipant", "show-" + id, "user-" + troll.id());
    on(troll).post("/api/shows/" + id + "/token").expectProblem(403, "banned_from_show");
  }

  @Test
  @DisplayName("viewers heartbeating on different nodes are counted together on every node")
  void presenceAcrossNodes() {
    TestUser host = ShowFixtures.creator();
    TestUser here = Users.create();
    TestUser there = Users.create();
    long id = ShowFixtures.live(host);
    here.api().post("/api/shows/" + id + "/presence", new JsonObject()).expect(200);
    assertEquals(
        2,
        on(there)
            .post("/api/shows/" + id + "/presence", new JsonObject())
            .expect(200)
            .json()
            .getLong("viewerCount"));
    assertEquals(2, TestNode.api().get("/api/shows/" + id).json().getLong("viewerCount"));
    assertEquals(
        2,
        new Api("http://127.0.0.1:" + node.port())
            .get("/api/shows/" + id)
            .json()
            .getLong("viewerCount"));
  }

  @Test
  @DisplayName(
      "a banned user who joins the room with a token minted before the ban is removed as they arrive")
  void bannedJoinerRemoved() {
    TestUser host = ShowFixtures.creator();
    TestUser troll = Users.create();
    long id = ShowFixtures.live(host);
    on(troll).post("/api/shows/" + id + "/token").expect(200);
    on(host)
        .post("/api/shows/" + id + "/bans", new JsonObject().put("userId", troll.id()))
        .expect(201);
    livekit.calls.clear();
    livekit.connected.add("user-" + troll.id());
    String joined =
        LiveKitWebhookTest.body(
            LiveKitWebhookTest.event("participant_joined", id)
                .setParticipant(ParticipantInfo.newBuilder().setIdentity("user-" + troll.id()))
                .build());
    new Api("http://127.0.0.1:" + node.port())
        .with("Authorization", LiveKitJwt.webhookAuthorization(joined, KEY, SECRET))
        .send("POST", "/api/webhooks/livekit", joined, "application/webhook+json")
        .expect(200);
    LiveKitCallsAssert.last(livekit, "RemoveParticipant", "show-" + id, "user-" + troll.id());
  }

  @Test
  @DisplayName(
      "with egress on, a show is recorded from going live to its end, and its clips play from the recording")
  void recording() {
    TestUser host = ShowFixtures.creator();
    Api hostApi = on(host);
    long id = ShowFixtures.scheduled(host);
    hostApi.post("/api/shows/" + id + "/start").expect(200);
    FakeLiveKit.Call start =
        livekit.calls.stream()
            .filter(
                c -> c.method().equals("StartRoomCompositeEgress") && c.room().equals("show-" + id))
            .findFirst()
            .orElseThrow();
    assertTrue(
        start.video().getBoolean("roomRecord"), "egress calls need roomRecord: " + start.video());
    assertTrue(start.identity().startsWith("shows/show-" + id), start.identity());
    ShowTime.startedSecondsAgo(id, 120);
    long clip =
        hostApi
            .post(
                "/api/shows/" + id + "/clips",
                new JsonObject()
                    .put("title", "Unboxing")
                    .put("startSeconds", 30)
                    .put("endSeconds", 60))
            .expect(201)
            .json()
            .getLong("id");
    hostApi.post("/api/shows/" + id + "/end").expect(200);
    assertTrue(
        livekit.calls.stream()
            .anyMatch(
                c -> c.method().equals("StopEgress") && c.trackSid().equals(start.trackSid())),
        "the recording is stopped when the show ends");

    String ended =
        LiveKitWebhookTest.body(
            WebhookEvent.newBuilder()
                .setId("EV_rec_" + id)
                .setEvent("egress_ended")
                .setEgressInfo(
                    EgressInfo.newBuilder()
                        .setEgressId(start.trackSid())
                        .setRoomName("show-" + id)
                        .addFileResults(
                            FileInfo.newBuilder()
                                .setLocation("https://cdn.example.test/show-" + id + ".mp4")))
                .build());
    new Api("http://127.0.0.1:" + node.port())
        .with("Authorization", LiveKitJwt.webhookAuthorization(ended, KEY, SECRET))
        .send("POST", "/api/webhooks/livekit", ended, "application/webhook+json")
        .expect(200);
    JsonObject recorded = TestNode.api().get("/api/clips/" + clip).json();
    assertEquals("recorded", recorded.getString("status"));
    assertEquals(
        "https://cdn.example.test/show-" + id + ".mp4#t=30,60", recorded.getString("videoUrl"));
  }
}
