package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Shows over the WebSocket: snapshot first, then chat fan-out, chat and presence ops")
class ShowSocketTest {
  private static final int PORT = TestNode.get().port();

  @Test
  @DisplayName(
      "a subscriber gets the show's snapshot, then every chat message in order, including one sent on another socket")
  void fanOut() {
    TestUser host = ShowFixtures.creator();
    TestUser viewer = Users.create();
    TestUser talker = Users.create();
    long id = ShowFixtures.live(host);
    viewer
        .api()
        .post("/api/shows/" + id + "/chat", new JsonObject().put("text", "before"))
        .expect(201);
    try (TestSocket watching = TestSocket.open(PORT);
        TestSocket talking = TestSocket.open(PORT)) {
      watching.auth(viewer.accessToken());
      JsonObject snapshot = watching.subscribe("show:" + id);
      assertEquals("snapshot", snapshot.getString("type"));
      assertEquals(id, snapshot.getJsonObject("data").getJsonObject("show").getLong("id"));
      assertEquals(
          "before",
          snapshot
              .getJsonObject("data")
              .getJsonArray("recentChat")
              .getJsonObject(0)
              .getString("text"));
      assertEquals("viewer", snapshot.getJsonObject("data").getJsonObject("you").getString("role"));

      viewer
          .api()
          .post("/api/shows/" + id + "/chat", new JsonObject().put("text", "over http"))
          .expect(201);
      JsonObject first = watching.nextMatching(f -> "chat.message".equals(f.getString("type")));
      assertEquals("over http", first.getJsonObject("data").getString("text"));
      assertTrue(first.getLong("seq") > snapshot.getLong("seq"));

      talking.auth(talker.accessToken());
      JsonObject result =
          talking
              .send(
                  new JsonObject()
                      .put("op", "chat")
                      .put("ref", "c1")
                      .put("showId", id)
                      .put("text", "over the socket"))
              .nextMatching(f -> "chat.result".equals(f.getString("type")));
      assertEquals("c1", result.getValue("ref"));
      assertEquals("over the socket", result.getJsonObject("data").getString("text"));
      JsonObject second = watching.nextMatching(f -> "chat.message".equals(f.getString("type")));
      assertEquals("over the socket", second.getJsonObject("data").getString("text"));
      assertTrue(second.getLong("seq") > first.getLong("seq"));

      talking.send(
          new JsonObject().put("op", "chat").put("ref", "c2").put("showId", id).put("text", " "));
      assertEquals(
          "chat_message_empty",
          talking.nextMatching(f -> "error".equals(f.getString("type"))).getString("code"));
      talking.send(
          new JsonObject().put("op", "chat").put("ref", "c3").put("showId", "x").put("text", "hi"));
      assertEquals(
          "invalid_frame",
          talking.nextMatching(f -> "error".equals(f.getString("type"))).getString("code"));
    }
  }

  @Test
  @DisplayName(
      "an anonymous socket watches (snapshot without a role) but cannot chat, and an unknown show has no topic")
  void anonymous() {
    TestUser host = ShowFixtures.creator();
    long id = ShowFixtures.live(host);
    try (TestSocket socket = TestSocket.open(PORT)) {
      JsonObject snapshot = socket.subscribe("show:" + id);
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      assertEquals(null, snapshot.getJsonObject("data").getJsonObject("you").getString("role"));
      socket.send(
          new JsonObject().put("op", "chat").put("ref", 1).put("showId", 1).put("text", "hi"));
      assertEquals(
          "unauthorized",
          socket.nextMatching(f -> "error".equals(f.getString("type"))).getString("code"));
      JsonObject missing = socket.subscribe("show:999999999");
      assertEquals("error", missing.getString("type"));
      assertEquals("show_not_found", missing.getString("code"));
    }
  }

  @Test
  @DisplayName(
      "presence on the socket: the count rises, and a connection killed without a close frame stops counting")
  void presenceAndKilledConnection() {
    TestUser host = ShowFixtures.creator();
    TestUser stays = Users.create();
    TestUser vanishes = Users.create();
    long id = ShowFixtures.live(host);
    try (TestSocket socket = TestSocket.open(PORT);
        RawWebSocket raw = new RawWebSocket(PORT)) {
      socket.auth(stays.accessToken());
      socket.subscribe("show:" + id);
      JsonObject beat =
          socket
              .send(new JsonObject().put("op", "presence").put("ref", "p1").put("showId", id))
              .nextMatching(f -> "presence.result".equals(f.getString("type")));
      assertEquals(1, beat.getJsonObject("data").getLong("viewerCount"));

      raw.send(new JsonObject().put("op", "auth").put("token", vanishes.accessToken()));
      raw.next("authenticated");
      raw.send(new JsonObject().put("op", "presence").put("ref", "p").put("showId", id));
      assertEquals(2, raw.next("presence.result").getJsonObject("data").getLong("viewerCount"));
      assertEquals(2, PresenceTest.viewerCount(id));

      raw.kill();
      // the gateway copes (the other socket still gets events) and nobody sent a goodbye;
      // once the vanished viewer's last heartbeat is older than the window, they no longer count
      host.api()
          .post("/api/shows/" + id + "/chat", new JsonObject().put("text", "still here?"))
          .expect(201);
      socket.nextMatching(f -> "chat.message".equals(f.getString("type")));
      PresenceTest.lastHeartbeatLongAgo(id, "u:" + vanishes.id());
      assertEquals(
          1,
          socket
              .send(new JsonObject().put("op", "presence").put("ref", "p2").put("showId", id))
              .nextMatching(f -> "presence.result".equals(f.getString("type")))
              .getJsonObject("data")
              .getLong("viewerCount"));
    }
  }
}
