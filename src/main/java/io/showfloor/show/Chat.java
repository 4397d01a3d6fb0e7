package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.infra.PostCommit;
import io.showfloor.platform.infra.RedisStore;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Chat in a live show: messages are checked (length, blocked words), limited (per-user rate, the
 * show's slow mode), stored, then fanned out on show:&lt;id&gt; as chat.message; deleted by their
 * author or the show's staff; and the pinned announcement above it. The rules themselves are {@link
 * ChatSettings}.
 */
final class Chat {
  private final RateLimiter rateLimiter;
  private final RedisStore redis;
  private final Database db;
  private final ShowAccess access;
  private final ShowEvents events;
  private final ShowModerationLog log;
  private final int maxLength;
  private final int perUserLimit;
  private final int perUserWindowSeconds;

  Chat(
      Database db,
      RedisStore redis,
      RateLimiter rateLimiter,
      ShowSettings settings,
      ShowAccess access,
      ShowEvents events,
      ShowModerationLog log) {
    this.rateLimiter = rateLimiter;
    this.redis = redis;
    this.log = log;
    this.db = db;
    this.access = access;
    this.events = events;
    this.maxLength = settings.chatMaxLength();
    this.perUserLimit = settings.chatMessagesPerWindow();
    this.perUserWindowSeconds = settings.chatWindowSeconds();
  }

  /**
   * Checks the text alone: not empty once trimmed, not longer than the limit (in characters a
   * person sees).
   */
  String checkText(@Nullable String raw) {
    String text = raw == null ? "" : raw.strip();
    if (text.isEmpty()) {
      throw Refused.invalid("chat_message_empty", "A chat message needs some text");
    }
    int length = text.codePointCount(0, text.length());
    if (length > maxLength) {
      throw Refused.invalid(
          "chat_message_too_long",
          "A chat message may be at most "
              + maxLength
              + " characters (this one has "
              + length
              + ")");
    }
    return text;
  }

  Future<ChatMessage> send(
      Caller caller, long showId, @Nullable String raw, @Nullable String idempotencyKey) {
    String text = checkText(raw);
    return earlier(caller.userId(), idempotencyKey)
        .compose(
            found ->
                found != null
                    ? Future.succeededFuture(found)
                    : rateLimiter
                        .check(
                            "chat:" + showId + ":" + caller.userId(),
                            perUserLimit,
                            perUserWindowSeconds)
                        .compose(
                            v -> {
                              // who the sender is in the show and the show's chat rules, read side
                              // by side
                              Future<ShowAccess.Standing> who =
                                  access.standing(showId, caller.userId());
                              Future<Rules> how = rules(showId);
                              return Future.all(who, how)
                                  .compose(
                                      both -> {
                                        ShowAccess.Standing standing = who.result();
                                        Rules rules = how.result();
                                        if (!standing.show().isLive()) {
                                          return Future.failedFuture(
                                              Refused.conflict(
                                                  "show_not_live",
                                                  "Chat is open while the show is live"));
                                        }
                                        ShowAccess.requireNotSanctioned(standing);
                                        rules
                                            .words()
                                            .firstIn(text)
                                            .ifPresent(
                                                word -> {
                                                  throw Refused.unprocessable(
                                                      "chat_message_blocked",
                                                      "The message contains a blocked word: "
                                                          + word);
                                                });
                                        return standing.role().moderates()
                                                || rules.slowModeSeconds() == 0
                                            ? Future.succeededFuture()
                                            : slowMode(
                                                showId, caller.userId(), rules.slowModeSeconds());
                                      });
                            })
                        .compose(
                            v ->
                                insert(
                                    db.pool(),
                                    showId,
                                    caller.userId(),
                                    "message",
                                    text,
                                    idempotencyKey))
                        .compose(
                            message ->
                                events
                                    .publish(showId, "chat.message", message.toJson())
                                    .map(message))
                        // the same key sent twice at once: the loser answers with the winner's
                        // message
                        .recover(
                            e ->
                                Database.isUniqueViolation(e, "chat_messages_idempotency")
                                    ? earlier(caller.userId(), idempotencyKey)
                                    : Future.failedFuture(e)));
  }

  /** The message this user already sent with this Idempotency-Key, or null. */
  private Future<ChatMessage> earlier(long userId, @Nullable String idempotencyKey) {
    if (idempotencyKey == null) {
      return Future.succeededFuture(null);
    }
    return db.query(
            "SELECT "
                + ChatMessage.COLUMNS
                + ChatMessage.FROM
                + "WHERE m.user_id = $1 AND m.idempotency_key = $2",
            Tuple.of(userId, idempotencyKey))
        .map(rows -> rows.iterator().hasNext() ? ChatMessage.from(rows.iterator().next()) : null);
  }

  private record Rules(int slowModeSeconds, BlockedWords words) {}

  private Future<Rules> rules(long showId) {
    return db.one(
            """
            SELECT s.slow_mode_seconds,
                   ARRAY(SELECT word FROM blocked_words w WHERE w.show_id = s.id OR w.show_id IS NULL) AS words
            FROM shows s WHERE s.id = $1""",
            Tuple.of(showId))
        // no row: the show does not exist, and the standing read beside this one says so (404)
        .compose(
            row ->
                row == null
                    ? Future.failedFuture(
                        Refused.notFound("show_not_found", "There is no show " + showId))
                    : Future.succeededFuture(
                        new Rules(
                            row.getInteger("slow_mode_seconds"),
                            new BlockedWords(List.of(row.getArrayOfStrings("words"))))));
  }

  /** One message per slow-mode interval per viewer: the first SET NX wins the interval. */
  private Future<Void> slowMode(long showId, long userId, int seconds) {
    String key = "slow:" + showId + ":" + userId;
    return redis
        .api()
        .set(List.of(key, "1", "NX", "EX", String.valueOf(seconds)))
        .compose(
            ok -> {
              if (ok != null) {
                return Future.succeededFuture();
              }
              return redis
                  .api()
                  .ttl(key)
                  .compose(
                      ttl -> {
                        long wait = ttl == null ? seconds : Math.max(1, ttl.toLong());
                        return Future.failedFuture(
                            new Refused(
                                    Refused.Kind.RATE_LIMITED,
                                    "slow_mode",
                                    "Slow mode is on: one message every "
                                        + seconds
                                        + " s; try again in "
                                        + wait
                                        + " s")
                                .retryAfter(wait));
                      });
            });
  }

  static Future<ChatMessage> insert(
      SqlClient client,
      long showId,
      long userId,
      String kind,
      String text,
      @Nullable String idempotencyKey) {
    return client
        .preparedQuery(
            """
            WITH m AS (INSERT INTO chat_messages (show_id, user_id, kind, text, idempotency_key)
                       VALUES ($1, $2, $3, $4, $5) RETURNING *)
            SELECT m.id, m.show_id, m.user_id, u.display_name, m.kind, m.text, m.created_at, false AS deleted
            FROM m JOIN user_directory u ON u.id = m.user_id""")
        .execute(Tuple.of(showId, userId, kind, text, idempotencyKey))
        .map(rows -> ChatMessage.from(rows.iterator().next()));
  }

  /** Newest first; deleted messages are left out. */
  Future<JsonObject> list(long showId, int limit, @Nullable Long before) {
    return access
        .find(showId)
        .compose(
            show ->
                db.query(
                    "SELECT "
                        + ChatMessage.COLUMNS
                        + ChatMessage.FROM
                        + "WHERE m.show_id = $1 AND m.deleted_at IS NULL AND ($2::bigint IS NULL OR m.id < $2) ORDER BY m.id DESC LIMIT $3",
                    Tuple.of(showId, before, limit + 1)))
        .map(rows -> page(rows, limit));
  }

  static JsonObject page(Iterable<Row> rows, int limit) {
    return KeysetPage.of(rows, limit, row -> ChatMessage.from(row).toJson());
  }

  /** The author or the show's staff remove a message; it disappears from every viewer's chat. */
  Future<Void> delete(Caller caller, long showId, long messageId) {
    return db.tx(tx -> delete(tx, caller, showId, messageId))
        .compose(
            after -> PostCommit.<Void>then("deleting chat message " + messageId, after::run, null));
  }

  /**
   * The deletion inside the caller's transaction; the answer announces it (chat.deleted, and
   * chat.unpinned when it was pinned) and must run after the commit. Platform moderators reuse it.
   */
  Future<AfterCommit> delete(SqlConnection tx, Caller caller, long showId, long messageId) {
    return tx.preparedQuery(
            "SELECT user_id FROM chat_messages WHERE id = $1 AND show_id = $2 FOR UPDATE")
        .execute(Tuple.of(messageId, showId))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.failedFuture(
                    Refused.notFound(
                        "message_not_found", "There is no message " + messageId + " in this show"));
              }
              long authorId = rows.iterator().next().getLong("user_id");
              Future<Void> allowed =
                  authorId == caller.userId()
                      ? Future.succeededFuture()
                      : access.requireModerator(showId, caller).mapEmpty();
              return allowed
                  .compose(
                      v ->
                          tx.preparedQuery(
                                  "UPDATE chat_messages SET deleted_at = now(), deleted_by = $2 WHERE id = $1 AND deleted_at IS NULL")
                              .execute(Tuple.of(messageId, caller.userId())))
                  .compose(
                      r ->
                          tx.preparedQuery(
                                  "UPDATE shows SET pinned_message_id = NULL WHERE id = $1 AND pinned_message_id = $2")
                              .execute(Tuple.of(showId, messageId)))
                  .compose(
                      unpinned ->
                          log.record(
                                  tx,
                                  new ShowModerationLog.Entry(
                                      showId,
                                      caller.userId(),
                                      "delete_message",
                                      authorId,
                                      messageId,
                                      null))
                              .map(
                                  v ->
                                      (AfterCommit)
                                          () ->
                                              announceDeleted(
                                                  showId, messageId, unpinned.rowCount() > 0)));
            });
  }

  private Future<Void> announceDeleted(long showId, long messageId, boolean wasPinned) {
    return events
        .publish(showId, "chat.deleted", new JsonObject().put("id", messageId))
        .compose(
            x ->
                wasPinned
                    ? events.publish(showId, "chat.unpinned", new JsonObject().put("id", messageId))
                    : Future.succeededFuture());
  }

  // ---- pinned announcements ----

  /** Pins a new announcement ({@code text}) or an existing message ({@code messageId}). */
  Future<ChatMessage> pin(Caller caller, long showId, JsonObject body) {
    Long messageId = body.getLong("messageId");
    String text = body.containsKey("text") ? checkText(body.getString("text")) : null;
    if ((messageId == null) == (text == null)) {
      return Future.failedFuture(
          Refused.invalid("pin_needs_text_or_message", "Give either text or messageId"));
    }
    return access
        .requireModerator(showId, caller)
        .compose(
            s -> {
              if (s.show().isOver()) {
                return Future.failedFuture(
                    Refused.conflict("show_over", "This show has " + s.show().status()));
              }
              return db.tx(
                  tx -> {
                    Future<ChatMessage> message =
                        text != null
                            ? insert(tx, showId, caller.userId(), "announcement", text, null)
                            : tx.preparedQuery(
                                    "SELECT "
                                        + ChatMessage.COLUMNS
                                        + ChatMessage.FROM
                                        + "WHERE m.id = $1 AND m.show_id = $2 AND m.deleted_at IS NULL")
                                .execute(Tuple.of(messageId, showId))
                                .map(
                                    rows -> {
                                      if (!rows.iterator().hasNext()) {
                                        throw Refused.notFound(
                                            "message_not_found",
                                            "There is no message " + messageId + " in this show");
                                      }
                                      return ChatMessage.from(rows.iterator().next());
                                    });
                    return message.compose(
                        m ->
                            tx.preparedQuery(
                                    "UPDATE shows SET pinned_message_id = $2 WHERE id = $1")
                                .execute(Tuple.of(showId, m.id()))
                                .map(m));
                  });
            })
        .compose(m -> events.publish(showId, "chat.pinned", m.toJson()).map(m));
  }

  Future<Void> unpin(Caller caller, long showId) {
    return access
        .requireModerator(showId, caller)
        .compose(
            s ->
                db.query(
                    "UPDATE shows SET pinned_message_id = NULL WHERE id = $1 AND pinned_message_id IS NOT NULL RETURNING id",
                    Tuple.of(showId)))
        .compose(
            rows ->
                rows.rowCount() == 0
                    ? Future.failedFuture(
                        Refused.notFound("nothing_pinned", "Nothing is pinned in this show"))
                    : events.publish(showId, "chat.unpinned", new JsonObject()));
  }

  /** The pinned message of a show, or null. */
  Future<ChatMessage> pinned(SqlClient client, long showId) {
    return client
        .preparedQuery(
            "SELECT "
                + ChatMessage.COLUMNS
                + ChatMessage.FROM
                + "JOIN shows s ON s.pinned_message_id = m.id WHERE s.id = $1")
        .execute(Tuple.of(showId))
        .map(rows -> rows.iterator().hasNext() ? ChatMessage.from(rows.iterator().next()) : null);
  }

  /** The last messages, oldest first, for a snapshot. */
  Future<JsonArray> recent(SqlClient client, long showId, int count) {
    return client
        .preparedQuery(
            "SELECT "
                + ChatMessage.COLUMNS
                + ChatMessage.FROM
                + "WHERE m.show_id = $1 AND m.deleted_at IS NULL ORDER BY m.id DESC LIMIT $2")
        .execute(Tuple.of(showId, count))
        .map(
            rows -> {
              List<JsonObject> newestFirst = new ArrayList<>();
              rows.forEach(r -> newestFirst.add(ChatMessage.from(r).toJson()));
              JsonArray list = new JsonArray();
              for (int i = newestFirst.size() - 1; i >= 0; i--) {
                list.add(newestFirst.get(i));
              }
              return list;
            });
  }
}
