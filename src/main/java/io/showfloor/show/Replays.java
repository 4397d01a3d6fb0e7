package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * An ended show as a replay page: the show and its audience numbers, the recording, the chat in
 * time order with each message's offset from the start (so a player can replay chat in sync), polls
 * with their final results, the Q&A, the clips, and the lots — which belong to the auction domain
 * and are asked for on the event bus ({@link ShowLotsQuery}, reply a JsonArray); when no domain
 * answers there the replay says {@code lots: null}, and {@code lotsUrl} points at the auction
 * domain's list (GET /api/shows/{id}/lots).
 */
final class Replays {
  static final int CHAT_PAGE = 500;
  private final Database db;
  private final EventBus eventBus;
  private final ShowService shows;
  private final Polls polls;
  private final Questions questions;
  private final Clips clips;
  private final Reactions reactions;

  Replays(
      Database db,
      EventBus eventBus,
      ShowService shows,
      Polls polls,
      Questions questions,
      Clips clips,
      Reactions reactions) {
    this.db = db;
    this.eventBus = eventBus;
    this.shows = shows;
    this.polls = polls;
    this.questions = questions;
    this.clips = clips;
    this.reactions = reactions;
  }

  Future<JsonObject> replay(long showId, long userId) {
    return shows
        .get(showId)
        .compose(
            show -> {
              if (!show.isEnded()) {
                return Future.failedFuture(
                    Refused.conflict("show_not_ended", "A replay exists once the show has ended"));
              }
              var chatPage = chatFrom(showId, 0, CHAT_PAGE);
              var stats =
                  db.one(
                      """
          SELECT (SELECT count(*) FROM chat_messages WHERE show_id = $1 AND deleted_at IS NULL) AS messages,
                 (SELECT COALESCE(sum(count), 0) FROM show_reactions WHERE show_id = $1)::bigint AS reactions""",
                      Tuple.of(showId));
              var pollList = polls.list(showId, userId);
              var questionList = questions.list(showId, "top", "all", 200);
              var clipList = clips.ofShow(showId);
              var reactionCounts = reactions.counts(showId);
              var lots = lots(showId);
              return Future.all(
                      List.of(
                          chatPage, stats, pollList, questionList, clipList, reactionCounts, lots))
                  .map(
                      all ->
                          new JsonObject()
                              .put("show", show.toJson())
                              .put("recordingUrl", show.recordingUrl())
                              .put(
                                  "stats",
                                  new JsonObject()
                                      .put(
                                          "durationSeconds",
                                          java.time.Duration.between(
                                                  show.startedAt(), show.endedAt())
                                              .toSeconds())
                                      .put("peakViewers", show.peakViewers())
                                      .put("averageViewers", show.averageViewers())
                                      .put("chatMessages", stats.result().getLong("messages"))
                                      .put("reactions", stats.result().getLong("reactions")))
                              .put("chat", chatPage.result())
                              .put("polls", pollList.result())
                              .put("questions", questionList.result())
                              .put("clips", clipList.result())
                              .put("reactions", reactionCounts.result())
                              .put("lots", lots.result())
                              // the auction domain's own list of the show's lots, with their
                              // results
                              .put("lotsUrl", "/api/shows/" + showId + "/lots"));
            });
  }

  /** The replay's chat after a message id; only for ended shows. */
  Future<JsonObject> chat(long showId, long afterId, int limit) {
    return shows
        .get(showId)
        .compose(
            show ->
                show.isEnded()
                    ? chatFrom(showId, afterId, limit)
                    : Future.failedFuture(
                        Refused.conflict(
                            "show_not_ended", "A replay exists once the show has ended")));
  }

  /**
   * Chat in time order after a message id, each with its offset in seconds from the show's start.
   */
  private Future<JsonObject> chatFrom(long showId, long afterId, int limit) {
    return db.query(
            "SELECT "
                + ChatMessage.COLUMNS
                + ", EXTRACT(EPOCH FROM m.created_at - s.started_at)::int AS offset_seconds"
                + ChatMessage.FROM
                + "JOIN shows s ON s.id = m.show_id"
                + " WHERE m.show_id = $1 AND m.deleted_at IS NULL AND m.id > $2 ORDER BY m.id LIMIT $3",
            Tuple.of(showId, afterId, limit + 1))
        .map(
            rows ->
                KeysetPage.after(
                    rows,
                    limit,
                    r ->
                        ChatMessage.from(r)
                            .toJson()
                            .put("offsetSeconds", r.getInteger("offset_seconds"))));
  }

  private Future<JsonArray> lots(long showId) {
    return eventBus
        .<JsonArray>request(ShowLotsQuery.ADDRESS, new ShowLotsQuery(showId).toJson())
        .map(reply -> reply.body())
        .recover(
            e ->
                e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
                    ? Future.succeededFuture(null)
                    : Future.failedFuture(e));
  }
}
