package io.showfloor.moderation;

import static io.showfloor.moderation.ModerationFixture.item;
import static io.showfloor.moderation.ModerationFixture.liveShow;
import static io.showfloor.moderation.ModerationFixture.moderator;
import static io.showfloor.moderation.ModerationFixture.report;
import static io.showfloor.moderation.ModerationFixture.reportBody;
import static io.showfloor.moderation.ModerationFixture.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Products;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Users report what they see; reports on one target gather in one queue item")
class ReportsTest {

  @Test
  @DisplayName(
      "two reporters of one chat message make one open item with two reports; a repeat answers the first report")
  void groupedAndIdempotent() {
    TestUser host = Users.create("creator");
    TestUser troll = Users.create();
    long show = liveShow(host);
    long message = say(troll, show, "buy followers at spam.example");
    TestUser alice = Users.create();
    TestUser bob = Users.create();

    JsonObject first = report(alice, "chat_message", message, "spam");
    assertEquals("open", first.getString("status"));
    assertEquals(message, first.getLong("targetId"));
    JsonObject again =
        alice
            .api()
            .post("/api/reports", reportBody("chat_message", message, "harassment"))
            .expect(200)
            .json();
    assertEquals(
        first.getLong("id"), again.getLong("id"), "one open report per reporter per target");
    assertEquals("spam", again.getString("reason"));
    JsonObject second = report(bob, "chat_message", message, "harassment");
    assertEquals(first.getLong("itemId"), second.getLong("itemId"));

    JsonObject item = item(moderator(), first.getLong("itemId"));
    assertEquals(2, item.getInteger("reportCount"), "the repeat added nothing");
    assertEquals(
        new JsonObject().put("spam", 1).put("harassment", 1), item.getJsonObject("reasons"));
    assertEquals("buy followers at spam.example", item.getJsonObject("target").getString("text"));
    assertEquals(show, item.getJsonObject("target").getLong("showId"));
    assertEquals(troll.id(), item.getJsonObject("target").getLong("authorId"));
    assertEquals(new JsonArray().add(troll.id()), item.getJsonArray("subjectUserIds"));
    assertEquals(2, item.getJsonArray("reports").size());

    JsonArray mine = alice.api().get("/api/reports").expect(200).json().getJsonArray("items");
    assertEquals(first.getLong("id"), mine.getJsonObject(0).getLong("id"));
    assertEquals(1, mine.size());
  }

  @Test
  @DisplayName("the queue lists open items newest first, filtered by type, one page at a time")
  void queuePages() {
    TestUser mod = moderator();
    TestUser reporter = Users.create();
    long[] items = new long[3];
    for (int i = 0; i < 3; i++) {
      items[i] = report(reporter, "user", Users.create().id(), "fraud").getLong("itemId");
    }
    JsonObject page =
        mod.api().get("/api/moderation/queue?targetType=user&limit=2").expect(200).json();
    JsonArray first = page.getJsonArray("items");
    assertEquals(2, first.size());
    assertEquals(items[2], first.getJsonObject(0).getLong("id"), "newest first");
    assertEquals(items[1], first.getJsonObject(1).getLong("id"));
    first.forEach(i -> assertEquals("user", ((JsonObject) i).getString("targetType")));
    JsonArray next =
        mod.api()
            .get(
                "/api/moderation/queue?targetType=user&limit=2&before="
                    + page.getLong("nextBefore"))
            .expect(200)
            .json()
            .getJsonArray("items");
    assertEquals(items[0], next.getJsonObject(0).getLong("id"));
    assertTrue(
        mod.api().get("/api/moderation/queue?targetType=show").json().getJsonArray("items").stream()
            .allMatch(i -> "show".equals(((JsonObject) i).getString("targetType"))));
    assertTrue(
        mod
            .api()
            .get("/api/moderation/queue?status=dismissed&targetType=user")
            .json()
            .getJsonArray("items")
            .stream()
            .noneMatch(i -> ((JsonObject) i).getLong("id") == items[0]));
  }

  @Test
  @DisplayName(
      "every kind of target can be reported: users, shows, products and instruments by symbol")
  void everyKind() {
    TestUser reporter = Users.create();
    TestUser mod = moderator();
    TestUser seller = Users.create("seller", "creator");
    long product = Products.create(seller, 1500, 3).getLong("id");
    JsonObject p = item(mod, report(reporter, "product", product, "counterfeit").getLong("itemId"));
    assertEquals(seller.id(), p.getJsonObject("target").getLong("sellerId"));
    assertEquals("active", p.getJsonObject("target").getString("status"));
    long show = liveShow(seller);
    JsonObject s = item(mod, report(reporter, "show", show, "prohibited_item").getLong("itemId"));
    assertEquals(seller.id(), s.getJsonObject("target").getLong("hostId"));
    MarketFixture.Listing listing = MarketFixture.listed("RPT");
    JsonObject i =
        item(
            mod,
            report(reporter, "market_instrument", listing.symbol(), "fraud").getLong("itemId"));
    assertEquals(listing.symbol(), i.getString("targetId"));
    assertEquals(listing.seller().id(), i.getJsonObject("target").getLong("sellerId"));
  }

  @Test
  @DisplayName(
      "unknown targets are 404, ids of the wrong kind 400, your own content 422, unverified users 403")
  void refusals() {
    TestUser reporter = Users.create();
    reporter
        .api()
        .post("/api/reports", reportBody("chat_message", 999_999_999L, "spam"))
        .expectProblem(404, "target_not_found");
    reporter
        .api()
        .post("/api/reports", reportBody("market_instrument", "NOSUCH", "fraud"))
        .expectProblem(404, "target_not_found");
    reporter
        .api()
        .post("/api/reports", reportBody("market_instrument", 12, "fraud"))
        .expectProblem(400, "invalid_target_id");
    reporter
        .api()
        .post("/api/reports", reportBody("user", "ABC", "fraud"))
        .expectProblem(400, "invalid_target_id");
    reporter
        .api()
        .post("/api/reports", reportBody("user", reporter.id(), "spam"))
        .expectProblem(422, "cannot_report_self");
    reporter
        .api()
        .post("/api/reports", reportBody("market_flag", 1, "spam"))
        .expectProblem(400, "validation_failed");
    reporter
        .api()
        .post("/api/reports", reportBody("user", Users.create().id(), "rude"))
        .expectProblem(400, "validation_failed");
    reporter
        .api()
        .post(
            "/api/reports",
            reportBody("user", Users.create().id(), "spam").put("note", "x".repeat(501)))
        .expectProblem(400, "validation_failed");
    Users.unverified()
        .api()
        .post("/api/reports", reportBody("user", reporter.id(), "spam"))
        .expectProblem(403, "email_not_verified");
    TestNode.api()
        .post("/api/reports", reportBody("user", reporter.id(), "spam"))
        .expectProblem(401, "unauthorized");
    assertEquals(
        0,
        reporter.api().get("/api/reports").json().getJsonArray("items").size(),
        "nothing was filed");
  }

  @Test
  @DisplayName("reporting is rate-limited per reporter")
  void rateLimited() {
    TestUser reporter = Users.create();
    int limit = TestNode.get().platform().settings().integer("moderation.reportsPerHour", 30);
    for (int i = 0; i < limit; i++) {
      report(reporter, "user", Users.create().id(), "spam");
    }
    reporter
        .api()
        .post("/api/reports", reportBody("user", Users.create().id(), "spam"))
        .expectProblem(429, "rate_limited");
    report(Users.create(), "user", Users.create().id(), "spam");
  }
}
