package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The gateway's snapshot.show request gets the whole current state of a show")
class ShowSnapshotTest {

  private static JsonObject snapshot(long showId, long userId) {
    return TestNode.get()
        .vertx()
        .eventBus()
        .<JsonObject>request(
            "snapshot.show", new JsonObject().put("id", showId).put("userId", userId))
        .await()
        .body();
  }

  @Test
  @DisplayName(
      "show, viewers, pinned message, recent chat oldest first, open poll with my vote, questions, reactions, my standing")
  void whole() {
    TestUser host = ShowFixtures.creator();
    TestUser viewer = Users.create();
    TestUser quiet = Users.create();
    long id = ShowFixtures.live(host);
    String path = "/api/shows/" + id;
    viewer.api().post(path + "/chat", new JsonObject().put("text", "one")).expect(201);
    viewer.api().post(path + "/chat", new JsonObject().put("text", "two")).expect(201);
    host.api().post(path + "/pin", new JsonObject().put("text", "Welcome")).expect(200);
    long poll =
        host.api()
            .post(
                path + "/polls",
                new JsonObject()
                    .put("question", "Q")
                    .put("options", new io.vertx.core.json.JsonArray().add("a").add("b")))
            .expect(201)
            .json()
            .getLong("id");
    viewer
        .api()
        .post("/api/polls/" + poll + "/votes", new JsonObject().put("option", 1))
        .expect(201);
    viewer.api().post(path + "/questions", new JsonObject().put("text", "Size?")).expect(201);
    viewer.api().post(path + "/reactions", new JsonObject().put("emoji", "fire")).expect(200);
    viewer.api().post(path + "/presence", new JsonObject()).expect(200);
    host.api()
        .post(path + "/timeouts", new JsonObject().put("userId", quiet.id()).put("minutes", 2))
        .expect(201);

    JsonObject mine = snapshot(id, viewer.id());
    assertEquals("live", mine.getJsonObject("show").getString("status"));
    assertEquals(1, mine.getLong("viewerCount"));
    assertEquals("Welcome", mine.getJsonObject("pinned").getString("text"));
    var chat = mine.getJsonArray("recentChat");
    assertEquals("one", chat.getJsonObject(0).getString("text"));
    assertEquals("Welcome", chat.getJsonObject(chat.size() - 1).getString("text"));
    assertEquals(1, mine.getJsonObject("activePoll").getInteger("myVote"));
    assertEquals("Size?", mine.getJsonArray("questions").getJsonObject(0).getString("text"));
    assertEquals(1, mine.getJsonObject("reactions").getLong("fire"));
    assertEquals("viewer", mine.getJsonObject("you").getString("role"));

    assertEquals("host", snapshot(id, host.id()).getJsonObject("you").getString("role"));
    assertTrue(snapshot(id, quiet.id()).getJsonObject("you").getString("timedOutUntil") != null);
    assertNull(snapshot(id, 0).getJsonObject("activePoll").getInteger("myVote"));
    ReplyException missing = assertThrows(ReplyException.class, () -> snapshot(999_999_999L, 0));
    assertEquals(404, missing.failureCode());
  }
}
