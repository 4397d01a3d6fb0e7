package io.showfloor.moderation;

import static io.showfloor.moderation.ModerationFixture.liveShow;
import static io.showfloor.moderation.ModerationFixture.moderator;
import static io.showfloor.moderation.ModerationFixture.report;
import static io.showfloor.moderation.ModerationFixture.say;
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
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the moderation contract, read from the contract so a new endpoint is covered
 * the day it is added, gets malformed JSON, bodies of the wrong type, unknown, negative and
 * non-numeric ids — as a moderator (so authorization passes and validation answers) and anonymously
 * — then wrong types and out-of-range values field by field. Every answer is a 4xx problem+json and
 * the moderation tables are exactly as before.
 */
@DisplayName("Bad input to every moderation endpoint gets a 4xx problem and changes nothing")
class ModerationBadInputTest {
  private static final String JSON = "application/json";

  private static List<Operation> operations() {
    return ContractOperations.tagged("moderation");
  }

  /**
   * Everything a bad request could have written (flag items come and go with the market's scans:
   * left out).
   */
  private static JsonObject state() {
    var db = TestNode.get().platform().db();
    return new JsonObject()
        .put(
            "items",
            db.one(
                    "SELECT count(*) AS n, coalesce(sum(report_count), 0) AS reports, count(resolved_at) AS resolved"
                        + " FROM moderation_items WHERE target_type <> 'market_flag'",
                    Tuple.tuple())
                .await()
                .toJson())
        .put(
            "reports",
            db.one(
                    "SELECT count(*) AS n, count(resolved_at) AS resolved FROM moderation_reports",
                    Tuple.tuple())
                .await()
                .toJson())
        .put(
            "audit",
            db.one("SELECT count(*) AS n FROM moderation_audit", Tuple.tuple())
                .await()
                .getLong("n"))
        .put(
            "suspended",
            db.one(
                    "SELECT count(*) AS n FROM users WHERE suspended_until > now() OR status = 'suspended'",
                    Tuple.tuple())
                .await()
                .getLong("n"))
        .put(
            "notifications",
            db.one("SELECT count(*) AS n FROM notifications", Tuple.tuple()).await().getLong("n"));
  }

  @Test
  @DisplayName("malformed JSON, wrong types, unknown, negative and non-numeric ids, bad queries")
  void everyEndpoint() {
    TestUser host = Users.create("creator");
    TestUser troll = Users.create();
    TestUser mod = moderator();
    long show = liveShow(host);
    long message = say(troll, show, "spam");
    long item = report(Users.create(), "chat_message", message, "spam").getLong("itemId");
    JsonObject before = state();

    List<Operation> operations = operations();
    assertEquals(8, operations.size(), "the whole moderation contract: " + operations);
    int checked = 0;
    for (Operation op : operations) {
      String path = op.path().replace("{id}", String.valueOf(item));
      if (op.hasBody()) {
        for (String junk :
            List.of(
                "{\"action\": ",
                "[1, 2]",
                "\"just a string\"",
                "{\"unexpected\": {\"deep\": true}}",
                "{}",
                "null")) {
          expectProblem(mod.api().send(op.method(), path, junk, JSON));
          checked++;
        }
      }
      if (op.path().contains("{id}")) {
        for (String bad : List.of("999999999", "-1", "0", "abc", "1.5")) {
          String body = op.hasBody() ? new JsonObject().put("action", "dismiss").encode() : null;
          String wrong = op.path().replace("{id}", bad);
          expectProblem(mod.api().send(op.method(), wrong, body, body == null ? null : JSON));
          expectProblem(TestNode.api().send(op.method(), wrong, body, body == null ? null : JSON));
          checked += 2;
        }
      }
    }

    // reports, field by field
    TestUser reporter = Users.create();
    JsonObject good =
        new JsonObject()
            .put("targetType", "chat_message")
            .put("targetId", message)
            .put("reason", "spam");
    List<JsonObject> badReports =
        List.of(
            good.copy().put("targetType", "planet"),
            good.copy().put("targetType", 3),
            good.copy().put("targetType", "market_flag"),
            good.copy().put("targetId", -5),
            good.copy().put("targetId", 0),
            good.copy().put("targetId", 1.5),
            good.copy().put("targetId", true),
            good.copy().put("targetId", "lower"),
            good.copy().put("targetId", new JsonArray()),
            good.copy().put("targetId", "999"),
            good.copy().put("targetId", 999_999_999L),
            good.copy().put("reason", "boring"),
            good.copy().put("reason", 1),
            good.copy().put("note", 5),
            good.copy().put("note", "n".repeat(501)),
            good.copy().put("extra", 1),
            good.copy().putNull("reason"),
            new JsonObject().put("targetType", "user").put("reason", "spam"),
            good.copy().put("targetType", "market_instrument").put("targetId", "NOPE1"));
    for (JsonObject body : badReports) {
      expectProblem(reporter.api().post("/api/reports", body));
      checked++;
    }

    // decisions, field by field
    String actions = "/api/moderation/items/" + item + "/actions";
    List<JsonObject> badDecisions =
        List.of(
            new JsonObject().put("action", "delete"),
            new JsonObject().put("action", 7),
            new JsonObject().put("action", "timeout_user").put("minutes", 0),
            new JsonObject().put("action", "timeout_user").put("minutes", 10081),
            new JsonObject().put("action", "timeout_user").put("minutes", "ten"),
            new JsonObject().put("action", "timeout_user"),
            new JsonObject().put("action", "suspend_user"),
            new JsonObject().put("action", "suspend_user").put("days", 366),
            new JsonObject().put("action", "suspend_user").put("days", -1),
            new JsonObject().put("action", "dismiss").put("days", 3),
            new JsonObject().put("action", "dismiss").put("minutes", 3),
            new JsonObject().put("action", "dismiss").put("note", "n".repeat(1001)),
            new JsonObject().put("action", "dismiss").put("note", 5),
            new JsonObject().put("action", "dismiss").put("by", 1));
    for (JsonObject body : badDecisions) {
      expectProblem(mod.api().post(actions, body));
      checked++;
    }

    // lifting a suspension, field by field, and on a user who is not suspended
    String lift = "/api/moderation/users/" + troll.id() + "/lift-suspension";
    for (JsonObject body :
        List.of(
            new JsonObject(),
            new JsonObject().put("note", ""),
            new JsonObject().put("note", 5),
            new JsonObject().put("note", "n".repeat(1001)),
            new JsonObject().put("note", "ok").put("days", 1))) {
      expectProblem(mod.api().post(lift, body));
      checked++;
    }
    mod.api()
        .post(lift, new JsonObject().put("note", "not suspended"))
        .expectProblem(409, "not_suspended");

    // suspending from the console, field by field
    String suspend = "/api/moderation/users/" + troll.id() + "/suspend";
    for (JsonObject body :
        List.of(
            new JsonObject().put("note", "x"),
            new JsonObject().put("days", 3),
            new JsonObject().put("days", 3).put("note", ""),
            new JsonObject().put("days", 0).put("note", "x"),
            new JsonObject().put("days", 366).put("note", "x"),
            new JsonObject().put("days", "3").put("note", "x"),
            new JsonObject().put("days", 1.5).put("note", "x"),
            new JsonObject().put("permanent", "yes").put("note", "x"),
            new JsonObject().put("permanent", false).put("note", "x"),
            new JsonObject().put("days", 3).put("permanent", true).put("note", "x"),
            new JsonObject().put("days", 3).put("note", "n".repeat(1001)),
            new JsonObject().put("days", 3).put("note", "x").put("minutes", 1))) {
      expectProblem(mod.api().post(suspend, body));
      checked++;
    }

    for (String query :
        List.of(
            "status=closed",
            "targetType=planet",
            "limit=0",
            "limit=201",
            "before=-3",
            "before=abc")) {
      expectProblem(mod.api().get("/api/moderation/queue?" + query));
      expectProblem(
          mod.api().get("/api/moderation/audit?" + query.replace("status=closed", "source=robot")));
      checked += 2;
    }
    for (String query :
        List.of(
            "actorId=0",
            "actorId=x",
            "itemId=-1",
            "showId=1.5",
            "subjectUserId=abc",
            "targetId=a%20b",
            "action=DROP%20TABLE")) {
      expectProblem(mod.api().get("/api/moderation/audit?" + query));
      checked++;
    }
    for (String query : List.of("status=closed", "limit=500", "before=0")) {
      expectProblem(reporter.api().get("/api/reports?" + query));
      checked++;
    }
    assertTrue(checked > 80, "checked " + checked);
    assertEquals(before, state(), "bad input changed something");
    assertEquals("open", mod.api().get("/api/moderation/items/" + item).json().getString("status"));
  }
}
