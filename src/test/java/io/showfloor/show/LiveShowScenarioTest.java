package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Mailbox;
import io.showfloor.testing.Products;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One show from schedule to replay, with a host, a moderator, fans and a troll. */
@DisplayName(
    "A live show end to end: schedule, notify, go live, video, a lot, chat and moderation, poll, Q&A, presence, end, replay")
class LiveShowScenarioTest {

  private static JsonObject text(String text) {
    return new JsonObject().put("text", text);
  }

  @Test
  @DisplayName("the whole evening")
  void evening() {
    TestUser host = Users.create("creator", "seller");
    TestUser mod = Users.create();
    TestUser fan = Users.create();
    TestUser fan2 = Users.create();
    TestUser troll = Users.create();
    fan.api().put("/api/hosts/" + host.id() + "/follow", new JsonObject()).expect(200);

    // schedule: the follower is told in the app and by mail
    long id =
        host.api()
            .post("/api/shows", ShowFixtures.showBody("Vintage watches night"))
            .expect(201)
            .json()
            .getLong("id");
    String show = "/api/shows/" + id;
    JsonArray notes = fan.api().get("/api/me/notifications").json().getJsonArray("items");
    assertEquals("show.scheduled", notes.getJsonObject(0).getString("kind"));
    Mailbox.await(fan.email(), "Vintage watches night");
    host.api()
        .put(show + "/staff/" + mod.id(), new JsonObject().put("role", "moderator"))
        .expect(200);

    // go live: the follower hears again; the host publishes, viewers subscribe
    try (TopicRecorder topic = TopicRecorder.show(id)) {
      host.api().post(show + "/start").expect(200);
      topic.await("show.live");
    }
    assertEquals(
        "show.live",
        fan.api()
            .get("/api/me/notifications")
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("kind"));
    JsonObject hostVideo =
        LiveKitJwt.verifiedClaims(
                host.api().post(show + "/token").expect(200).json().getString("token"),
                LiveKitSettings.DEV_SECRET)
            .getJsonObject("video");
    assertTrue(hostVideo.getBoolean("canPublish"));
    JsonObject fanVideo =
        LiveKitJwt.verifiedClaims(
                fan.api().post(show + "/token").expect(200).json().getString("token"),
                LiveKitSettings.DEV_SECRET)
            .getJsonObject("video");
    assertFalse(fanVideo.getBoolean("canPublish"));
    assertTrue(fanVideo.getBoolean("canSubscribe"));

    // presence: three watch, one drops off without a goodbye
    fan.api().post(show + "/presence", new JsonObject()).expect(200);
    fan2.api().post(show + "/presence", new JsonObject()).expect(200);
    assertEquals(
        3,
        troll
            .api()
            .post(show + "/presence", new JsonObject())
            .expect(200)
            .json()
            .getLong("viewerCount"));
    PresenceTest.awaitShow(id, s -> s.getInteger("peakViewers") == 3);

    // a lot on the block: anyone in good standing bids
    long product = Products.create(host, 50_000, 1).getLong("id");
    long lot =
        host.api()
            .post(
                show + "/lots",
                new JsonObject()
                    .put("productId", product)
                    .put("startingPriceCents", 10_000)
                    .put("durationSeconds", 300)
                    .put("mode", "standard"))
            .expect(201)
            .json()
            .getLong("id");
    host.api().post("/api/lots/" + lot + "/start").expect(200);
    fan.api()
        .post("/api/lots/" + lot + "/bids", new JsonObject().put("amountCents", 10_000))
        .expect(201);

    // chat, with the rules
    try (TopicRecorder topic = TopicRecorder.show(id)) {
      fan.api().post(show + "/chat", text("Is the Omega original?")).expect(201);
      topic.await("chat.message", d -> d.getString("text").startsWith("Is the Omega"));
    }
    host.api()
        .put(
            show + "/chat/settings",
            new JsonObject()
                .put("slowModeSeconds", 20)
                .put("blockedWords", new JsonArray().add("replica")))
        .expect(200);
    fan2.api()
        .post(show + "/chat", text("cheap REPLICA here"))
        .expectProblem(422, "chat_message_blocked");
    fan2.api().post(show + "/chat", text("Looks great")).expect(201);
    fan2.api().post(show + "/chat", text("Really great")).expectProblem(429, "slow_mode");
    long spam =
        troll.api().post(show + "/chat", text("visit my site")).expect(201).json().getLong("id");
    mod.api().delete(show + "/chat/" + spam).expect(204);
    mod.api()
        .post(show + "/timeouts", new JsonObject().put("userId", troll.id()).put("minutes", 10))
        .expect(201);
    troll.api().post(show + "/chat", text("hey")).expectProblem(403, "timed_out");
    troll
        .api()
        .post("/api/lots/" + lot + "/bids", new JsonObject().put("amountCents", 20_000))
        .expectProblem(403, "timed_out");
    mod.api()
        .post(show + "/bans", new JsonObject().put("userId", troll.id()).put("reason", "spam"))
        .expect(201);
    troll.api().post(show + "/token").expectProblem(403, "banned_from_show");
    troll
        .api()
        .post("/api/lots/" + lot + "/bids", new JsonObject().put("amountCents", 20_000))
        .expectProblem(403, "banned_from_show");
    assertEquals(fan.id(), TestNode.api().get("/api/lots/" + lot).json().getLong("highBidderId"));
    assertEquals(
        2,
        TestNode.api().get(show).json().getLong("viewerCount"),
        "the banned viewer left the count");
    host.api().post(show + "/pin", text("Shipping is free tonight")).expect(200);

    // a poll and a question
    long poll =
        host.api()
            .post(
                show + "/polls",
                new JsonObject()
                    .put("question", "Next: Rolex or Seiko?")
                    .put("options", new JsonArray().add("Rolex").add("Seiko")))
            .expect(201)
            .json()
            .getLong("id");
    fan.api().post("/api/polls/" + poll + "/votes", new JsonObject().put("option", 0)).expect(201);
    fan2.api().post("/api/polls/" + poll + "/votes", new JsonObject().put("option", 0)).expect(201);
    long question =
        fan.api()
            .post(show + "/questions", text("Box and papers?"))
            .expect(201)
            .json()
            .getLong("id");
    fan2.api().post("/api/questions/" + question + "/upvote").expect(200);
    host.api().post("/api/questions/" + question + "/answer").expect(200);

    // a highlight, then fan2 goes silent and the count falls
    ShowTime.startedSecondsAgo(id, 900);
    fan.api()
        .post(
            show + "/clips",
            new JsonObject()
                .put("title", "The reveal")
                .put("startSeconds", 300)
                .put("endSeconds", 340))
        .expect(201);
    PresenceTest.lastHeartbeatLongAgo(id, "u:" + fan2.id());
    assertEquals(1, TestNode.api().get(show).json().getLong("viewerCount"));

    // end: the replay keeps what happened
    JsonObject ended = host.api().post(show + "/end").expect(200).json();
    assertEquals("ended", ended.getString("status"));
    assertEquals(3, ended.getInteger("peakViewers"));
    fan.api().post(show + "/chat", text("bye")).expectProblem(409, "show_not_live");
    fan.api().post(show + "/token").expectProblem(409, "show_over");

    JsonObject replay = TestNode.api().get(show + "/replay").expect(200).json();
    assertEquals("ended", replay.getJsonObject("show").getString("status"));
    assertTrue(replay.getJsonObject("stats").getLong("durationSeconds") >= 900);
    assertEquals(3, replay.getJsonObject("stats").getInteger("peakViewers"));
    JsonArray chat = replay.getJsonObject("chat").getJsonArray("items");
    assertEquals("Is the Omega original?", chat.getJsonObject(0).getString("text"));
    assertTrue(
        chat.stream().noneMatch(m -> ((JsonObject) m).getString("text").equals("visit my site")),
        "deleted stays deleted");
    assertEquals("Shipping is free tonight", chat.getJsonObject(chat.size() - 1).getString("text"));
    JsonObject finalPoll = replay.getJsonArray("polls").getJsonObject(0);
    assertEquals("closed", finalPoll.getString("status"));
    assertEquals(2, finalPoll.getJsonArray("options").getJsonObject(0).getLong("votes"));
    assertTrue(replay.getJsonArray("questions").getJsonObject(0).getBoolean("answered"));
    assertEquals("The reveal", replay.getJsonArray("clips").getJsonObject(0).getString("title"));
    assertEquals("/api/shows/" + id + "/lots", replay.getString("lotsUrl"));
    assertEquals(
        1,
        TestNode.api()
            .get(show + "/replay/chat?after=0&limit=1")
            .expect(200)
            .json()
            .getJsonArray("items")
            .size());
  }

  @Test
  @DisplayName("a show that has not ended has no replay")
  void noReplayYet() {
    TestUser host = ShowFixtures.creator();
    long id = ShowFixtures.live(host);
    TestNode.api().get("/api/shows/" + id + "/replay").expectProblem(409, "show_not_ended");
    TestNode.api().get("/api/shows/" + id + "/replay/chat").expectProblem(409, "show_not_ended");
    TestNode.api().get("/api/shows/999999999/replay").expectProblem(404, "show_not_found");
  }
}
