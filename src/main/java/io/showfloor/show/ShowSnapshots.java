package io.showfloor.show;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Answers the real-time gateway's {@code snapshot.show} requests ({@code {id, userId}}, registered
 * through {@link io.showfloor.realtime.SocketApi#onSnapshot}) with everything a viewer needs to
 * draw the show when they subscribe: the show, viewer count, pinned message, recent chat, the open
 * poll (with the user's vote), top open questions, reaction counts and the user's own standing
 * (role, banned, timed out until).
 */
final class ShowSnapshots {
  private final Database db;
  private final ShowAccess access;
  private final Presence presence;
  private final Chat chat;
  private final Reactions reactions;
  private final Polls polls;
  private final Questions questions;

  ShowSnapshots(
      Database db,
      ShowAccess access,
      Presence presence,
      Chat chat,
      Reactions reactions,
      Polls polls,
      Questions questions) {
    this.db = db;
    this.access = access;
    this.presence = presence;
    this.chat = chat;
    this.reactions = reactions;
    this.polls = polls;
    this.questions = questions;
  }

  /**
   * One pooled connection per snapshot, its queries pipelined on it: when hundreds of viewers join
   * at once, each snapshot waits for one connection instead of queueing eight queries behind
   * everyone else's, so the first to ask are answered first.
   */
  Future<JsonObject> snapshot(long showId, long userId) {
    return db.pool()
        .withConnection(
            conn ->
                ShowService.get(conn, showId)
                    .compose(
                        show -> {
                          Future<Long> viewers =
                              show.isLive() ? presence.count(showId) : Future.succeededFuture(0L);
                          var pinned = chat.pinned(conn, showId);
                          var recent = chat.recent(conn, showId, 50);
                          var poll = polls.open(conn, showId, userId);
                          var top = questions.list(conn, showId, "top", "open", 10);
                          var reactionCounts = reactions.counts(conn, showId);
                          var standing = access.standing(conn, showId, userId);
                          return Future.all(
                                  java.util.List.of(
                                      viewers, pinned, recent, poll, top, reactionCounts, standing))
                              .map(
                                  all -> {
                                    ShowAccess.Standing you = standing.result();
                                    return new JsonObject()
                                        .put(
                                            "show",
                                            show.toJson().put("viewerCount", viewers.result()))
                                        .put("viewerCount", viewers.result())
                                        .put(
                                            "pinned",
                                            pinned.result() == null
                                                ? null
                                                : pinned.result().toJson())
                                        .put("recentChat", recent.result())
                                        .put("activePoll", poll.result())
                                        .put("questions", top.result())
                                        .put("reactions", reactionCounts.result())
                                        .put(
                                            "you",
                                            new JsonObject()
                                                .put("userId", userId)
                                                .put("role", userId == 0 ? null : you.role().wire())
                                                .put("banned", you.banned())
                                                .put(
                                                    "timedOutUntil",
                                                    you.timedOutUntil() == null
                                                        ? null
                                                        : you.timedOutUntil()
                                                            .toInstant()
                                                            .toString()));
                                  });
                        }));
  }
}
