package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls in a live show: the host (or a co-host) asks, each viewer votes once, everyone sees the
 * results live.
 */
final class Polls {
  private static final String POLL =
      """
      SELECT p.id, p.show_id, p.question, p.options, p.status, p.created_at, p.closed_at,
             ARRAY(SELECT count(v.user_id) FROM generate_subscripts(p.options, 1) AS i
                   LEFT JOIN poll_votes v ON v.poll_id = p.id AND v.option_index = i - 1
                   GROUP BY i ORDER BY i) AS counts,
             (SELECT option_index FROM poll_votes WHERE poll_id = p.id AND user_id = $2) AS my_vote
      FROM polls p""";
  private final Database db;
  private final ShowAccess access;
  private final ShowEvents events;

  Polls(Database db, ShowAccess access, ShowEvents events) {
    this.db = db;
    this.access = access;
    this.events = events;
  }

  Future<JsonObject> create(Caller caller, long showId, JsonObject body) {
    String question = Fields.text(body, "question", 200);
    List<String> options = new ArrayList<>();
    for (Object o : body.getJsonArray("options")) {
      String option = o == null ? "" : o.toString().strip();
      if (option.isEmpty() || option.codePointCount(0, option.length()) > 80) {
        return Future.failedFuture(
            Refused.invalid("invalid_options", "Each option needs 1 to 80 characters"));
      }
      if (options.stream().anyMatch(option::equalsIgnoreCase)) {
        return Future.failedFuture(
            Refused.invalid(
                "invalid_options", "Options must differ: '" + option + "' is there twice"));
      }
      options.add(option);
    }
    return access
        .requireHost(showId, caller.userId())
        .compose(
            show -> {
              if (!show.isLive()) {
                return Future.failedFuture(
                    Refused.conflict("show_not_live", "Polls run while the show is live"));
              }
              return db.one(
                      "INSERT INTO polls (show_id, created_by, question, options) VALUES ($1, $2, $3, $4) RETURNING id",
                      Tuple.of(showId, caller.userId(), question, options.toArray(new String[0])))
                  .recover(
                      e ->
                          Future.failedFuture(
                              Database.isUniqueViolation(e, "polls_one_open")
                                  ? Refused.conflict(
                                      "poll_already_open",
                                      "Close the open poll before asking another")
                                  : e));
            })
        .compose(row -> get(db.pool(), row.getLong("id"), caller.userId()))
        .compose(poll -> events.publish(showId, "poll.opened", publicView(poll)).map(poll));
  }

  Future<JsonObject> vote(Caller caller, long pollId, int option) {
    return db.tx(
            tx ->
                tx.preparedQuery(
                        "SELECT show_id, status, cardinality(options) AS n FROM polls WHERE id = $1 FOR SHARE")
                    .execute(Tuple.of(pollId))
                    .compose(
                        rows -> {
                          if (!rows.iterator().hasNext()) {
                            return Future.failedFuture(
                                Refused.notFound("poll_not_found", "There is no poll " + pollId));
                          }
                          Row poll = rows.iterator().next();
                          if (!"open".equals(poll.getString("status"))) {
                            return Future.failedFuture(
                                Refused.conflict("poll_closed", "This poll is closed"));
                          }
                          if (option >= poll.getInteger("n")) {
                            return Future.failedFuture(
                                Refused.invalid(
                                    "invalid_option",
                                    "This poll has " + poll.getInteger("n") + " options"));
                          }
                          return access
                              .standing(tx, poll.getLong("show_id"), caller.userId())
                              .compose(
                                  standing -> {
                                    if (standing.banned()) {
                                      return Future.failedFuture(
                                          Refused.forbidden(
                                              "banned_from_show", "You are banned from this show"));
                                    }
                                    return tx.preparedQuery(
                                            """
                        INSERT INTO poll_votes (poll_id, user_id, option_index) VALUES ($1, $2, $3)
                        ON CONFLICT (poll_id, user_id) DO NOTHING""")
                                        .execute(Tuple.of(pollId, caller.userId(), option));
                                  });
                        })
                    .compose(
                        inserted ->
                            inserted.rowCount() == 0
                                ? Future.failedFuture(
                                    Refused.conflict(
                                        "already_voted", "You already voted in this poll"))
                                : get(tx, pollId, caller.userId())))
        .compose(
            poll ->
                events.publish(poll.getLong("showId"), "poll.results", publicView(poll)).map(poll));
  }

  Future<JsonObject> close(Caller caller, long pollId) {
    return db.one("SELECT show_id FROM polls WHERE id = $1", Tuple.of(pollId))
        .compose(
            row ->
                row == null
                    ? Future.failedFuture(
                        Refused.notFound("poll_not_found", "There is no poll " + pollId))
                    : access.requireHost(row.getLong("show_id"), caller.userId()))
        .compose(
            show ->
                db.query(
                    "UPDATE polls SET status = 'closed', closed_at = now() WHERE id = $1 AND status = 'open'",
                    Tuple.of(pollId)))
        .compose(
            updated ->
                updated.rowCount() == 0
                    ? Future.failedFuture(
                        Refused.conflict("poll_closed", "This poll is already closed"))
                    : get(db.pool(), pollId, caller.userId()))
        .compose(
            poll ->
                events.publish(poll.getLong("showId"), "poll.closed", publicView(poll)).map(poll));
  }

  /** Ending a show closes its open poll in the same transaction. */
  Future<Void> closeOpen(SqlConnection tx, long showId) {
    return tx.preparedQuery(
            "UPDATE polls SET status = 'closed', closed_at = now() WHERE show_id = $1 AND status = 'open'")
        .execute(Tuple.of(showId))
        .mapEmpty();
  }

  Future<JsonObject> get(long pollId, long userId) {
    return get(db.pool(), pollId, userId);
  }

  private static Future<JsonObject> get(SqlClient client, long pollId, long userId) {
    return client
        .preparedQuery(POLL + " WHERE p.id = $1")
        .execute(Tuple.of(pollId, userId))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw Refused.notFound("poll_not_found", "There is no poll " + pollId);
              }
              return toJson(rows.iterator().next());
            });
  }

  Future<JsonArray> list(long showId, long userId) {
    return access
        .find(showId)
        .compose(
            show ->
                db.query(POLL + " WHERE p.show_id = $1 ORDER BY p.id", Tuple.of(showId, userId)))
        .map(
            rows -> {
              JsonArray list = new JsonArray();
              rows.forEach(r -> list.add(toJson(r)));
              return list;
            });
  }

  /** The open poll of a show with its results, or null. */
  Future<JsonObject> open(SqlClient client, long showId, long userId) {
    return client
        .preparedQuery(POLL + " WHERE p.show_id = $1 AND p.status = 'open'")
        .execute(Tuple.of(showId, userId))
        .map(rows -> rows.iterator().hasNext() ? toJson(rows.iterator().next()) : null);
  }

  private static JsonObject toJson(Row r) {
    String[] options = r.getArrayOfStrings("options");
    Long[] counts = r.getArrayOfLongs("counts");
    JsonArray results = new JsonArray();
    long total = 0;
    for (int i = 0; i < options.length; i++) {
      long votes = i < counts.length ? counts[i] : 0;
      total += votes;
      results.add(new JsonObject().put("index", i).put("text", options[i]).put("votes", votes));
    }
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("showId", r.getLong("show_id"))
        .put("question", r.getString("question"))
        .put("status", r.getString("status"))
        .put("options", results)
        .put("totalVotes", total)
        .put("myVote", r.getInteger("my_vote"))
        .put("createdAt", Show.iso(r.getOffsetDateTime("created_at")))
        .put("closedAt", Show.iso(r.getOffsetDateTime("closed_at")));
  }

  /** What every viewer sees: the results without anyone's own vote. */
  private static JsonObject publicView(JsonObject poll) {
    JsonObject view = poll.copy();
    view.remove("myVote");
    return view;
  }
}
