package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.platform.Refused;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.RefusalStatus;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Java API other domains (auctions, flash sales) call; sanctions are set up over HTTP as a
 * moderator would.
 */
@DisplayName("ShowAccess answers who may participate in and run a show")
class ShowAccessTest {
  private final ShowAccess access = new ShowAccess(TestNode.get().platform().db());

  static ApiError failure(Future<?> future) {
    Throwable thrown = assertThrows(Throwable.class, future::await);
    Throwable cause =
        thrown instanceof CompletionException && thrown.getCause() != null
            ? thrown.getCause()
            : thrown;
    assertTrue(cause instanceof Refused, "expected a Refused, got " + cause);
    return RefusalStatus.toApiError((Refused) cause); // the status a client would see
  }

  @Test
  @DisplayName(
      "a banned user fails with 403 banned_from_show, a timed-out one with 403 timed_out, others pass")
  void participate() {
    TestUser host = ShowFixtures.creator();
    TestUser fine = Users.create();
    TestUser banned = Users.create();
    TestUser quiet = Users.create();
    long id = ShowFixtures.live(host);
    host.api()
        .post("/api/shows/" + id + "/bans", new JsonObject().put("userId", banned.id()))
        .expect(201);
    host.api()
        .post(
            "/api/shows/" + id + "/timeouts",
            new JsonObject().put("userId", quiet.id()).put("minutes", 3))
        .expect(201);

    ShowAccess.ShowRef show = access.requireCanParticipate(id, fine.id()).await();
    assertEquals(host.id(), show.hostId());
    assertEquals("live", show.status());
    ApiError ban = failure(access.requireCanParticipate(id, banned.id()));
    assertEquals(403, ban.status());
    assertEquals("banned_from_show", ban.code());
    assertEquals("timed_out", failure(access.requireCanParticipate(id, quiet.id())).code());
    assertEquals(
        "show_not_found", failure(access.requireCanParticipate(999_999_999L, fine.id())).code());
    // inside a caller's transaction too
    assertEquals(
        "banned_from_show",
        failure(
                TestNode.get()
                    .platform()
                    .db()
                    .tx(tx -> access.requireCanParticipate(tx, id, banned.id())))
            .code());
  }

  @Test
  @DisplayName("requireHost passes the host and co-hosts and refuses moderators and viewers")
  void host() {
    TestUser host = ShowFixtures.creator();
    TestUser cohost = Users.create();
    TestUser mod = Users.create();
    TestUser viewer = Users.create();
    long id = ShowFixtures.scheduled(host);
    host.api()
        .put("/api/shows/" + id + "/staff/" + cohost.id(), new JsonObject().put("role", "cohost"))
        .expect(200);
    host.api()
        .put("/api/shows/" + id + "/staff/" + mod.id(), new JsonObject().put("role", "moderator"))
        .expect(200);

    assertEquals(id, access.requireHost(id, host.id()).await().id());
    assertEquals(id, access.requireHost(id, cohost.id()).await().id());
    assertEquals("not_show_host", failure(access.requireHost(id, mod.id())).code());
    assertEquals("not_show_host", failure(access.requireHost(id, viewer.id())).code());
    assertEquals(ShowAccess.Role.MODERATOR, access.standing(id, mod.id()).await().role());
    assertEquals(ShowAccess.Role.VIEWER, access.standing(id, 0).await().role());
  }
}
