package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Viewers' reactions to a live show (hearts, fire …): counted per show and fanned out as {@code
 * reaction}.
 */
final class Reactions {
  private final RateLimiter rateLimiter;
  private final Database db;
  private final ShowAccess access;
  private final ShowEvents events;

  Reactions(Database db, RateLimiter rateLimiter, ShowAccess access, ShowEvents events) {
    this.rateLimiter = rateLimiter;
    this.db = db;
    this.access = access;
    this.events = events;
  }

  Future<JsonObject> react(Caller caller, long showId, String emoji) {
    return rateLimiter
        .check("react:" + showId + ":" + caller.userId(), 20, 10)
        .compose(v -> access.standing(showId, caller.userId()))
        .compose(
            standing -> {
              if (!standing.show().isLive()) {
                return Future.failedFuture(
                    Refused.conflict("show_not_live", "Reactions are open while the show is live"));
              }
              if (standing.banned()) {
                return Future.failedFuture(
                    Refused.forbidden("banned_from_show", "You are banned from this show"));
              }
              return db.one(
                  """
              INSERT INTO show_reactions (show_id, emoji, count) VALUES ($1, $2, 1)
              ON CONFLICT (show_id, emoji) DO UPDATE SET count = show_reactions.count + 1 RETURNING count""",
                  Tuple.of(showId, emoji));
            })
        .map(
            row ->
                new JsonObject()
                    .put("emoji", emoji)
                    .put("count", row.getLong("count"))
                    .put("userId", caller.userId()))
        .compose(reaction -> events.publish(showId, "reaction", reaction).map(reaction));
  }

  Future<JsonObject> counts(long showId) {
    return counts(db.pool(), showId);
  }

  Future<JsonObject> counts(SqlClient client, long showId) {
    return client
        .preparedQuery("SELECT emoji, count FROM show_reactions WHERE show_id = $1")
        .execute(Tuple.of(showId))
        .map(
            rows -> {
              JsonObject counts = new JsonObject();
              rows.forEach(r -> counts.put(r.getString("emoji"), r.getLong("count")));
              return counts;
            });
  }
}
