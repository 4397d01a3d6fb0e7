package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Polls and Q&A in a live show")
class PollsAndQuestionsTest {

  private static JsonObject poll(String question, String... options) {
    JsonArray list = new JsonArray();
    for (String o : options) {
      list.add(o);
    }
    return new JsonObject().put("question", question).put("options", list);
  }

  @Test
  @DisplayName(
      "the host asks, viewers vote once, everyone sees the results live, closing freezes them")
  void poll() {
    TestUser host = ShowFixtures.creator();
    TestUser a = Users.create();
    TestUser b = Users.create();
    TestUser c = Users.create();
    long id = ShowFixtures.live(host);
    try (TopicRecorder topic = TopicRecorder.show(id)) {
      a.api()
          .post("/api/shows/" + id + "/polls", poll("Mine?", "x", "y"))
          .expectProblem(403, "not_show_host");
      JsonObject created =
          host.api()
              .post("/api/shows/" + id + "/polls", poll("Next item?", "Jordans", "Yeezys", "Dunks"))
              .expect(201)
              .json();
      long pollId = created.getLong("id");
      topic.await("poll.opened", d -> d.getLong("id") == pollId);
      host.api()
          .post("/api/shows/" + id + "/polls", poll("Another?", "a", "b"))
          .expectProblem(409, "poll_already_open");

      a.api()
          .post("/api/polls/" + pollId + "/votes", new JsonObject().put("option", 1))
          .expect(201);
      b.api()
          .post("/api/polls/" + pollId + "/votes", new JsonObject().put("option", 1))
          .expect(201);
      JsonObject afterC =
          c.api()
              .post("/api/polls/" + pollId + "/votes", new JsonObject().put("option", 0))
              .expect(201)
              .json();
      assertEquals(0, afterC.getInteger("myVote"));
      assertEquals(3, afterC.getLong("totalVotes"));
      assertEquals(2, afterC.getJsonArray("options").getJsonObject(1).getLong("votes"));
      JsonObject live =
          topic.await("poll.results", d -> d.getLong("totalVotes") == 3).getJsonObject("data");
      assertFalse(live.containsKey("myVote"), "the broadcast carries nobody's own vote");

      a.api()
          .post("/api/polls/" + pollId + "/votes", new JsonObject().put("option", 2))
          .expectProblem(409, "already_voted");
      a.api()
          .post("/api/polls/" + pollId + "/votes", new JsonObject().put("option", 3))
          .expectProblem(400, "invalid_option");
      a.api()
          .post("/api/polls/" + pollId + "/votes", new JsonObject().put("option", -1))
          .expectProblem(400, "validation_failed");
      a.api()
          .post("/api/polls/999999999/votes", new JsonObject().put("option", 0))
          .expectProblem(404, "poll_not_found");
      assertEquals(1, a.api().get("/api/polls/" + pollId).expect(200).json().getInteger("myVote"));
      assertNull(TestNode.api().get("/api/polls/" + pollId).json().getInteger("myVote"));

      a.api().post("/api/polls/" + pollId + "/close").expectProblem(403, "not_show_host");
      host.api().post("/api/polls/" + pollId + "/close").expect(200);
      topic.await("poll.closed", d -> d.getLong("id") == pollId);
      host.api().post("/api/polls/" + pollId + "/close").expectProblem(409, "poll_closed");
      TestUser late = Users.create();
      late.api()
          .post("/api/polls/" + pollId + "/votes", new JsonObject().put("option", 0))
          .expectProblem(409, "poll_closed");
      assertEquals(3, TestNode.api().get("/api/polls/" + pollId).json().getLong("totalVotes"));
    }
  }

  @Test
  @DisplayName("bad polls are refused: too few or repeated options, blank question, show not live")
  void badPolls() {
    TestUser host = ShowFixtures.creator();
    long id = ShowFixtures.scheduled(host);
    String path = "/api/shows/" + id + "/polls";
    host.api().post(path, poll("Q", "a", "b")).expectProblem(409, "show_not_live");
    host.api().post("/api/shows/" + id + "/start").expect(200);
    host.api().post(path, poll("Q", "only")).expectProblem(400, "validation_failed");
    host.api()
        .post(path, poll("Q", "a", "b", "c", "d", "e", "f", "g"))
        .expectProblem(400, "validation_failed");
    host.api().post(path, poll("Q", "Same", "same")).expectProblem(400, "invalid_options");
    host.api().post(path, poll("Q", "a", "  ")).expectProblem(400, "invalid_options");
    host.api().post(path, poll("   ", "a", "b")).expectProblem(400, "invalid_question");
    assertEquals(0, TestNode.api().get(path).expect(200).array().size());
  }

  @Test
  @DisplayName("ending the show closes its open poll")
  void endClosesPoll() {
    TestUser host = ShowFixtures.creator();
    long id = ShowFixtures.live(host);
    long pollId =
        host.api()
            .post("/api/shows/" + id + "/polls", poll("Q", "a", "b"))
            .expect(201)
            .json()
            .getLong("id");
    host.api().post("/api/shows/" + id + "/end").expect(200);
    assertEquals("closed", TestNode.api().get("/api/polls/" + pollId).json().getString("status"));
  }

  @Test
  @DisplayName("viewers ask, others upvote once, the host marks questions answered")
  void questions() {
    TestUser host = ShowFixtures.creator();
    TestUser asker = Users.create();
    TestUser fan = Users.create();
    TestUser fan2 = Users.create();
    long id = ShowFixtures.live(host);
    String path = "/api/shows/" + id + "/questions";
    try (TopicRecorder topic = TopicRecorder.show(id)) {
      long q1 =
          asker
              .api()
              .post(path, new JsonObject().put("text", "What size?"))
              .expect(201)
              .json()
              .getLong("id");
      long q2 =
          fan.api()
              .post(path, new JsonObject().put("text", "Ships to Canada?"))
              .expect(201)
              .json()
              .getLong("id");
      topic.await("question.asked", d -> d.getLong("id") == q2);

      fan.api().post("/api/questions/" + q1 + "/upvote").expect(200);
      JsonObject up = fan2.api().post("/api/questions/" + q1 + "/upvote").expect(200).json();
      assertEquals(2, up.getInteger("upvotes"));
      topic.await("question.upvoted", d -> d.getLong("id") == q1 && d.getInteger("upvotes") == 2);
      fan.api().post("/api/questions/" + q1 + "/upvote").expectProblem(409, "already_upvoted");
      asker.api().post("/api/questions/" + q1 + "/upvote").expectProblem(409, "own_question");
      fan.api().post("/api/questions/999999999/upvote").expectProblem(404, "question_not_found");

      JsonArray top = TestNode.api().get(path).expect(200).array();
      assertEquals(q1, top.getJsonObject(0).getLong("id"));
      assertEquals(
          q2, TestNode.api().get(path + "?sort=new").array().getJsonObject(0).getLong("id"));

      asker.api().post("/api/questions/" + q1 + "/answer").expectProblem(403, "not_show_host");
      JsonObject answered = host.api().post("/api/questions/" + q1 + "/answer").expect(200).json();
      assertTrue(answered.getBoolean("answered"));
      topic.await("question.answered", d -> d.getLong("id") == q1);
      host.api().post("/api/questions/" + q1 + "/answer").expectProblem(409, "already_answered");
      assertEquals(1, TestNode.api().get(path + "?status=open").array().size());
      assertEquals(1, TestNode.api().get(path + "?status=answered").array().size());
    }
    asker.api().post(path, new JsonObject().put("text", " ")).expectProblem(400, "invalid_text");
    asker
        .api()
        .post(path, new JsonObject().put("text", "x".repeat(301)))
        .expectProblem(400, "validation_failed");
    TestNode.api().get(path + "?sort=hot").expectProblem(400, "validation_failed");
  }
}
