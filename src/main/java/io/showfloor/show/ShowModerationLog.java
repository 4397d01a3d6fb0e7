package io.showfloor.show;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * What a show's staff did (deleted a message, timed out, banned, lifted), written in the
 * transaction of the action. Listeners run in that same transaction, so the platform's audit trail
 * records the action exactly when it commits.
 */
public final class ShowModerationLog {
  /**
   * One logged action; {@code targetUserId} and {@code messageId} may be null, {@code detail} is
   * free text.
   */
  public record Entry(
      long showId,
      long actorId,
      String action,
      @Nullable Long targetUserId,
      @Nullable Long messageId,
      @Nullable String detail) {}

  /** Called inside the action's transaction; a failure rolls the action back. */
  @FunctionalInterface
  public interface Listener {
    Future<Void> logged(SqlClient tx, Entry entry);
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  void onLogged(Listener listener) {
    listeners.add(listener);
  }

  Future<Void> record(SqlClient tx, Entry entry) {
    Future<Void> done =
        tx.preparedQuery(
                """
            INSERT INTO show_moderation_log (show_id, actor_id, action, target_user_id, message_id, detail)
            VALUES ($1, $2, $3, $4, $5, $6)""")
            .execute(
                Tuple.of(
                    entry.showId(),
                    entry.actorId(),
                    entry.action(),
                    entry.targetUserId(),
                    entry.messageId(),
                    entry.detail()))
            .mapEmpty();
    for (Listener listener : listeners) {
      done = done.compose(v -> listener.logged(tx, entry));
    }
    return done;
  }
}
