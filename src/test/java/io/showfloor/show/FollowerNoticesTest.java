package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Mailbox;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Followers hear when a host schedules a show and when it goes live, as they chose")
class FollowerNoticesTest {

  private static List<JsonObject> notices(TestUser user, String kind) {
    JsonArray items =
        user.api().get("/api/me/notifications").expect(200).json().getJsonArray("items");
    return items.stream()
        .map(o -> (JsonObject) o)
        .filter(n -> kind.equals(n.getString("kind")))
        .toList();
  }

  @Test
  @DisplayName(
      "in-app and mail for those who want each; nothing for others; unverified addresses get no mail")
  void notices() {
    TestUser host = ShowFixtures.creator();
    TestUser both = Users.create();
    TestUser appOnly = Users.create();
    TestUser mailOnly = Users.create();
    TestUser unverified = Users.unverified();
    TestUser stranger = Users.create();
    both.api().put("/api/hosts/" + host.id() + "/follow", new JsonObject()).expect(200);
    appOnly
        .api()
        .put("/api/hosts/" + host.id() + "/follow", new JsonObject().put("mail", false))
        .expect(200);
    mailOnly
        .api()
        .put("/api/hosts/" + host.id() + "/follow", new JsonObject().put("inApp", false))
        .expect(200);
    unverified.api().put("/api/hosts/" + host.id() + "/follow", new JsonObject()).expect(200);

    long id;
    try (TopicRecorder pushed = new TopicRecorder("user:" + both.id())) {
      id =
          host.api()
              .post("/api/shows", ShowFixtures.showBody("Midnight drops"))
              .expect(201)
              .json()
              .getLong("id");
      JsonObject frame =
          pushed.await("notification", d -> "show.scheduled".equals(d.getString("kind")));
      assertEquals(id, frame.getJsonObject("data").getJsonObject("payload").getLong("showId"));
    }
    List<JsonObject> scheduled = notices(both, "show.scheduled");
    assertEquals(1, scheduled.size());
    assertEquals("Midnight drops", scheduled.get(0).getJsonObject("payload").getString("title"));
    JsonObject mail = Mailbox.await(both.email(), "Midnight drops");
    assertTrue(mail.getString("subject").contains("scheduled"), mail.encode());
    assertTrue(mail.getString("text").contains("/shows/" + id), mail.getString("text"));
    Mailbox.await(mailOnly.email(), "Midnight drops");

    assertEquals(1, notices(appOnly, "show.scheduled").size());
    assertEquals(0, notices(mailOnly, "show.scheduled").size());
    assertEquals(1, notices(unverified, "show.scheduled").size());
    assertEquals(0, notices(stranger, "show.scheduled").size());
    // the outbox delivered both and mailOnly's mails by now; the others were never queued
    assertEquals(0, Mailbox.mailsTo(appOnly.email()).size());
    assertEquals(0, Mailbox.mailsTo(unverified.email()).size());
    assertEquals(0, Mailbox.mailsTo(stranger.email()).size());

    host.api().post("/api/shows/" + id + "/start").expect(200);
    assertEquals(1, notices(both, "show.live").size());
    assertTrue(
        Mailbox.await(both.email(), "is live now").getString("subject").contains("Midnight drops"));
    assertEquals(0, notices(stranger, "show.live").size());
  }
}
