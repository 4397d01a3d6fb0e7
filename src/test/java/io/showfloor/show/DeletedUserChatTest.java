package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A token of a user who no longer exists")
class DeletedUserChatTest {

  @Test
  @DisplayName("is refused with 401 on chat, over HTTP and over the WebSocket, and writes nothing")
  void refusedOnChat() {
    TestUser host = ShowFixtures.creator();
    long showId = ShowFixtures.live(host);
    TestUser gone = Users.create();
    TestNode.get()
        .platform()
        .db()
        .query("DELETE FROM users WHERE id = $1", Tuple.of(gone.id()))
        .await();

    gone.api()
        .post("/api/shows/" + showId + "/chat", new JsonObject().put("text", "hello"))
        .expectProblem(401, "invalid_token");
    try (TestSocket socket = TestSocket.open(TestNode.get().port())) {
      socket.send(new JsonObject().put("op", "auth").put("token", gone.accessToken()));
      assertEquals(401, socket.expectError("invalid_token").getInteger("status"));
      socket.send(
          new JsonObject()
              .put("op", "chat")
              .put("ref", "c1")
              .put("showId", showId)
              .put("text", "hello"));
      socket.expectError("unauthorized");
    }
    long written =
        TestNode.get()
            .platform()
            .db()
            .one("SELECT count(*) AS n FROM chat_messages WHERE show_id = $1", Tuple.of(showId))
            .await()
            .getLong("n");
    assertEquals(0, written);
  }
}
