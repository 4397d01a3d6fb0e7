package io.showfloor.show;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * INTERIM, until io.showfloor.notify (stored notifications and the mail outbox) is in main: pushes a
 * {@code notification} frame to each follower who wants in-app notices; nothing is stored and no mail
 * is sent.
 */
final class PushedFollowerNotices implements FollowerNotices {
  private final ShowEvents events;

  PushedFollowerNotices(ShowEvents events) {
    this.events = events;
  }

  @Override
  public Future<Runnable> record(SqlConnection tx, Show show, Kind kind) {
    return tx.preparedQuery("SELECT follower_id FROM host_follows WHERE host_id = $1 AND notify_in_app")
        .execute(Tuple.of(show.hostId()))
        .map(rows -> {
          List<Long> followers = new ArrayList<>();
          for (Row r : rows) {
            followers.add(r.getLong("follower_id"));
          }
          JsonObject notice = new JsonObject().put("kind", kind.wire).put("payload", ShowNoticeText.payload(show, kind));
          return () -> followers.forEach(id -> events.toUser(id, "notification", notice));
        });
  }
}
