package io.showfloor.show;

import io.showfloor.testing.TestNode;
import io.vertx.sqlclient.Tuple;

/** Moves a show's clock for tests that need a show that has already run for a while. */
final class ShowTime {
  private ShowTime() {}

  /** As if the show had started this many seconds ago (and ended now, when it has ended). */
  static void startedSecondsAgo(long showId, int seconds) {
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE shows SET started_at = now() - make_interval(secs => $2) WHERE id = $1",
            Tuple.of(showId, seconds))
        .await();
  }
}
