package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Q&A in a live show: viewers ask, others upvote once each, the host marks questions answered. */
final class Questions {
  private static final String QUESTION =
      """
      SELECT q.id, q.show_id, q.user_id, u.display_name, q.text, q.upvotes, q.answered_at, q.created_at
      FROM questions q JOIN user_directory u ON u.id = q.user_id""";
  private final RateLimiter rateLimiter;
  private final Database db;
  private final ShowAccess access;
  private final ShowEvents events;

  Questions(Database db, RateLimiter rateLimiter, ShowAccess access, ShowEvents events) {
    this.rateLimiter = rateLimiter;
    this.db = db;
    this.access = access;
    this.events = events;
  }

  Future<JsonObject> ask(Caller caller, long showId, JsonObject body) {
    String text = Fields.text(body, "text", 300);
    return rateLimiter
        .check("ask:" + showId + ":" + caller.userId(), 3, 60)
        .compose(v -> access.standing(showId, caller.userId()))
        .compose(
            standing -> {
              if (!standing.show().isLive()) {
                return Future.failedFuture(
                    Refused.conflict("show_not_live", "Questions are open while the show is live"));
              }
              ShowAccess.requireNotSanctioned(standing);
              return db.one(
                  "INSERT INTO questions (show_id, user_id, text) VALUES ($1, $2, $3) RETURNING id",
                  Tuple.of(showId, caller.userId(), text));
            })
        .compose(row -> get(db.pool(), row.getLong("id")))
        .compose(q -> events.publish(showId, "question.asked", q).map(q));
  }

  Future<JsonObject> upvote(Caller caller, long questionId) {
    return db.tx(
            tx ->
                get(tx, questionId)
                    .compose(
                        q -> {
                          if (q.getLong("userId") == caller.userId()) {
                            return Future.failedFuture(
                                Refused.conflict(
                                    "own_question", "You cannot upvote your own question"));
                          }
                          return access
                              .standing(tx, q.getLong("showId"), caller.userId())
                              .compose(
                                  standing -> {
                                    if (standing.banned()) {
                                      return Future.failedFuture(
                                          Refused.forbidden(
                                              "banned_from_show", "You are banned from this show"));
                                    }
                                    if (standing.show().isOver()) {
                                      return Future.failedFuture(
                                          Refused.conflict(
                                              "show_over",
                                              "This show has " + standing.show().status()));
                                    }
                                    return tx.preparedQuery(
                                            "INSERT INTO question_upvotes (question_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                                        .execute(Tuple.of(questionId, caller.userId()));
                                  });
                        })
                    .compose(
                        inserted ->
                            inserted.rowCount() == 0
                                ? Future.failedFuture(
                                    Refused.conflict(
                                        "already_upvoted", "You already upvoted this question"))
                                : tx.preparedQuery(
                                        "UPDATE questions SET upvotes = upvotes + 1 WHERE id = $1")
                                    .execute(Tuple.of(questionId)))
                    .compose(v -> get(tx, questionId)))
        .compose(
            q ->
                events
                    .publish(
                        q.getLong("showId"),
                        "question.upvoted",
                        new JsonObject()
                            .put("id", questionId)
                            .put("upvotes", q.getInteger("upvotes")))
                    .map(q));
  }

  Future<JsonObject> answer(Caller caller, long questionId) {
    return get(db.pool(), questionId)
        .compose(q -> access.requireHost(q.getLong("showId"), caller.userId()))
        .compose(
            show ->
                db.query(
                    "UPDATE questions SET answered_at = now(), answered_by = $2 WHERE id = $1 AND answered_at IS NULL",
                    Tuple.of(questionId, caller.userId())))
        .compose(
            updated ->
                updated.rowCount() == 0
                    ? Future.failedFuture(
                        Refused.conflict("already_answered", "This question is already answered"))
                    : get(db.pool(), questionId))
        .compose(q -> events.publish(q.getLong("showId"), "question.answered", q).map(q));
  }

  /** sort=top (most upvoted first, the default) or new; status=open, answered or all. */
  Future<JsonArray> list(long showId, String sort, String status, int limit) {
    return access.find(showId).compose(show -> list(db.pool(), showId, sort, status, limit));
  }

  /** The same, for a show known to exist, on the caller's connection. */
  Future<JsonArray> list(SqlClient client, long showId, String sort, String status, int limit) {
    String order = "new".equals(sort) ? "q.id DESC" : "q.upvotes DESC, q.id ASC";
    String filter =
        "open".equals(status)
            ? " AND q.answered_at IS NULL"
            : "answered".equals(status) ? " AND q.answered_at IS NOT NULL" : "";
    return client
        .preparedQuery(
            QUESTION + " WHERE q.show_id = $1" + filter + " ORDER BY " + order + " LIMIT $2")
        .execute(Tuple.of(showId, limit))
        .map(
            rows -> {
              JsonArray list = new JsonArray();
              rows.forEach(r -> list.add(toJson(r)));
              return list;
            });
  }

  private static Future<JsonObject> get(SqlClient client, long questionId) {
    return client
        .preparedQuery(QUESTION + " WHERE q.id = $1")
        .execute(Tuple.of(questionId))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw Refused.notFound("question_not_found", "There is no question " + questionId);
              }
              return toJson(rows.iterator().next());
            });
  }

  private static JsonObject toJson(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("showId", r.getLong("show_id"))
        .put("userId", r.getLong("user_id"))
        .put("displayName", r.getString("display_name"))
        .put("text", r.getString("text"))
        .put("upvotes", r.getInteger("upvotes"))
        .put("answered", r.getOffsetDateTime("answered_at") != null)
        .put("answeredAt", Show.iso(r.getOffsetDateTime("answered_at")))
        .put("createdAt", Show.iso(r.getOffsetDateTime("created_at")));
  }
}
