package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The chat rules staff control: slow mode and the show's blocked words; platform moderators keep
 * the words refused in every show.
 */
final class ChatSettings {
  static final int BLOCKED_WORD_MAX = 60;
  private final Database db;
  private final ShowAccess access;
  private final ShowEvents events;
  private final ShowModerationLog log;

  ChatSettings(Database db, ShowAccess access, ShowEvents events, ShowModerationLog log) {
    this.db = db;
    this.log = log;
    this.access = access;
    this.events = events;
  }

  Future<JsonObject> get(Caller caller, long showId) {
    return access.requireModerator(showId, caller).compose(s -> readSettings(db.pool(), showId));
  }

  /** Slow mode and the show's blocked words (the list given replaces the old one). */
  Future<JsonObject> update(Caller caller, long showId, JsonObject body) {
    Integer slow = body.getInteger("slowModeSeconds");
    JsonArray words = body.getJsonArray("blockedWords");
    List<String> normalized = words == null ? null : normalizeWords(words);
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
                    Future<Void> done =
                        slow == null
                            ? Future.succeededFuture()
                            : tx.preparedQuery(
                                    "UPDATE shows SET slow_mode_seconds = $2 WHERE id = $1")
                                .execute(Tuple.of(showId, slow))
                                .mapEmpty();
                    if (normalized != null) {
                      done =
                          done.compose(
                                  v ->
                                      tx.preparedQuery(
                                              "DELETE FROM blocked_words WHERE show_id = $1")
                                          .execute(Tuple.of(showId)))
                              .compose(v -> insertWords(tx, showId, caller.userId(), normalized));
                    }
                    return done.compose(
                            v ->
                                log.record(
                                    tx,
                                    new ShowModerationLog.Entry(
                                        showId,
                                        caller.userId(),
                                        "chat_settings",
                                        null,
                                        null,
                                        body.encode())))
                        .compose(v -> readSettings(tx, showId));
                  });
            })
        .compose(
            settings ->
                events
                    .publish(
                        showId,
                        "chat.settings",
                        new JsonObject()
                            .put("slowModeSeconds", settings.getInteger("slowModeSeconds")))
                    .map(settings));
  }

  private static Future<JsonObject> readSettings(SqlClient client, long showId) {
    return client
        .preparedQuery(
            """
            SELECT s.slow_mode_seconds, ARRAY(SELECT word FROM blocked_words w WHERE w.show_id = s.id ORDER BY word) AS words
            FROM shows s WHERE s.id = $1""")
        .execute(Tuple.of(showId))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return new JsonObject()
                  .put("slowModeSeconds", row.getInteger("slow_mode_seconds"))
                  .put("blockedWords", new JsonArray(List.of(row.getArrayOfStrings("words"))));
            });
  }

  /** Platform-wide blocked words (moderators), replaced as a whole. */
  Future<JsonObject> platformWords() {
    return db.query(
            "SELECT word FROM blocked_words WHERE show_id IS NULL ORDER BY word", Tuple.tuple())
        .map(
            rows -> {
              JsonArray words = new JsonArray();
              rows.forEach(r -> words.add(r.getString("word")));
              return new JsonObject().put("words", words);
            });
  }

  Future<JsonObject> replacePlatformWords(Caller caller, JsonArray words) {
    List<String> normalized = normalizeWords(words);
    return db.tx(
            tx ->
                tx.preparedQuery("DELETE FROM blocked_words WHERE show_id IS NULL")
                    .execute(Tuple.tuple())
                    .compose(v -> insertWords(tx, null, caller.userId(), normalized)))
        .compose(v -> platformWords());
  }

  private static List<String> normalizeWords(JsonArray words) {
    List<String> list = new ArrayList<>();
    for (Object w : words) {
      String word = BlockedWords.normalize(String.valueOf(w));
      if (word.isEmpty()) {
        throw Refused.invalid(
            "invalid_blocked_word",
            "A blocked word needs at least one letter or digit: '" + w + "'");
      }
      if (word.length() > BLOCKED_WORD_MAX) {
        throw Refused.invalid(
            "invalid_blocked_word",
            "A blocked word is at most " + BLOCKED_WORD_MAX + " characters");
      }
      if (!list.contains(word)) {
        list.add(word);
      }
    }
    return list;
  }

  private static Future<Void> insertWords(
      SqlClient tx, @Nullable Long showId, long userId, List<String> words) {
    if (words.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = words.stream().map(w -> Tuple.of(showId, w, userId)).toList();
    return tx.preparedQuery(
            "INSERT INTO blocked_words (show_id, word, created_by) VALUES ($1, $2, $3)")
        .executeBatch(batch)
        .mapEmpty();
  }
}
