package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * What platform moderators do inside a show, from their queue: the very code the show's own staff
 * run (same checks, same show log, same frames on show:&lt;id&gt;), inside the moderator's
 * transaction. Each call answers what to announce once that transaction has committed.
 */
public final class ShowEnforcement {
  private final Chat chat;
  private final ShowSanctions sanctions;
  private final ShowModerationLog log;
  private final ShowService shows;

  ShowEnforcement(Chat chat, ShowSanctions sanctions, ShowModerationLog log, ShowService shows) {
    this.chat = chat;
    this.sanctions = sanctions;
    this.log = log;
    this.shows = shows;
  }

  /**
   * What taking a show down did: {@code ended} (it was live) or {@code cancelled} (it was
   * scheduled).
   */
  public record TakeDown(String status, AfterCommit announce) {}

  /**
   * Ends a live show or cancels a scheduled one, as its host would, with the same frames ({@code
   * show.ended} / {@code show.cancelled}) and, for a live one, every end-of-show effect.
   */
  public Future<TakeDown> takeDown(SqlConnection tx, long showId) {
    return shows.takeDown(tx, showId);
  }

  /** Deletes a chat message as a host deletion would: viewers get the same chat.deleted frame. */
  public Future<AfterCommit> deleteMessage(SqlConnection tx, Caller moderator, long messageId) {
    return tx.preparedQuery("SELECT show_id FROM chat_messages WHERE id = $1")
        .execute(Tuple.of(messageId))
        .compose(
            rows ->
                rows.iterator().hasNext()
                    ? chat.delete(
                        tx, moderator, rows.iterator().next().getLong("show_id"), messageId)
                    : Future.failedFuture(
                        Refused.notFound("message_not_found", "There is no message " + messageId)));
  }

  public Future<AfterCommit> timeout(
      SqlConnection tx,
      Caller moderator,
      long showId,
      long userId,
      int minutes,
      @Nullable String reason) {
    return sanctions
        .timeout(tx, moderator, showId, userId, minutes, reason)
        .map(ShowSanctions.Sanctioned::announce);
  }

  public Future<AfterCommit> ban(
      SqlConnection tx, Caller moderator, long showId, long userId, @Nullable String reason) {
    return sanctions
        .ban(tx, moderator, showId, userId, reason, false)
        .map(ShowSanctions.Sanctioned::announce);
  }

  /**
   * Every entry of every show's moderation log is handed to {@code listener} inside its
   * transaction.
   */
  public void onLogged(ShowModerationLog.Listener listener) {
    log.onLogged(listener);
  }
}
