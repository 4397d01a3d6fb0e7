package io.showfloor.moderation;

import static io.showfloor.moderation.ModerationFixture.act;
import static io.showfloor.moderation.ModerationFixture.audit;
import static io.showfloor.moderation.ModerationFixture.decision;
import static io.showfloor.moderation.ModerationFixture.liveShow;
import static io.showfloor.moderation.ModerationFixture.moderator;
import static io.showfloor.moderation.ModerationFixture.report;
import static io.showfloor.moderation.ModerationFixture.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The audit trail records every moderation action, for moderators and admins only")
class AuditAndAccessTest {

  @Test
  @DisplayName(
      "a host's own deletion, timeout and ban are in the trail next to queue decisions, filterable and paged")
  void showActionsAudited() {
    TestUser host = Users.create("creator");
    TestUser viewer = Users.create();
    TestUser mod = moderator();
    long show = liveShow(host);
    long rude = say(viewer, show, "rude");
    long own = say(viewer, show, "typo");
    viewer.api().delete("/api/shows/" + show + "/chat/" + own).expect(204);
    host.api().delete("/api/shows/" + show + "/chat/" + rude).expect(204);
    host.api()
        .post(
            "/api/shows/" + show + "/timeouts",
            new JsonObject()
                .put("userId", viewer.id())
                .put("minutes", 5)
                .put("reason", "calm down"))
        .expect(201);
    host.api()
        .post("/api/shows/" + show + "/bans", new JsonObject().put("userId", viewer.id()))
        .expect(201);

    JsonArray trail = audit(mod, "?showId=" + show);
    assertEquals(
        3,
        trail.size(),
        "deletion, timeout, ban; not the author's own deletion: " + trail.encodePrettily());
    assertEquals("ban", trail.getJsonObject(0).getString("action"));
    assertEquals("timeout", trail.getJsonObject(1).getString("action"));
    assertEquals("5 min: calm down", trail.getJsonObject(1).getString("reason"));
    JsonObject deletion = trail.getJsonObject(2);
    assertEquals("delete_message", deletion.getString("action"));
    assertEquals("show", deletion.getString("source"));
    assertEquals(host.id(), deletion.getLong("actorId"));
    assertEquals("chat_message", deletion.getString("targetType"));
    assertEquals(rude, deletion.getLong("targetId"));
    assertEquals(viewer.id(), deletion.getLong("subjectUserId"));

    JsonObject page =
        mod.api().get("/api/moderation/audit?showId=" + show + "&limit=2").expect(200).json();
    assertEquals(2, page.getJsonArray("items").size());
    JsonArray rest = audit(mod, "?showId=" + show + "&before=" + page.getLong("nextBefore"));
    assertEquals(1, rest.size());
    assertEquals("delete_message", rest.getJsonObject(0).getString("action"));
    assertEquals(1, audit(mod, "?showId=" + show + "&action=timeout&actorId=" + host.id()).size());
    assertEquals(0, audit(mod, "?showId=" + show + "&source=queue").size());

    long item = report(Users.create(), "user", viewer.id(), "harassment").getLong("itemId");
    act(mod, item, decision("warn_user").put("note", "last warning"));
    JsonArray queued = audit(mod, "?itemId=" + item);
    assertEquals(1, queued.size());
    assertEquals("warn_user", queued.getJsonObject(0).getString("action"));
    assertEquals("last warning", queued.getJsonObject(0).getString("reason"));
    assertEquals(viewer.id(), queued.getJsonObject(0).getLong("subjectUserId"));
    assertTrue(audit(mod, "?subjectUserId=" + viewer.id()).size() >= 4);
  }

  @Test
  @DisplayName("entries cannot be changed or removed, even straight in the database")
  void immutable() {
    TestUser mod = moderator();
    long item = report(Users.create(), "user", Users.create().id(), "spam").getLong("itemId");
    act(mod, item, decision("dismiss"));
    long entry = audit(mod, "?itemId=" + item).getJsonObject(0).getLong("id");
    var db = TestNode.get().platform().db();
    Throwable update =
        assertThrows(
            Exception.class,
            () ->
                db.query(
                        "UPDATE moderation_audit SET reason = 'edited' WHERE id = $1",
                        Tuple.of(entry))
                    .await());
    assertTrue(update.getMessage().contains("append-only"), update.getMessage());
    assertThrows(
        Exception.class,
        () -> db.query("DELETE FROM moderation_audit WHERE id = $1", Tuple.of(entry)).await());
    assertEquals("dismiss", audit(mod, "?itemId=" + item).getJsonObject(0).getString("action"));
  }

  @Test
  @DisplayName(
      "a plain user gets 403 on the queue, items, actions and the audit trail; anonymous callers 401")
  void onlyModerators() {
    TestUser plain = Users.create("seller", "creator");
    long item = report(plain, "user", Users.create().id(), "spam").getLong("itemId");
    plain.api().get("/api/moderation/queue").expectProblem(403, "role_required");
    plain.api().get("/api/moderation/items/" + item).expectProblem(403, "role_required");
    plain
        .api()
        .post("/api/moderation/items/" + item + "/actions", decision("dismiss"))
        .expectProblem(403, "role_required");
    plain.api().get("/api/moderation/audit").expectProblem(403, "role_required");
    TestNode.api().get("/api/moderation/queue").expectProblem(401, "unauthorized");
    TestNode.api()
        .post("/api/moderation/items/" + item + "/actions", decision("dismiss"))
        .expectProblem(401, "unauthorized");
    TestUser admin = Users.create("admin");
    admin.api().get("/api/moderation/queue").expect(200);
    admin.api().get("/api/moderation/audit").expect(200);
    assertEquals(
        "open",
        admin.api().get("/api/moderation/items/" + item).expect(200).json().getString("status"));
  }
}
