package io.showfloor.show;

import static io.showfloor.show.ShowFixtures.showBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A show is scheduled, edited, started, ended or cancelled by its host")
class ShowLifecycleTest {

  @Test
  @DisplayName("a creator schedules a show and anyone can read it")
  void schedule() {
    TestUser host = ShowFixtures.creator();
    JsonObject show = host.api().post("/api/shows", showBody("Friday kicks")).expect(201).json();
    assertEquals("scheduled", show.getString("status"));
    assertEquals("Friday kicks", show.getString("title"));
    assertEquals(host.id(), show.getLong("hostId"));
    assertEquals("https://img.example.test/cover.jpg", show.getString("coverImageUrl"));
    assertEquals("show-" + show.getLong("id"), show.getString("room"));

    JsonObject read = TestNode.api().get("/api/shows/" + show.getLong("id")).expect(200).json();
    assertEquals("Friday kicks", read.getString("title"));
    assertEquals(host.displayName(), read.getJsonObject("host").getString("displayName"));
    assertEquals(0, read.getInteger("viewerCount"));
  }

  @Test
  @DisplayName("only creators schedule shows, and the schedule must be sane")
  void scheduleRules() {
    TestUser viewer = Users.create();
    viewer.api().post("/api/shows", showBody("Nope")).expectProblem(403, "role_required");
    TestNode.api().post("/api/shows", showBody("Nope")).expectProblem(401, "unauthorized");
    TestUser host = ShowFixtures.creator();
    host.api()
        .post("/api/shows", showBody("x").put("scheduledAt", "2001-01-01T00:00:00Z"))
        .expectProblem(422, "scheduled_at_out_of_range");
    host.api()
        .post("/api/shows", showBody("x").put("scheduledAt", "next friday"))
        .expectProblem(400, "invalid_scheduled_at");
    host.api().post("/api/shows", showBody("   ")).expectProblem(400, "invalid_title");
    host.api()
        .post("/api/shows", showBody("x").put("coverImageUrl", "javascript:alert(1)"))
        .expectProblem(400, "invalid_cover_image_url");
    host.api()
        .post("/api/shows", showBody("x").put("category", "Not A Slug"))
        .expectProblem(400, "validation_failed");
    host.api()
        .post("/api/shows", showBody("x").put("extra", 1))
        .expectProblem(400, "validation_failed");
    host.api()
        .post("/api/shows", showBody("x".repeat(121)))
        .expectProblem(400, "validation_failed");
    assertEquals(
        0,
        TestNode.api()
            .get("/api/shows?hostId=" + host.id())
            .expect(200)
            .json()
            .getJsonArray("items")
            .size());
  }

  @Test
  @DisplayName("a retried schedule with the same Idempotency-Key makes one show")
  void idempotentSchedule() {
    TestUser host = ShowFixtures.creator();
    long first =
        host.api()
            .with("Idempotency-Key", "sched-1")
            .post("/api/shows", showBody("Once"))
            .expect(201)
            .json()
            .getLong("id");
    long second =
        host.api()
            .with("Idempotency-Key", "sched-1")
            .post("/api/shows", showBody("Once"))
            .expect(201)
            .json()
            .getLong("id");
    assertEquals(first, second);
    assertEquals(
        1,
        TestNode.api().get("/api/shows?hostId=" + host.id()).json().getJsonArray("items").size());
  }

  @Test
  @DisplayName("the host edits, starts and ends the show; each step only from the right state")
  void lifecycle() {
    TestUser host = ShowFixtures.creator();
    TestUser other = Users.create("creator");
    long id = ShowFixtures.scheduled(host);
    String path = "/api/shows/" + id;

    JsonObject edited =
        host.api()
            .patch(path, new JsonObject().put("title", "Renamed").putNull("coverImageUrl"))
            .expect(200)
            .json();
    assertEquals("Renamed", edited.getString("title"));
    assertNull(edited.getString("coverImageUrl"));
    other
        .api()
        .patch(path, new JsonObject().put("title", "Mine"))
        .expectProblem(403, "not_show_host");
    host.api().patch(path, new JsonObject()).expectProblem(400, "validation_failed");

    host.api().post(path + "/end").expectProblem(409, "show_not_live");
    other.api().post(path + "/start").expectProblem(403, "not_show_host");
    JsonObject live = host.api().post(path + "/start").expect(200).json();
    assertEquals("live", live.getString("status"));
    assertNotNull(live.getString("startedAt"));
    host.api().post(path + "/start").expectProblem(409, "show_not_scheduled");
    host.api().post(path + "/cancel").expectProblem(409, "show_not_scheduled");
    host.api()
        .patch(
            path,
            new JsonObject().put("scheduledAt", Instant.now().plus(2, ChronoUnit.HOURS).toString()))
        .expectProblem(409, "show_already_started");

    JsonObject ended = host.api().post(path + "/end").expect(200).json();
    assertEquals("ended", ended.getString("status"));
    host.api()
        .patch(path, new JsonObject().put("title", "Too late"))
        .expectProblem(409, "show_over");
    assertEquals("Renamed", TestNode.api().get(path).json().getString("title"));
  }

  @Test
  @DisplayName("a scheduled show can be cancelled, and then not started")
  void cancel() {
    TestUser host = ShowFixtures.creator();
    long id = ShowFixtures.scheduled(host);
    assertEquals(
        "cancelled",
        host.api().post("/api/shows/" + id + "/cancel").expect(200).json().getString("status"));
    host.api().post("/api/shows/" + id + "/start").expectProblem(409, "show_not_scheduled");
    host.api().post("/api/shows/999999999/cancel").expectProblem(404, "show_not_found");
  }

  @Test
  @DisplayName(
      "lists filter by status, category and host, in the order a viewer expects, page by page")
  void lists() {
    TestUser host = ShowFixtures.creator();
    String category = "cat-" + host.id();
    long later =
        host.api()
            .post(
                "/api/shows",
                showBody("Later")
                    .put("category", category)
                    .put("scheduledAt", Instant.now().plus(3, ChronoUnit.HOURS).toString()))
            .expect(201)
            .json()
            .getLong("id");
    long sooner =
        host.api()
            .post(
                "/api/shows",
                showBody("Sooner")
                    .put("category", category)
                    .put("scheduledAt", Instant.now().plus(2, ChronoUnit.HOURS).toString()))
            .expect(201)
            .json()
            .getLong("id");
    long soonest =
        host.api()
            .post(
                "/api/shows",
                showBody("Soonest")
                    .put("category", category)
                    .put("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
            .expect(201)
            .json()
            .getLong("id");
    long live =
        host.api()
            .post("/api/shows", showBody("Live").put("category", category))
            .expect(201)
            .json()
            .getLong("id");
    host.api().post("/api/shows/" + live + "/start").expect(200);

    JsonObject page1 =
        TestNode.api()
            .get("/api/shows?status=scheduled&category=" + category + "&limit=2")
            .expect(200)
            .json();
    assertEquals(List.of(soonest, sooner), ids(page1.getJsonArray("items")));
    JsonObject page2 =
        TestNode.api()
            .get(
                "/api/shows?status=scheduled&category="
                    + category
                    + "&limit=2&before="
                    + page1.getLong("nextBefore"))
            .expect(200)
            .json();
    assertEquals(List.of(later), ids(page2.getJsonArray("items")));
    assertNull(page2.getLong("nextBefore"));

    assertEquals(
        List.of(live),
        ids(
            TestNode.api()
                .get("/api/shows?status=live&hostId=" + host.id())
                .json()
                .getJsonArray("items")));
    assertEquals(
        4,
        TestNode.api().get("/api/shows?hostId=" + host.id()).json().getJsonArray("items").size());
    TestNode.api().get("/api/shows?status=paused").expectProblem(400, "validation_failed");
    TestNode.api().get("/api/shows?limit=0").expectProblem(400, "validation_failed");
    TestNode.api().get("/api/shows?hostId=abc").expectProblem(400, "validation_failed");
  }

  @Test
  @DisplayName("the host names co-hosts and moderators; others cannot")
  void staff() {
    TestUser host = ShowFixtures.creator();
    TestUser cohost = Users.create();
    TestUser mod = Users.create();
    long id = ShowFixtures.scheduled(host);
    String path = "/api/shows/" + id + "/staff/";
    host.api().put(path + cohost.id(), new JsonObject().put("role", "cohost")).expect(200);
    host.api().put(path + mod.id(), new JsonObject().put("role", "moderator")).expect(200);
    cohost
        .api()
        .put(path + mod.id(), new JsonObject().put("role", "cohost"))
        .expectProblem(403, "not_show_host");
    host.api()
        .put(path + host.id(), new JsonObject().put("role", "cohost"))
        .expectProblem(409, "already_host");
    host.api()
        .put(path + "999999999", new JsonObject().put("role", "cohost"))
        .expectProblem(404, "user_not_found");
    host.api()
        .put(path + mod.id(), new JsonObject().put("role", "boss"))
        .expectProblem(400, "validation_failed");

    JsonArray staff = TestNode.api().get("/api/shows/" + id + "/staff").expect(200).array();
    assertEquals(2, staff.size());
    assertEquals("cohost", staff.getJsonObject(0).getString("role"));

    host.api().delete(path + mod.id()).expect(204);
    host.api().delete(path + mod.id()).expectProblem(404, "not_staff");
    assertEquals(1, TestNode.api().get("/api/shows/" + id + "/staff").array().size());
  }

  @Test
  @DisplayName("viewers follow and unfollow hosts, with their notification choices")
  void follows() {
    TestUser host = ShowFixtures.creator();
    TestUser fan = Users.create();
    JsonObject follow =
        fan.api()
            .put("/api/hosts/" + host.id() + "/follow", new JsonObject().put("mail", false))
            .expect(200)
            .json();
    assertTrue(follow.getBoolean("inApp"));
    assertFalse(follow.getBoolean("mail"));
    fan.api().put("/api/hosts/" + host.id() + "/follow", new JsonObject()).expect(200);
    JsonArray following = fan.api().get("/api/me/following").expect(200).array();
    assertEquals(1, following.size());
    assertFalse(following.getJsonObject(0).getBoolean("mail"), "an empty body keeps the choices");

    host.api()
        .put("/api/hosts/" + host.id() + "/follow", new JsonObject())
        .expectProblem(409, "cannot_follow_self");
    fan.api()
        .put("/api/hosts/" + fan.id() + "/follow", new JsonObject())
        .expectProblem(409, "cannot_follow_self");
    host.api()
        .put("/api/hosts/" + fan.id() + "/follow", new JsonObject())
        .expectProblem(404, "host_not_found");
    fan.api()
        .put("/api/hosts/" + host.id() + "/follow", new JsonObject().put("mail", "yes"))
        .expectProblem(400, "validation_failed");
    fan.api().delete("/api/hosts/" + host.id() + "/follow").expect(204);
    fan.api().delete("/api/hosts/" + host.id() + "/follow").expectProblem(404, "not_following");
    assertEquals(0, fan.api().get("/api/me/following").array().size());
  }

  private static List<Long> ids(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getLong("id")).collect(Collectors.toList());
  }
}
