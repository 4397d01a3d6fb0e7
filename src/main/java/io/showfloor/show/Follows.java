package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Viewers follow hosts, and choose per host how they hear about that host's shows. */
final class Follows {
  private final RateLimiter rateLimiter;
  private final Database db;

  Follows(Database db, RateLimiter rateLimiter) {
    this.rateLimiter = rateLimiter;
    this.db = db;
  }

  /** Follows (or updates the preferences of an existing follow); idempotent. */
  Future<JsonObject> follow(Caller caller, long hostId, JsonObject prefs) {
    if (caller.userId() == hostId) {
      return Future.failedFuture(
          Refused.conflict("cannot_follow_self", "You cannot follow yourself"));
    }
    Boolean inApp = prefs.getBoolean("inApp");
    Boolean mail = prefs.getBoolean("mail");
    return rateLimiter
        .check("follow:" + caller.userId(), 60, 60)
        .compose(v -> requireHost(hostId))
        .compose(
            v ->
                db.one(
                    """
            INSERT INTO host_follows (follower_id, host_id, notify_in_app, notify_mail)
            VALUES ($1, $2, COALESCE($3, true), COALESCE($4, true))
            ON CONFLICT (follower_id, host_id) DO UPDATE SET
              notify_in_app = COALESCE($3, host_follows.notify_in_app),
              notify_mail = COALESCE($4, host_follows.notify_mail)
            RETURNING host_id, notify_in_app, notify_mail, created_at""",
                    Tuple.of(caller.userId(), hostId, inApp, mail)))
        .map(Follows::toJson);
  }

  Future<Void> unfollow(Caller caller, long hostId) {
    return db.query(
            "DELETE FROM host_follows WHERE follower_id = $1 AND host_id = $2",
            Tuple.of(caller.userId(), hostId))
        .compose(
            rows ->
                rows.rowCount() == 0
                    ? Future.failedFuture(
                        Refused.notFound("not_following", "You do not follow that host"))
                    : Future.succeededFuture());
  }

  Future<JsonArray> following(Caller caller) {
    return db.query(
            """
            SELECT f.host_id, f.notify_in_app, f.notify_mail, f.created_at, u.display_name
            FROM host_follows f JOIN user_directory u ON u.id = f.host_id
            WHERE f.follower_id = $1 ORDER BY f.created_at DESC, f.host_id""",
            Tuple.of(caller.userId()))
        .map(
            rows -> {
              JsonArray list = new JsonArray();
              for (Row r : rows) {
                list.add(toJson(r).put("displayName", r.getString("display_name")));
              }
              return list;
            });
  }

  /** A host is any user with the creator role. */
  Future<Void> requireHost(long hostId) {
    return db.one(
            "SELECT 'creator' = ANY (roles) OR 'admin' = ANY (roles) AS hosts FROM user_directory WHERE id = $1",
            Tuple.of(hostId))
        .map(
            row -> {
              if (row == null || !row.getBoolean("hosts")) {
                throw Refused.notFound("host_not_found", "There is no host " + hostId);
              }
              return null;
            });
  }

  private static JsonObject toJson(Row r) {
    return new JsonObject()
        .put("hostId", r.getLong("host_id"))
        .put("inApp", r.getBoolean("notify_in_app"))
        .put("mail", r.getBoolean("notify_mail"))
        .put("followedAt", Show.iso(r.getOffsetDateTime("created_at")));
  }
}
