package io.showfloor.show;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Tells a host's followers that a show was scheduled or went live, each through the channels that
 * follower chose for that host (in-app, mail). {@link #record} runs inside the show's transaction
 * so a notice exists exactly when the change committed; the returned action pushes the in-app
 * notices to open sockets and wakes the mail worker, and is run after the commit.
 */
interface FollowerNotices {
  enum Kind {
    SCHEDULED("show.scheduled"),
    LIVE("show.live");

    final String wire;

    Kind(String wire) {
      this.wire = wire;
    }
  }

  Future<Runnable> record(SqlConnection tx, Show show, Kind kind);
}
