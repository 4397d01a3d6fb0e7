package io.showfloor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.showfloor.Showfloor;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("In-app notifications and the me snapshot")
class NotificationsTest {
  private final Showfloor node = TestNode.get();
  private final Notifications notifications =
      new Notifications(node.platform().db(), node.platform().events());

  @Test
  @DisplayName(
      "a notification is pushed on the user's topic, listed with the unread count, and read")
  void pushedListedRead() throws Exception {
    Users.TestUser ann = Users.create();
    CompletableFuture<JsonObject> pushed = new CompletableFuture<>();
    MessageConsumer<JsonObject> consumer =
        node.vertx()
            .eventBus()
            .consumer("topic.user." + ann.id(), message -> pushed.complete(message.body()));
    consumer.completion().await();
    try {
      Notification sent =
          notifications
              .send(ann.id(), "outbid", new JsonObject().put("lotId", 42).put("amountCents", 1500))
              .await();
      JsonObject frame = pushed.get(5, TimeUnit.SECONDS);
      assertEquals("user:" + ann.id(), frame.getString("topic"));
      assertEquals("notification", frame.getString("type"));
      assertEquals(sent.id(), frame.getJsonObject("data").getLong("id"));
      assertEquals(42, frame.getJsonObject("data").getJsonObject("payload").getInteger("lotId"));
    } finally {
      consumer.unregister().await();
    }

    JsonObject page = ann.api().get("/api/me/notifications").expect(200).json();
    assertEquals(1, page.getInteger("unreadCount"));
    JsonObject item = page.getJsonArray("items").getJsonObject(0);
    assertEquals("outbid", item.getString("kind"));
    assertEquals(1500, item.getJsonObject("payload").getInteger("amountCents"));

    Users.create()
        .api()
        .post("/api/me/notifications/" + item.getLong("id") + "/read")
        .expectProblem(404, "notification_not_found");
    ann.api().post("/api/me/notifications/" + item.getLong("id") + "/read").expect(204);
    JsonObject after = ann.api().get("/api/me/notifications").expect(200).json();
    assertEquals(0, after.getInteger("unreadCount"));
    assertNotNull(after.getJsonArray("items").getJsonObject(0).getString("readAt"));
  }

  @Test
  @DisplayName("unread ones can be listed alone, paged newest first, and all marked read at once")
  void unreadAndPaging() {
    Users.TestUser bo = Users.create();
    for (int i = 1; i <= 3; i++) {
      notifications.send(bo.id(), "order_shipped", new JsonObject().put("orderId", i)).await();
    }
    JsonObject first = bo.api().get("/api/me/notifications?limit=2").expect(200).json();
    assertEquals(2, first.getJsonArray("items").size());
    assertEquals(
        3,
        first
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonObject("payload")
            .getInteger("orderId"));
    JsonObject second =
        bo.api()
            .get("/api/me/notifications?limit=2&before=" + first.getLong("nextBefore"))
            .expect(200)
            .json();
    assertEquals(1, second.getJsonArray("items").size());
    assertEquals(
        1,
        second
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonObject("payload")
            .getInteger("orderId"));

    long oldest = second.getJsonArray("items").getJsonObject(0).getLong("id");
    bo.api().post("/api/me/notifications/" + oldest + "/read").expect(204);
    assertEquals(
        2,
        bo.api()
            .get("/api/me/notifications?unread=true")
            .expect(200)
            .json()
            .getJsonArray("items")
            .size());
    bo.api().post("/api/me/notifications/read-all").expect(204);
    JsonObject none = bo.api().get("/api/me/notifications?unread=true").expect(200).json();
    assertEquals(0, none.getJsonArray("items").size());
    assertEquals(0, none.getInteger("unreadCount"));
    TestNode.api().get("/api/me/notifications").expectProblem(401, "unauthorized");
  }

  @Test
  @DisplayName(
      "the me snapshot says who the user is and how many notifications wait, to that user only")
  void meSnapshot() {
    Users.TestUser cy = Users.create("seller");
    notifications.send(cy.id(), "won", new JsonObject().put("lotId", 9)).await();
    JsonObject snapshot =
        node.vertx()
            .eventBus()
            .<JsonObject>request(
                "snapshot.user",
                new JsonObject().put("id", String.valueOf(cy.id())).put("userId", cy.id()))
            .await()
            .body();
    assertEquals(cy.id(), snapshot.getLong("id"));
    assertEquals(cy.displayName(), snapshot.getString("displayName"));
    assertEquals(new JsonArray().add("viewer").add("seller"), snapshot.getJsonArray("roles"));
    assertEquals(1, snapshot.getInteger("unreadNotifications"));

    Throwable refused =
        assertThrows(
            Throwable.class,
            () ->
                node.vertx()
                    .eventBus()
                    .request(
                        "snapshot.user",
                        new JsonObject().put("id", cy.id()).put("userId", cy.id() + 1))
                    .await());
    assertInstanceOf(ReplyException.class, refused);
    assertEquals(403, ((ReplyException) refused).failureCode());
  }
}
