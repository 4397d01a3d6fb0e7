package io.showfloor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Notification preferences per topic and channel")
class NotificationPreferencesTest {
  private final Showfloor node = TestNode.get();
  private final Notifications notifications =
      new Notifications(node.platform().db(), node.platform().events());
  private final MailOutbox outbox = new MailOutbox(node.platform().vertx());

  private static JsonObject topic(JsonObject prefs, String id) {
    return prefs.getJsonArray("topics").stream()
        .map(JsonObject.class::cast)
        .filter(t -> t.getString("topic").equals(id))
        .findFirst()
        .orElseThrow();
  }

  private long queuedMails(String dedupeKey) {
    return node.platform()
        .db()
        .one(
            "SELECT count(*) AS n FROM mail_outbox WHERE dedupe_key = $1",
            io.vertx.sqlclient.Tuple.of(dedupeKey))
        .await()
        .getLong("n");
  }

  @Test
  @DisplayName(
      "every topic starts on; switching auctions off in the app keeps outbid notices out of the unread count, and mail off stops their mail")
  void switches() {
    Users.TestUser user = Users.create();
    JsonObject initial = user.api().get("/api/me/notification-preferences").expect(200).json();
    assertEquals(5, initial.getJsonArray("topics").size());
    assertTrue(topic(initial, "auctions").getBoolean("inApp"));
    assertTrue(topic(initial, "auctions").getBoolean("mail"));

    JsonObject after =
        user.api()
            .put(
                "/api/me/notification-preferences",
                new JsonObject()
                    .put(
                        "topics",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("topic", "auctions")
                                    .put("inApp", false)
                                    .put("mail", false))
                            .add(new JsonObject().put("topic", "orders").put("mail", false))))
            .expect(200)
            .json();
    assertFalse(topic(after, "auctions").getBoolean("inApp"));
    assertFalse(topic(after, "orders").getBoolean("mail"));
    assertTrue(topic(after, "orders").getBoolean("inApp"));
    assertEquals(after, user.api().get("/api/me/notification-preferences").expect(200).json());

    notifications.send(user.id(), "outbid", new JsonObject().put("lotId", 1)).await();
    notifications.send(user.id(), "order_shipped", new JsonObject().put("orderId", 2)).await();
    JsonObject page = user.api().get("/api/me/notifications").expect(200).json();
    assertEquals(
        1, page.getInteger("unreadCount"), "only the order notice is unread: " + page.encode());
    assertEquals(2, page.getJsonArray("items").size(), "the muted one is still listed, read");

    String outbidKey = "outbid:test:" + user.id();
    String orderKey = "order-shipped-test-" + user.id();
    String payoutKey = "payout-paid-test-" + user.id();
    node.platform()
        .db()
        .tx(
            conn ->
                outbox
                    .enqueueToUser(
                        conn,
                        user.id(),
                        NotificationTopics.AUCTIONS,
                        new Mail("Outbid", "text", "<p>text</p>"),
                        outbidKey)
                    .compose(
                        v ->
                            outbox.enqueueToUser(
                                conn,
                                user.id(),
                                NotificationTopics.ORDERS,
                                new Mail("Shipped", "text", "<p>text</p>"),
                                orderKey))
                    .compose(
                        v ->
                            outbox.enqueueToUser(
                                conn,
                                user.id(),
                                NotificationTopics.MONEY,
                                new Mail("Paid", "text", "<p>text</p>"),
                                payoutKey)))
        .await();
    assertEquals(0, queuedMails(outbidKey));
    assertEquals(0, queuedMails(orderKey));
    assertEquals(1, queuedMails(payoutKey), "money mails are still on");
  }

  @Test
  @DisplayName("an unknown topic changes nothing")
  void unknownTopic() {
    Users.TestUser user = Users.create();
    user.api()
        .put(
            "/api/me/notification-preferences",
            new JsonObject()
                .put(
                    "topics",
                    new JsonArray()
                        .add(new JsonObject().put("topic", "auctions").put("mail", false))
                        .add(new JsonObject().put("topic", "gossip").put("mail", false))))
        .expectProblem(400, "unknown_topic");
    JsonObject prefs = user.api().get("/api/me/notification-preferences").expect(200).json();
    assertTrue(topic(prefs, "auctions").getBoolean("mail"));
  }
}
