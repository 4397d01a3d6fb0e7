package io.showfloor.show;

import static io.showfloor.testing.ContractOperations.expectProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.ContractOperations;
import io.showfloor.testing.ContractOperations.Operation;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the shows contract, read from the contract itself so a new endpoint is covered
 * the day it is added, gets malformed JSON, bodies of the wrong type, unknown, negative and
 * non-numeric ids — as the show's host (so authorization passes and validation is what answers) and
 * anonymously. Each answer must be a 4xx problem+json, and the show must be exactly as before.
 */
@DisplayName("Bad input to every shows endpoint gets a 4xx problem and changes nothing")
class BadInputTest {

  private static List<Operation> operations() {
    return ContractOperations.tagged("shows");
  }

  private static String fill(String path, Map<String, String> ids) {
    String filled = path;
    for (var id : ids.entrySet()) {
      filled = filled.replace("{" + id.getKey() + "}", id.getValue());
    }
    return filled;
  }

  /** Everything a viewer can see of the show, minus the live viewer count. */
  private static JsonObject state(long showId, TestUser host) {
    String show = "/api/shows/" + showId;
    JsonObject info = TestNode.api().get(show).json();
    info.remove("viewerCount");
    return new JsonObject()
        .put("show", info)
        .put("chat", TestNode.api().get(show + "/chat?limit=200").json())
        .put("staff", TestNode.api().get(show + "/staff").array())
        .put("polls", TestNode.api().get(show + "/polls").array())
        .put("questions", TestNode.api().get(show + "/questions?status=all").array())
        .put("clips", TestNode.api().get(show + "/clips").array())
        .put("sanctions", host.api().get(show + "/sanctions").array())
        .put("settings", host.api().get(show + "/chat/settings").json())
        .put("following", host.api().get("/api/me/following").array())
        .put("profile", TestNode.api().get("/api/hosts/" + host.id()).json());
  }

  @Test
  @DisplayName("malformed JSON, wrong types, unknown, negative and non-numeric ids")
  void everyEndpoint() {
    TestUser host = ShowFixtures.creator();
    TestUser viewer = Users.create();
    long showId = ShowFixtures.live(host);
    ShowTime.startedSecondsAgo(showId, 300);
    String show = "/api/shows/" + showId;
    long messageId =
        viewer
            .api()
            .post(show + "/chat", new JsonObject().put("text", "hi"))
            .expect(201)
            .json()
            .getLong("id");
    long pollId =
        host.api()
            .post(
                show + "/polls",
                new JsonObject()
                    .put("question", "Q")
                    .put("options", new JsonArray().add("a").add("b")))
            .expect(201)
            .json()
            .getLong("id");
    long questionId =
        viewer
            .api()
            .post(show + "/questions", new JsonObject().put("text", "Q?"))
            .expect(201)
            .json()
            .getLong("id");
    long clipId =
        viewer
            .api()
            .post(
                show + "/clips",
                new JsonObject().put("title", "c").put("startSeconds", 0).put("endSeconds", 10))
            .expect(201)
            .json()
            .getLong("id");
    JsonObject before = state(showId, host);

    List<Operation> operations = operations();
    assertTrue(
        operations.size() >= 50, "expected the whole shows contract, found " + operations.size());
    Map<String, String> real =
        Map.of(
            "id",
            String.valueOf(showId),
            "userId",
            String.valueOf(viewer.id()),
            "messageId",
            String.valueOf(messageId));
    int checked = 0;
    for (Operation op : operations) {
      Map<String, String> ids = new java.util.HashMap<>(real);
      if (op.path().startsWith("/api/polls/")) {
        ids.put("id", String.valueOf(pollId));
      } else if (op.path().startsWith("/api/questions/")) {
        ids.put("id", String.valueOf(questionId));
      } else if (op.path().startsWith("/api/clips/")) {
        ids.put("id", String.valueOf(clipId));
      } else if (op.path().startsWith("/api/hosts/") || op.path().startsWith("/api/admin/hosts/")) {
        ids.put("id", String.valueOf(host.id()));
      }
      if (op.hasBody()) {
        for (String junk :
            List.of(
                "{\"text\": ",
                "[1, 2]",
                "\"just a string\"",
                "{\"unexpected\": {\"deep\": true}}")) {
          expectProblem(
              host.api().send(op.method(), fill(op.path(), ids), junk, "application/json"));
          checked++;
        }
      }
      if (op.path().contains("{")) {
        for (String bad : List.of("999999999", "-1", "abc", "1.5")) {
          Map<String, String> wrong = new java.util.HashMap<>();
          ids.keySet().forEach(k -> wrong.put(k, bad));
          String body = op.hasBody() ? "{}" : null;
          expectProblem(
              host.api()
                  .send(
                      op.method(),
                      fill(op.path(), wrong),
                      body,
                      body == null ? null : "application/json"));
          expectProblem(
              TestNode.api()
                  .send(
                      op.method(),
                      fill(op.path(), wrong),
                      body,
                      body == null ? null : "application/json"));
          checked += 2;
        }
      }
    }
    for (String query :
        List.of(
            "?status=paused",
            "?limit=0",
            "?limit=201",
            "?before=-3",
            "?hostId=x",
            "?category=NOT%20A%20SLUG")) {
      expectProblem(TestNode.api().get("/api/shows" + query));
      checked++;
    }
    expectProblem(TestNode.api().get(show + "/questions?sort=hot"));
    expectProblem(TestNode.api().get("/api/clips?productId=-1"));
    assertTrue(checked > 300, "checked " + checked);
    assertEquals(before, state(showId, host), "bad input changed something");
  }
}
