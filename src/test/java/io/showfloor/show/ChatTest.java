package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Chat in a live show: checked, limited, stored and fanned out")
class ChatTest {

  private static JsonObject text(String text) {
    return new JsonObject().put("text", text);
  }

  @Test
  @DisplayName(
      "a message is stored, listed newest first and published as chat.message with a sequence number")
  void fanOut() {
    TestUser host = ShowFixtures.creator();
    TestUser viewer = Users.create();
    long id = ShowFixtures.live(host);
    try (TopicRecorder topic = TopicRecorder.show(id)) {
      JsonObject first =
          viewer.api().post("/api/shows/" + id + "/chat", text("  hello  ")).expect(201).json();
      assertEquals("hello", first.getString("text"));
      viewer.api().post("/api/shows/" + id + "/chat", text("second")).expect(201);
      JsonObject frame =
          topic.await("chat.message", d -> d.getLong("id").equals(first.getLong("id")));
      assertEquals("show:" + id, frame.getString("topic"));
      assertEquals(viewer.displayName(), frame.getJsonObject("data").getString("displayName"));
      assertNotNull(frame.getString("serverTime"));
      JsonObject second = topic.await("chat.message", d -> d.getString("text").equals("second"));
      assertTrue(second.getLong("seq") > frame.getLong("seq"));
    }
    JsonArray items =
        TestNode.api().get("/api/shows/" + id + "/chat").expect(200).json().getJsonArray("items");
    assertEquals("second", items.getJsonObject(0).getString("text"));
    assertEquals("hello", items.getJsonObject(1).getString("text"));
  }

  @Test
  @DisplayName(
      "empty, too long or off-contract messages are refused with a clear code and stored nowhere")
  void badMessages() {
    TestUser host = ShowFixtures.creator();
    TestUser viewer = Users.create();
    long id = ShowFixtures.live(host);
    String path = "/api/shows/" + id + "/chat";
    viewer.api().post(path, text("")).expectProblem(400, "chat_message_empty");
    viewer.api().post(path, text(" \n\t ")).expectProblem(400, "chat_message_empty");
    viewer.api().post(path, text("x".repeat(501))).expectProblem(400, "chat_message_too_long");
    viewer.api().post(path, text("y".repeat(4001))).expectProblem(400, "validation_failed");
    viewer.api().post(path, new JsonObject()).expectProblem(400, "validation_failed");
    viewer
        .api()
        .post(path, new JsonObject().put("text", 5))
        .expectProblem(400, "validation_failed");
    viewer
        .api()
        .send("POST", path, "{\"text\":", "application/json")
        .expectProblem(400, "validation_failed");
    TestNode.api().post(path, text("anon")).expectProblem(401, "unauthorized");
    viewer.api().post("/api/shows/999999999/chat", text("hi")).expectProblem(404, "show_not_found");
    assertEquals(0, TestNode.api().get(path).json().getJsonArray("items").size());
    // 500 emoji are 500 characters, though 1,000 UTF-16 units
    viewer.api().post(path, text("🔥".repeat(500))).expect(201);
  }

  @Test
  @DisplayName("chat is open only while the show is live")
  void onlyLive() {
    TestUser host = ShowFixtures.creator();
    long id = ShowFixtures.scheduled(host);
    host.api()
        .post("/api/shows/" + id + "/chat", text("early"))
        .expectProblem(409, "show_not_live");
    host.api().post("/api/shows/" + id + "/start").expect(200);
    host.api().post("/api/shows/" + id + "/chat", text("now")).expect(201);
    host.api().post("/api/shows/" + id + "/end").expect(200);
    host.api().post("/api/shows/" + id + "/chat", text("late")).expectProblem(409, "show_not_live");
  }

  @Test
  @DisplayName("a viewer may send 5 messages per 10 s; the 6th is refused with Retry-After")
  void rateLimit() {
    TestUser host = ShowFixtures.creator();
    TestUser viewer = Users.create();
    long id = ShowFixtures.live(host);
    for (int i = 0; i < 5; i++) {
      viewer.api().post("/api/shows/" + id + "/chat", text("msg " + i)).expect(201);
    }
    var refused = viewer.api().post("/api/shows/" + id + "/chat", text("one too many"));
    refused.expectProblem(429, "rate_limited");
    assertNotNull(refused.header("Retry-After"));
    assertEquals(
        5, TestNode.api().get("/api/shows/" + id + "/chat").json().getJsonArray("items").size());
  }

  @Test
  @DisplayName("slow mode lets a viewer speak once per interval; staff are exempt")
  void slowMode() {
    TestUser host = ShowFixtures.creator();
    TestUser viewer = Users.create();
    long id = ShowFixtures.live(host);
    try (TopicRecorder topic = TopicRecorder.show(id)) {
      host.api()
          .put("/api/shows/" + id + "/chat/settings", new JsonObject().put("slowModeSeconds", 30))
          .expect(200);
      assertEquals(
          30, topic.await("chat.settings").getJsonObject("data").getInteger("slowModeSeconds"));
    }
    assertEquals(30, TestNode.api().get("/api/shows/" + id).json().getInteger("slowModeSeconds"));
    viewer.api().post("/api/shows/" + id + "/chat", text("first")).expect(201);
    var slowed = viewer.api().post("/api/shows/" + id + "/chat", text("second"));
    slowed.expectProblem(429, "slow_mode");
    int retry = Integer.parseInt(slowed.header("Retry-After"));
    assertTrue(retry > 0 && retry <= 30, "Retry-After " + retry);
    host.api().post("/api/shows/" + id + "/chat", text("host 1")).expect(201);
    host.api().post("/api/shows/" + id + "/chat", text("host 2")).expect(201);
    viewer
        .api()
        .put("/api/shows/" + id + "/chat/settings", new JsonObject().put("slowModeSeconds", 0))
        .expectProblem(403, "not_show_moderator");
    host.api()
        .put("/api/shows/" + id + "/chat/settings", new JsonObject().put("slowModeSeconds", 3601))
        .expectProblem(400, "validation_failed");
  }

  @Test
  @DisplayName(
      "blocked words, per show and platform-wide, are refused as whole words in any case or width")
  void blockedWords() {
    TestUser host = ShowFixtures.creator();
    TestUser viewer = Users.create();
    TestUser admin = Users.create("admin");
    long id = ShowFixtures.live(host);
    String path = "/api/shows/" + id + "/chat";
    JsonObject settings =
        host.api()
            .put(
                path + "/settings",
                new JsonObject().put("blockedWords", new JsonArray().add("Scam Link").add("fakes")))
            .expect(200)
            .json();
    assertEquals(
        new JsonArray().add("fakes").add("scam link"), settings.getJsonArray("blockedWords"));
    String platformWord = "zorgblat" + id;
    admin
        .api()
        .put(
            "/api/admin/chat/blocked-words",
            new JsonObject().put("words", new JsonArray().add(platformWord)))
        .expect(200);
    try {
      viewer.api().post(path, text("all FAKES here")).expectProblem(422, "chat_message_blocked");
      viewer
          .api()
          .post(path, text("click this scam   link!"))
          .expectProblem(422, "chat_message_blocked");
      viewer.api().post(path, text("ｆａｋｅｓ")).expectProblem(422, "chat_message_blocked");
      viewer
          .api()
          .post(path, text("so " + platformWord.toUpperCase()))
          .expectProblem(422, "chat_message_blocked");
      viewer.api().post(path, text("fakesy is a brand, scam is a word")).expect(201);
      viewer.api().get("/api/admin/chat/blocked-words").expectProblem(403, "role_required");
      viewer.api().get(path + "/settings").expectProblem(403, "not_show_moderator");
      host.api()
          .put(path + "/settings", new JsonObject().put("blockedWords", new JsonArray().add("!!!")))
          .expectProblem(400, "invalid_blocked_word");
      assertEquals(
          2,
          host.api()
              .get(path + "/settings")
              .expect(200)
              .json()
              .getJsonArray("blockedWords")
              .size());
    } finally {
      admin
          .api()
          .put("/api/admin/chat/blocked-words", new JsonObject().put("words", new JsonArray()))
          .expect(200);
    }
  }

  @Test
  @DisplayName("a retried message with the same Idempotency-Key is stored and published once")
  void idempotent() {
    TestUser host = ShowFixtures.creator();
    TestUser viewer = Users.create();
    long id = ShowFixtures.live(host);
    var api = viewer.api().with("Idempotency-Key", "msg-1");
    long first =
        api.post("/api/shows/" + id + "/chat", text("once")).expect(201).json().getLong("id");
    long again =
        api.post("/api/shows/" + id + "/chat", text("once")).expect(201).json().getLong("id");
    assertEquals(first, again);
    assertEquals(
        1, TestNode.api().get("/api/shows/" + id + "/chat").json().getJsonArray("items").size());
  }

  @Test
  @DisplayName("staff delete messages, pin announcements, and viewers react")
  void deletePinReact() {
    TestUser host = ShowFixtures.creator();
    TestUser mod = Users.create();
    TestUser viewer = Users.create();
    TestUser other = Users.create();
    long id = ShowFixtures.live(host);
    host.api()
        .put("/api/shows/" + id + "/staff/" + mod.id(), new JsonObject().put("role", "moderator"))
        .expect(200);
    String path = "/api/shows/" + id;
    long message = viewer.api().post(path + "/chat", text("rude")).expect(201).json().getLong("id");
    try (TopicRecorder topic = TopicRecorder.show(id)) {
      other.api().delete(path + "/chat/" + message).expectProblem(403, "not_show_moderator");
      mod.api().delete(path + "/chat/" + message).expect(204);
      topic.await("chat.deleted", d -> d.getLong("id") == message);
      mod.api().delete(path + "/chat/999999999").expectProblem(404, "message_not_found");
      assertEquals(0, TestNode.api().get(path + "/chat").json().getJsonArray("items").size());

      long own = viewer.api().post(path + "/chat", text("typo")).expect(201).json().getLong("id");
      viewer.api().delete(path + "/chat/" + own).expect(204);

      JsonObject pinned =
          host.api().post(path + "/pin", text("Free shipping tonight")).expect(200).json();
      assertEquals("announcement", pinned.getString("kind"));
      topic.await("chat.pinned", d -> d.getString("text").equals("Free shipping tonight"));
      assertEquals(
          pinned.getLong("id"), TestNode.api().get(path).json().getLong("pinnedMessageId"));
      viewer.api().post(path + "/pin", text("me me me")).expectProblem(403, "not_show_moderator");
      host.api()
          .post(path + "/pin", new JsonObject())
          .expectProblem(400, "pin_needs_text_or_message");
      host.api()
          .post(path + "/pin", new JsonObject().put("messageId", message))
          .expectProblem(404, "message_not_found");
      mod.api().delete(path + "/pin").expect(204);
      topic.await("chat.unpinned");
      assertNull(TestNode.api().get(path).json().getLong("pinnedMessageId"));
      mod.api().delete(path + "/pin").expectProblem(404, "nothing_pinned");

      viewer.api().post(path + "/reactions", new JsonObject().put("emoji", "heart")).expect(200);
      JsonObject second =
          other
              .api()
              .post(path + "/reactions", new JsonObject().put("emoji", "heart"))
              .expect(200)
              .json();
      assertEquals(2, second.getLong("count"));
      topic.await("reaction", d -> d.getLong("count") == 2);
      viewer
          .api()
          .post(path + "/reactions", new JsonObject().put("emoji", "poop"))
          .expectProblem(400, "validation_failed");
    }
  }

  @Test
  @DisplayName(
      "a timed-out viewer cannot chat until the timeout ends or is lifted; a banned one loses chat and video")
  void timeoutAndBan() {
    TestUser host = ShowFixtures.creator();
    TestUser mod = Users.create();
    TestUser viewer = Users.create();
    TestUser troll = Users.create();
    long id = ShowFixtures.live(host);
    host.api()
        .put("/api/shows/" + id + "/staff/" + mod.id(), new JsonObject().put("role", "moderator"))
        .expect(200);
    String path = "/api/shows/" + id;

    JsonObject timeout =
        mod.api()
            .post(
                path + "/timeouts",
                new JsonObject().put("userId", viewer.id()).put("minutes", 5).put("reason", "spam"))
            .expect(201)
            .json();
    assertNotNull(timeout.getString("until"));
    viewer.api().post(path + "/chat", text("let me talk")).expectProblem(403, "timed_out");
    viewer.api().post(path + "/token").expect(200);
    mod.api().delete(path + "/timeouts/" + viewer.id()).expect(204);
    mod.api().delete(path + "/timeouts/" + viewer.id()).expectProblem(404, "not_timed_out");
    viewer.api().post(path + "/chat", text("thanks")).expect(201);

    troll.api().post(path + "/chat", text("buy my stuff")).expect(201);
    JsonObject ban =
        mod.api()
            .post(
                path + "/bans",
                new JsonObject().put("userId", troll.id()).put("deleteMessages", true))
            .expect(201)
            .json();
    assertEquals(1, ban.getInteger("deletedMessages"));
    assertEquals("not_configured", ban.getString("video"));
    troll.api().post(path + "/chat", text("hello?")).expectProblem(403, "banned_from_show");
    troll.api().post(path + "/token").expectProblem(403, "banned_from_show");
    troll
        .api()
        .post(path + "/reactions", new JsonObject().put("emoji", "heart"))
        .expectProblem(403, "banned_from_show");
    JsonArray sanctions = mod.api().get(path + "/sanctions").expect(200).array();
    assertEquals(1, sanctions.size());
    assertEquals("ban", sanctions.getJsonObject(0).getString("kind"));
    viewer.api().get(path + "/sanctions").expectProblem(403, "not_show_moderator");

    mod.api()
        .post(path + "/bans", new JsonObject().put("userId", host.id()))
        .expectProblem(409, "cannot_moderate_staff");
    mod.api()
        .post(path + "/timeouts", new JsonObject().put("userId", mod.id()).put("minutes", 1))
        .expectProblem(409, "cannot_moderate_staff");
    viewer
        .api()
        .post(path + "/bans", new JsonObject().put("userId", troll.id()))
        .expectProblem(403, "not_show_moderator");
    mod.api()
        .post(path + "/bans", new JsonObject().put("userId", 999999999L))
        .expectProblem(404, "user_not_found");
    mod.api()
        .post(path + "/timeouts", new JsonObject().put("userId", viewer.id()).put("minutes", 0))
        .expectProblem(400, "validation_failed");
    mod.api()
        .post(path + "/timeouts", new JsonObject().put("userId", viewer.id()).put("minutes", 10081))
        .expectProblem(400, "validation_failed");

    mod.api().delete(path + "/bans/" + troll.id()).expect(204);
    troll.api().post(path + "/chat", text("sorry")).expect(201);
  }
}
