package io.showfloor.moderation;

import static io.showfloor.moderation.ModerationFixture.act;
import static io.showfloor.moderation.ModerationFixture.audit;
import static io.showfloor.moderation.ModerationFixture.decision;
import static io.showfloor.moderation.ModerationFixture.item;
import static io.showfloor.moderation.ModerationFixture.liveShow;
import static io.showfloor.moderation.ModerationFixture.moderator;
import static io.showfloor.moderation.ModerationFixture.notifications;
import static io.showfloor.moderation.ModerationFixture.report;
import static io.showfloor.moderation.ModerationFixture.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Products;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Moderators act on queue items through each domain's own code")
class QueueActionsTest {

  @Test
  @DisplayName(
      "removing a reported chat message from the queue takes it off every viewer's screen, like a host deletion")
  void removeChatMessageLive() {
    TestUser host = Users.create("creator");
    TestUser troll = Users.create();
    TestUser viewer = Users.create();
    TestUser reporter = Users.create();
    TestUser mod = moderator();
    long show = liveShow(host);
    long message = say(troll, show, "you all are idiots");
    JsonObject report = report(reporter, "chat_message", message, "harassment");

    try (TestSocket socket = TestSocket.open(TestNode.get().port())) {
      socket.auth(viewer.accessToken());
      JsonObject snapshot = socket.subscribe("show:" + show);
      assertTrue(
          snapshot.getJsonObject("data").getJsonArray("recentChat").stream()
              .anyMatch(m -> ((JsonObject) m).getLong("id") == message),
          "the viewer sees the message first");

      JsonObject done =
          act(mod, report.getLong("itemId"), decision("remove_content").put("note", "insults"));
      assertEquals("actioned", done.getJsonObject("item").getString("status"));
      assertEquals(
          "remove_content",
          done.getJsonObject("item").getJsonObject("resolution").getString("action"));
      assertEquals(1, done.getJsonObject("effect").getInteger("reportsUpheld"));

      JsonObject deleted = socket.nextMatching(f -> "chat.deleted".equals(f.getString("type")));
      assertEquals(message, deleted.getJsonObject("data").getLong("id"));
      assertEquals("show:" + show, deleted.getString("topic"));
    }
    assertTrue(
        TestNode.api().get("/api/shows/" + show + "/chat").json().getJsonArray("items").stream()
            .noneMatch(m -> ((JsonObject) m).getLong("id") == message),
        "gone from the chat history too");
    assertEquals(
        "upheld",
        reporter
            .api()
            .get("/api/reports")
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("status"));
    JsonObject notice =
        notifications(reporter, "report.resolved").getJsonObject(0).getJsonObject("payload");
    assertEquals("upheld", notice.getString("outcome"));
    assertEquals(report.getLong("id"), notice.getLong("reportId"));
    mod.api()
        .post("/api/moderation/items/" + report.getLong("itemId") + "/actions", decision("dismiss"))
        .expectProblem(409, "item_closed");

    JsonArray trail = audit(mod, "?targetType=chat_message&targetId=" + message);
    assertEquals(
        1,
        trail.size(),
        "the queue action once, not again as the show's deletion: " + trail.encode());
    assertEquals("queue", trail.getJsonObject(0).getString("source"));
    assertEquals("remove_content", trail.getJsonObject(0).getString("action"));
    assertEquals(mod.id(), trail.getJsonObject(0).getLong("actorId"));
    assertEquals("insults", trail.getJsonObject(0).getString("reason"));
  }

  @Test
  @DisplayName(
      "dismissing marks every report dismissed and tells each reporter; nothing else changes")
  void dismiss() {
    TestUser target = Users.create();
    TestUser a = Users.create();
    TestUser b = Users.create();
    long itemId = report(a, "user", target.id(), "fraud").getLong("itemId");
    report(b, "user", target.id(), "spam");
    JsonObject done = act(moderator(), itemId, decision("dismiss"));
    assertEquals("dismissed", done.getJsonObject("item").getString("status"));
    assertEquals(2, done.getJsonObject("effect").getInteger("reportsDismissed"));
    for (TestUser reporter : new TestUser[] {a, b}) {
      assertEquals(
          "dismissed",
          reporter
              .api()
              .get("/api/reports")
              .json()
              .getJsonArray("items")
              .getJsonObject(0)
              .getString("status"));
      assertEquals(
          "dismissed",
          notifications(reporter, "report.resolved")
              .getJsonObject(0)
              .getJsonObject("payload")
              .getString("outcome"));
    }
    target.api().get("/api/me").expect(200);
    JsonObject fresh = report(a, "user", target.id(), "fraud");
    assertFalse(
        fresh.getLong("itemId") == itemId, "a new report on a decided target opens a new item");
  }

  @Test
  @DisplayName(
      "timeout and ban from the queue use the show's sanctions: the author cannot chat, the show sees the frames")
  void timeoutAndBan() {
    TestUser host = Users.create("creator");
    TestUser troll = Users.create();
    TestUser mod = moderator();
    long show = liveShow(host);
    long first = say(troll, show, "spam spam");
    long item = report(Users.create(), "chat_message", first, "spam").getLong("itemId");
    mod.api()
        .post("/api/moderation/items/" + item + "/actions", decision("timeout_user"))
        .expectProblem(400, "validation_failed");
    mod.api()
        .post("/api/moderation/items/" + item + "/actions", decision("warn_user").put("minutes", 5))
        .expectProblem(400, "validation_failed");
    JsonObject done =
        act(mod, item, decision("timeout_user").put("minutes", 10).put("note", "cool off"));
    assertEquals(10, done.getJsonObject("effect").getInteger("timedOutMinutes"));
    troll
        .api()
        .post("/api/shows/" + show + "/chat", new JsonObject().put("text", "again"))
        .expectProblem(403, "timed_out");
    JsonArray sanctions = host.api().get("/api/shows/" + show + "/sanctions").expect(200).array();
    assertEquals("timeout", sanctions.getJsonObject(0).getString("kind"));
    assertEquals(mod.id(), sanctions.getJsonObject(0).getLong("issuedBy"));

    TestUser other = Users.create();
    long second = say(other, show, "scam link");
    long banItem = report(Users.create(), "chat_message", second, "fraud").getLong("itemId");
    act(mod, banItem, decision("ban_from_show"));
    other
        .api()
        .post("/api/shows/" + show + "/chat", new JsonObject().put("text", "hi"))
        .expectProblem(403, "banned_from_show");
  }

  @Test
  @DisplayName(
      "a suspended user cannot use the API or log in until the suspension ends, and is told why")
  void suspend() {
    var person = io.showfloor.testing.TestNode.api().fromNewAddress();
    String email = "suspended" + System.nanoTime() + "@example.test";
    String password = "Correct-horse-9";
    long userId =
        person
            .post(
                "/api/auth/signup",
                new JsonObject()
                    .put("email", email)
                    .put("password", password)
                    .put("displayName", "Soon suspended"))
            .expect(201)
            .json()
            .getJsonObject("user")
            .getLong("id");
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE users SET email_verified_at = now() WHERE id = $1",
            io.vertx.sqlclient.Tuple.of(userId))
        .await();
    JsonObject session =
        person
            .post("/api/auth/login", new JsonObject().put("email", email).put("password", password))
            .expect(200)
            .json();
    var signedIn = TestNode.api().as(session.getString("accessToken"));
    signedIn.get("/api/me").expect(200);
    TestSocket socket = TestSocket.open(TestNode.get().port());
    socket.auth(session.getString("accessToken"));

    TestUser mod = moderator();
    long item = report(Users.create(), "user", userId, "fraud").getLong("itemId");
    JsonObject done =
        act(mod, item, decision("suspend_user").put("days", 3).put("note", "card fraud"));
    assertTrue(done.getJsonObject("effect").containsKey("suspendedUntil"));

    signedIn.get("/api/me").expectProblem(403, "account_suspended");
    // the socket signed in before the suspension is refused and closed at its next frame
    socket.send(new JsonObject().put("op", "subscribe").put("topic", "me"));
    socket.expectError("account_suspended");
    assertEquals((short) 1008, socket.awaitClose());
    socket.close();
    person
        .post("/api/auth/login", new JsonObject().put("email", email).put("password", password))
        .expectProblem(403, "account_suspended");
    person
        .post(
            "/api/auth/refresh",
            new JsonObject().put("refreshToken", session.getString("refreshToken")))
        .expectProblem(401, "invalid_refresh_token");
    JsonObject listed = item(mod, item).getJsonObject("target");
    assertEquals(
        done.getJsonObject("effect").getString("suspendedUntil"),
        listed.getString("suspendedUntil"));

    // the suspension ends by itself
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE users SET suspended_until = now() - interval '1 second' WHERE id = $1",
            io.vertx.sqlclient.Tuple.of(userId))
        .await();
    person
        .post("/api/auth/login", new JsonObject().put("email", email).put("password", password))
        .expect(200);
  }

  @Test
  @DisplayName(
      "a moderator can lift a suspension early, with a note: the user is back at once, told, and the audit trail shows it")
  void liftSuspension() {
    TestUser member = Users.create();
    TestUser mod = moderator();
    String lift = "/api/moderation/users/" + member.id() + "/lift-suspension";
    JsonObject because = new JsonObject().put("note", "appeal upheld");
    mod.api().post(lift, because).expectProblem(409, "not_suspended");
    long item = report(Users.create(), "user", member.id(), "spam").getLong("itemId");
    act(mod, item, decision("suspend_user").put("days", 30));
    member.api().get("/api/me").expectProblem(403, "account_suspended");

    member.api().post(lift, because).expectProblem(403, "account_suspended");
    Users.create().api().post(lift, because).expectProblem(403, "role_required");
    mod.api().post(lift, new JsonObject()).expectProblem(400, "validation_failed");
    mod.api().post(lift, new JsonObject().put("note", "")).expectProblem(400, "validation_failed");
    mod.api()
        .post("/api/moderation/users/999999999/lift-suspension", because)
        .expectProblem(404, "user_not_found");

    JsonObject lifted = mod.api().post(lift, because).expect(200).json();
    assertEquals(member.id(), lifted.getLong("userId"));
    assertTrue(lifted.containsKey("suspendedUntil") && lifted.getValue("suspendedUntil") == null);
    // the suspension ended the tokens issued before it: the member signs in again
    member.api().get("/api/me").expectProblem(401, "token_revoked");
    TestUser signedInAgain = Users.signedInAgain(member);
    signedInAgain.api().get("/api/me").expect(200);
    mod.api().post(lift, because).expectProblem(409, "not_suspended");
    assertEquals(1, notifications(signedInAgain, "moderation.suspension_lifted").size());
    JsonObject entry =
        mod.api()
            .get("/api/moderation/audit?source=console&subjectUserId=" + member.id())
            .expect(200)
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertEquals("lift_suspension", entry.getString("action"));
    assertEquals(mod.id(), entry.getLong("actorId"));
    assertEquals("appeal upheld", entry.getString("reason"));
  }

  @Test
  @DisplayName(
      "moderators and admins cannot be suspended from the queue, nor decide on items about themselves")
  void staffAndSelf() {
    TestUser mod = moderator();
    TestUser otherMod = moderator();
    long item = report(Users.create(), "user", otherMod.id(), "other").getLong("itemId");
    mod.api()
        .post("/api/moderation/items/" + item + "/actions", decision("suspend_user").put("days", 1))
        .expectProblem(409, "cannot_moderate_staff");
    otherMod
        .api()
        .post("/api/moderation/items/" + item + "/actions", decision("dismiss"))
        .expectProblem(409, "own_item");
    assertEquals("open", item(mod, item).getString("status"), "refused decisions change nothing");
  }

  @Test
  @DisplayName("actions that do not fit the target are refused with action_not_applicable")
  void notApplicable() {
    TestUser mod = moderator();
    long userItem = report(Users.create(), "user", Users.create().id(), "spam").getLong("itemId");
    mod.api()
        .post("/api/moderation/items/" + userItem + "/actions", decision("remove_content"))
        .expectProblem(422, "action_not_applicable");
    mod.api()
        .post("/api/moderation/items/" + userItem + "/actions", decision("ban_from_show"))
        .expectProblem(422, "action_not_applicable");
    TestUser host = Users.create("creator");
    long showItem =
        report(Users.create(), "show", liveShow(host), "prohibited_item").getLong("itemId");
    mod.api()
        .post("/api/moderation/items/" + showItem + "/actions", decision("ban_from_show"))
        .expectProblem(422, "action_not_applicable");
    mod.api()
        .post("/api/moderation/items/999999999/actions", decision("dismiss"))
        .expectProblem(404, "item_not_found");
  }

  @Test
  @DisplayName(
      "removing a reported live show ends it for everyone watching and tells the host why; a scheduled one is cancelled; an ended one cannot be taken down again")
  void takeDownShow() {
    TestUser mod = moderator();
    TestUser host = Users.create("creator");
    long show = liveShow(host);
    host.api()
        .post(
            "/api/shows/" + show + "/polls",
            new JsonObject()
                .put("question", "Which pair next?")
                .put("options", new JsonArray().add("Red").add("Blue")))
        .expect(201);
    try (TestSocket viewer = TestSocket.open(TestNode.get().port())) {
      viewer.subscribe("show:" + show);
      long item = report(Users.create(), "show", show, "counterfeit").getLong("itemId");
      JsonObject done = act(mod, item, decision("remove_content").put("note", "selling fakes"));
      assertEquals("ended", done.getJsonObject("effect").getString("show"));
      assertEquals("actioned", done.getJsonObject("item").getString("status"));
      JsonObject ended = viewer.nextMatching(f -> "show.ended".equals(f.getString("type")));
      assertEquals("ended", ended.getJsonObject("data").getString("status"));
    }
    JsonObject after = TestNode.api().get("/api/shows/" + show).expect(200).json();
    assertEquals("ended", after.getString("status"));
    assertTrue(
        TestNode.api().get("/api/shows/" + show + "/polls").expect(200).array().stream()
            .map(JsonObject.class::cast)
            .noneMatch(p -> "open".equals(p.getString("status"))),
        "the end closed the open poll");
    JsonObject told =
        notifications(host, "moderation.show_taken_down").getJsonObject(0).getJsonObject("payload");
    assertEquals("selling fakes", told.getString("note"));
    assertEquals("ended", told.getString("status"));
    host.api()
        .post("/api/shows/" + show + "/chat", new JsonObject().put("text", "still here?"))
        .expectProblem(409, "show_not_live");

    long again = report(Users.create(), "show", show, "counterfeit").getLong("itemId");
    mod.api()
        .post("/api/moderation/items/" + again + "/actions", decision("remove_content"))
        .expectProblem(409, "show_over");
    assertEquals(
        "open", item(mod, again).getString("status"), "a refused decision changes nothing");

    long scheduled =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Next week")
                    .put("category", "sneakers")
                    .put(
                        "scheduledAt",
                        java.time.Instant.now()
                            .plus(7, java.time.temporal.ChronoUnit.DAYS)
                            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            .toString()))
            .expect(201)
            .json()
            .getLong("id");
    long planned = report(Users.create(), "show", scheduled, "prohibited_item").getLong("itemId");
    assertEquals(
        "cancelled",
        act(mod, planned, decision("remove_content")).getJsonObject("effect").getString("show"));
    assertEquals(
        "cancelled",
        TestNode.api().get("/api/shows/" + scheduled).expect(200).json().getString("status"));
  }

  @Test
  @DisplayName(
      "warning tells the author; removing a review hides it; removing a product archives it")
  void warnHideArchive() {
    TestUser seller = Users.create("seller");
    long product = Products.create(seller, 2500, 5).getLong("id");
    TestUser buyer = Users.create();
    Shop.add(buyer, product, 1);
    long order =
        Shop.checkout(buyer, "pm_card_visa").getJsonArray("orders").getJsonObject(0).getLong("id");
    seller
        .api()
        .post(
            "/api/orders/" + order + "/ship",
            new JsonObject().put("carrier", "UPS").put("trackingNumber", "1Z9"))
        .expect(200);
    buyer.api().post("/api/orders/" + order + "/deliver").expect(200);
    long line =
        buyer
            .api()
            .get("/api/orders/" + order)
            .json()
            .getJsonArray("lines")
            .getJsonObject(0)
            .getLong("id");
    long review =
        buyer
            .api()
            .post(
                "/api/products/" + product + "/reviews",
                new JsonObject()
                    .put("orderLineId", line)
                    .put("rating", 1)
                    .put("text", "seller is a crook, call 555-0100"))
            .expect(201)
            .json()
            .getLong("id");
    TestUser mod = moderator();

    long reviewItem = report(seller, "review", review, "harassment").getLong("itemId");
    assertEquals(
        "seller is a crook, call 555-0100",
        item(mod, reviewItem).getJsonObject("target").getString("text"));
    act(mod, reviewItem, decision("remove_content"));
    assertEquals(
        0,
        TestNode.api()
            .get("/api/products/" + product + "/reviews")
            .json()
            .getJsonArray("items")
            .size());
    // shown again from the reviews page: audited there too, as its own source
    mod.api()
        .post("/api/reviews/" + review + "/visibility", new JsonObject().put("hidden", false))
        .expect(200);
    JsonArray trail = audit(mod, "?targetType=review&targetId=" + review);
    assertEquals(2, trail.size(), trail.encodePrettily());
    assertEquals("show_review", trail.getJsonObject(0).getString("action"));
    assertEquals("reviews", trail.getJsonObject(0).getString("source"));
    assertEquals(buyer.id(), trail.getJsonObject(0).getLong("subjectUserId"));
    assertEquals("remove_content", trail.getJsonObject(1).getString("action"));
    assertEquals("queue", trail.getJsonObject(1).getString("source"));
    assertEquals(
        1,
        TestNode.api()
            .get("/api/products/" + product + "/reviews")
            .json()
            .getJsonArray("items")
            .size());

    long warnItem = report(Users.create(), "product", product, "counterfeit").getLong("itemId");
    act(mod, warnItem, decision("warn_user").put("note", "prove authenticity"));
    JsonObject warning =
        notifications(seller, "moderation.warning").getJsonObject(0).getJsonObject("payload");
    assertEquals("prove authenticity", warning.getString("note"));
    assertEquals(product, warning.getLong("targetId"));
    assertEquals(
        "active",
        TestNode.api().get("/api/products/" + product).json().getString("status"),
        "a warning only warns");

    long removeItem = report(Users.create(), "product", product, "counterfeit").getLong("itemId");
    act(mod, removeItem, decision("remove_content"));
    assertEquals(
        "archived", TestNode.api().get("/api/products/" + product).json().getString("status"));
  }
}
