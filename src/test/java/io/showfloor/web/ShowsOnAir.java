package io.showfloor.web;

import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Live shows a browser test puts on air, ended after the test so the shared node's discover page
 * and viewer sampling do not grow with every test. Register with {@code @RegisterExtension}.
 */
final class ShowsOnAir implements AfterEachCallback {
  private record OnAir(Users.TestUser host, long showId) {}

  private final List<OnAir> started = new ArrayList<>();

  /** A show scheduled by the host and started at once; answers its id. */
  long start(Users.TestUser host, String title) {
    long id =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", title)
                    .put("category", "sneakers")
                    .put("description", "Grails and steals, one lot at a time.")
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
    started.add(new OnAir(host, id));
    return id;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    started.forEach(s -> s.host().api().post("/api/shows/" + s.showId() + "/end"));
    started.clear();
  }
}
