package io.showfloor.show;

import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Shows made over HTTP for the tests of this package. */
final class ShowFixtures {
  private ShowFixtures() {}

  static JsonObject showBody(String title) {
    return new JsonObject()
        .put("title", title)
        .put("description", "Rare finds")
        .put("category", "sneakers")
        .put("coverImageUrl", "https://img.example.test/cover.jpg")
        .put(
            "scheduledAt",
            Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
  }

  static TestUser creator() {
    return Users.create("creator");
  }

  static long scheduled(TestUser host) {
    return host.api()
        .post("/api/shows", showBody("Show of " + host.displayName()))
        .expect(201)
        .json()
        .getLong("id");
  }

  static long live(TestUser host) {
    long id = scheduled(host);
    host.api().post("/api/shows/" + id + "/start").expect(200);
    return id;
  }
}
