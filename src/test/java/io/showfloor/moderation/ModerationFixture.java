package io.showfloor.moderation;

import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Shows, chat lines and reports made over HTTP for the moderation tests. */
final class ModerationFixture {
  private ModerationFixture() {}

  static TestUser moderator() {
    return Users.create("moderator");
  }

  static long liveShow(TestUser host) {
    long id =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Show of " + host.displayName())
                    .put("description", "Rare finds")
                    .put("category", "sneakers")
                    .put(
                        "scheduledAt",
                        Instant.now()
                            .plus(1, ChronoUnit.HOURS)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString()))
            .expect(201)
            .json()
            .getLong("id");
    host.api().post("/api/shows/" + id + "/start").expect(200);
    return id;
  }

  static long say(TestUser user, long showId, String text) {
    return user.api()
        .post("/api/shows/" + showId + "/chat", new JsonObject().put("text", text))
        .expect(201)
        .json()
        .getLong("id");
  }

  static JsonObject reportBody(String targetType, Object targetId, String reason) {
    return new JsonObject()
        .put("targetType", targetType)
        .put("targetId", targetId)
        .put("reason", reason);
  }

  /** Files a new report and answers it (with its itemId). */
  static JsonObject report(TestUser reporter, String targetType, Object targetId, String reason) {
    return reporter
        .api()
        .post("/api/reports", reportBody(targetType, targetId, reason))
        .expect(201)
        .json();
  }

  static JsonObject item(TestUser moderator, long itemId) {
    return moderator.api().get("/api/moderation/items/" + itemId).expect(200).json();
  }

  static JsonObject act(TestUser moderator, long itemId, JsonObject decision) {
    return moderator
        .api()
        .post("/api/moderation/items/" + itemId + "/actions", decision)
        .expect(200)
        .json();
  }

  static JsonObject decision(String action) {
    return new JsonObject().put("action", action);
  }

  /** The user's notifications of one kind, newest first. */
  static JsonArray notifications(TestUser user, String kind) {
    JsonArray mine = new JsonArray();
    user.api()
        .get("/api/me/notifications?limit=200")
        .expect(200)
        .json()
        .getJsonArray("items")
        .forEach(
            n -> {
              if (kind.equals(((JsonObject) n).getString("kind"))) {
                mine.add(n);
              }
            });
    return mine;
  }

  static JsonArray audit(TestUser moderator, String query) {
    return moderator
        .api()
        .get("/api/moderation/audit" + query)
        .expect(200)
        .json()
        .getJsonArray("items");
  }
}
