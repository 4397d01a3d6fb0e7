package io.showfloor.moderation;

import static io.showfloor.moderation.ModerationFixture.act;
import static io.showfloor.moderation.ModerationFixture.decision;
import static io.showfloor.moderation.ModerationFixture.liveShow;
import static io.showfloor.moderation.ModerationFixture.moderator;
import static io.showfloor.moderation.ModerationFixture.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Upheld reports against a host lower their trust score, and the profile says why")
class UpheldReportsTrustTest {

  private static JsonObject trust(TestUser host) {
    return TestNode.api().get("/api/hosts/" + host.id()).expect(200).json().getJsonObject("trust");
  }

  private static JsonObject upheldInput(JsonObject trust) {
    return trust.getJsonArray("inputs").stream()
        .map(o -> (JsonObject) o)
        .filter(i -> "upheldReports".equals(i.getString("name")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName(
      "an upheld report on the host's show costs a fifth of the input; a dismissed one costs nothing")
  void upheldLowersScore() {
    TestUser host = Users.create("creator");
    long show = liveShow(host);
    host.api().post("/api/shows/" + show + "/end").expect(200);
    JsonObject before = trust(host);
    JsonObject clean = upheldInput(before);
    assertTrue(clean.getBoolean("available"));
    assertEquals(1.0, clean.getDouble("value"));
    assertEquals(15, clean.getInteger("weight"));
    int scoreBefore = before.getInteger("score");

    TestUser mod = moderator();
    act(
        mod,
        report(Users.create(), "user", host.id(), "spam").getLong("itemId"),
        decision("dismiss"));
    assertEquals(scoreBefore, trust(host).getInteger("score"), "a dismissed report does not count");

    long item = report(Users.create(), "show", show, "prohibited_item").getLong("itemId");
    report(Users.create(), "show", show, "counterfeit");
    act(mod, item, decision("warn_user"));
    JsonObject after = trust(host);
    JsonObject input = upheldInput(after);
    assertEquals(0.6, input.getDouble("value"), "two upheld reports: 1 - 2/5");
    assertEquals("2 upheld in 90 days", input.getString("detail"));
    assertTrue(
        after.getInteger("score") < scoreBefore,
        after.getInteger("score") + " should be below " + scoreBefore);
    // (10 × 1 + 5 × 1/20 + 15 × 0.6) / 30 = 0.641…
    assertEquals(64, after.getInteger("score"));
  }

  @Test
  @DisplayName("a host with no track record has no score, even with a clean report history")
  void noTrackRecord() {
    TestUser host = Users.create("creator");
    JsonObject trust = trust(host);
    assertEquals(null, trust.getInteger("score"));
    assertEquals(false, upheldInput(trust).getBoolean("available"));
  }
}
