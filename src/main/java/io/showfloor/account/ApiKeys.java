package io.showfloor.account;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.CredentialsAuthenticator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * API keys for bots: {@code sfk_} + 43 random characters, shown once at creation, stored as
 * SHA-256, listed by their first 12 characters. A key acts as its user with the user's current
 * roles (read on every call, so a revoked role or key stops working at once), limited to the scopes
 * it was created with. Rotating a key makes a successor with the same name and scopes; the old one
 * keeps working for {@code accounts.apiKeyRotationGraceSeconds}, so a bot can be redeployed without
 * a gap.
 */
final class ApiKeys implements CredentialsAuthenticator.ApiKeys {
  static final String KEY_PREFIX = "sfk_";

  /** Scopes in the order they are shown. */
  static final List<String> SCOPES = List.of("read", "trade", "funds");

  private static final int SHOWN_PREFIX = 12;
  private static final String LIVE =
      "revoked_at IS NULL AND (retires_at IS NULL OR retires_at > now())";
  private static final String COLUMNS =
      "id, name, prefix, scopes, created_at, last_used_at, retires_at, rotated_from";
  // a retiring key does not count: rotation never needs a free slot
  private static final String COUNT_LIVE =
      "SELECT count(*) AS n FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL AND retires_at IS NULL";
  private static final String CREATE =
      "INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes, rotated_from)"
          + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING "
          + COLUMNS;
  private static final String LIST =
      "SELECT " + COLUMNS + " FROM api_keys WHERE user_id = $1 AND " + LIVE + " ORDER BY id DESC";
  private static final String TO_ROTATE =
      "SELECT id, name, scopes, retires_at IS NOT NULL AS retiring FROM api_keys"
          + " WHERE id = $1 AND user_id = $2 AND "
          + LIVE
          + " FOR UPDATE";
  private static final String RETIRE =
      """
      UPDATE api_keys SET retires_at = now() + make_interval(secs => $2::int),
                          revoked_at = CASE WHEN $2::int = 0 THEN now() END
      WHERE id = $1 RETURNING coalesce(revoked_at, retires_at) AS retires_at""";
  private static final String REVOKE =
      "UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND " + LIVE;
  private static final String REVOKE_ALL =
      """
      WITH revoked AS (UPDATE api_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id, name, prefix)
      SELECT name, prefix FROM revoked ORDER BY id""";
  private static final String CALLER =
      """
      SELECT k.id AS key_id, k.scopes, k.last_used_at > now() - interval '1 minute' AS recently_used,
             u.id, u.display_name, u.roles, u.email_verified_at IS NOT NULL AS verified, u.status,
             u.suspended_until, coalesce(u.suspended_until > now(), false) AS suspended_now
      FROM api_keys k JOIN users u ON u.id = k.user_id
      WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND (k.retires_at IS NULL OR k.retires_at > now())""";
  // last use is kept to the minute: one write per key per minute, not one per request
  private static final String TOUCH = "UPDATE api_keys SET last_used_at = now() WHERE id = $1";

  private final Database db;
  private final int perUser;
  private final int rotationGraceSeconds;

  ApiKeys(Database db, int perUser, int rotationGraceSeconds) {
    this.db = db;
    this.perUser = perUser;
    this.rotationGraceSeconds = rotationGraceSeconds;
  }

  /**
   * A new key for the user with the given scopes (every scope when none are named, as before scopes
   * existed); the answer is the only time {@code key} is ever shown.
   */
  Future<JsonObject> create(long userId, @Nullable String name, @Nullable JsonArray scopes) {
    String label = name == null ? "" : name.strip();
    if (label.isEmpty()
        || label.length() > 60
        || label.codePoints().anyMatch(Character::isISOControl)) {
      return Future.failedFuture(
          Refused.invalid("invalid_name", "Name the key with 1 to 60 characters"));
    }
    List<String> granted;
    try {
      granted = scopes == null ? SCOPES : scopes(scopes);
    } catch (Refused refused) {
      return Future.failedFuture(refused);
    }
    return db.tx(
        conn ->
            lockUser(conn, userId)
                .compose(locked -> conn.preparedQuery(COUNT_LIVE).execute(Tuple.of(userId)))
                .compose(
                    count -> {
                      if (count.iterator().next().getLong("n") >= perUser) {
                        return Future.failedFuture(
                            Refused.conflict(
                                "too_many_api_keys",
                                "You already have " + perUser + " API keys; revoke one first"));
                      }
                      return insert(conn, userId, label, granted, null);
                    }));
  }

  /**
   * A successor for a live key: same name and scopes, a new secret. The old key stops working now
   * (grace 0) or when its grace period ends; a key already on its way out is not rotated again.
   */
  Future<JsonObject> rotate(long userId, long keyId) {
    return db.tx(
        conn ->
            lockUser(conn, userId)
                .compose(locked -> conn.preparedQuery(TO_ROTATE).execute(Tuple.of(keyId, userId)))
                .compose(
                    rows -> {
                      if (rows.size() == 0) {
                        return Future.failedFuture(notFound());
                      }
                      Row old = rows.iterator().next();
                      if (old.getBoolean("retiring")) {
                        return Future.failedFuture(
                            Refused.conflict(
                                "api_key_already_rotated",
                                "This key was rotated already; rotate its successor instead"));
                      }
                      return insert(
                              conn,
                              userId,
                              old.getString("name"),
                              Arrays.asList(old.getArrayOfStrings("scopes")),
                              keyId)
                          .compose(
                              created ->
                                  conn.preparedQuery(RETIRE)
                                      .execute(Tuple.of(keyId, rotationGraceSeconds))
                                      .map(
                                          retired ->
                                              created.put(
                                                  "previousRetiresAt",
                                                  retired
                                                      .iterator()
                                                      .next()
                                                      .getOffsetDateTime("retires_at")
                                                      .toInstant()
                                                      .toString())));
                    }));
  }

  private static Future<?> lockUser(SqlConnection conn, long userId) {
    return conn.preparedQuery("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(userId));
  }

  private static Future<JsonObject> insert(
      SqlConnection conn,
      long userId,
      String label,
      List<String> scopes,
      @Nullable Long rotatedFrom) {
    String key = KEY_PREFIX + SecretTokens.random();
    return conn.preparedQuery(CREATE)
        .execute(
            Tuple.of(
                userId,
                label,
                key.substring(0, SHOWN_PREFIX),
                SecretTokens.sha256(key),
                scopes.toArray(new String[0]),
                rotatedFrom))
        .map(rows -> toJson(rows.iterator().next()).put("key", key));
  }

  /** The named scopes in their canonical order; refuses none, unknown ones and repeats. */
  static List<String> scopes(JsonArray named) {
    Set<String> seen = new HashSet<>();
    for (Object scope : named) {
      if (!(scope instanceof String s) || !SCOPES.contains(s) || !seen.add(s)) {
        throw Refused.invalid(
            "invalid_scopes", "Scopes are one or more of read, trade and funds, each once");
      }
    }
    if (seen.isEmpty()) {
      throw Refused.invalid("invalid_scopes", "Give the key at least one scope");
    }
    return SCOPES.stream().filter(seen::contains).toList();
  }

  Future<JsonArray> list(long userId) {
    return db.query(LIST, Tuple.of(userId))
        .map(
            rows -> {
              JsonArray keys = new JsonArray();
              rows.forEach(row -> keys.add(toJson(row)));
              return keys;
            });
  }

  Future<Void> revoke(long userId, long keyId) {
    return db.query(REVOKE, Tuple.of(keyId, userId))
        .compose(
            rows ->
                rows.rowCount() == 1 ? Future.succeededFuture() : Future.failedFuture(notFound()));
  }

  private static Refused notFound() {
    return Refused.notFound("api_key_not_found", "No such API key");
  }

  /** A key as its owner knows it from the list: its name and visible prefix. */
  record Revoked(String name, String prefix) {}

  /**
   * Revokes every live key of the user inside the caller's transaction (a password reset); answers
   * which, oldest first.
   */
  static Future<List<Revoked>> revokeAll(SqlConnection conn, long userId) {
    return conn.preparedQuery(REVOKE_ALL)
        .execute(Tuple.of(userId))
        .map(
            rows -> {
              List<Revoked> revoked = new ArrayList<>();
              rows.forEach(
                  row -> revoked.add(new Revoked(row.getString("name"), row.getString("prefix"))));
              return revoked;
            });
  }

  @Override
  public Future<Caller> callerFor(String apiKey) {
    if (!apiKey.startsWith(KEY_PREFIX) || apiKey.length() > 100) {
      return Future.failedFuture(invalidKey());
    }
    return db.one(CALLER, Tuple.of(SecretTokens.sha256(apiKey)))
        .compose(
            row -> {
              if (row == null) {
                return Future.failedFuture(invalidKey());
              }
              if (!"active".equals(row.getString("status"))) {
                return Future.failedFuture(Suspensions.refusal(null));
              }
              if (row.getBoolean("suspended_now")) {
                return Future.failedFuture(
                    Suspensions.refusal(row.getOffsetDateTime("suspended_until").toInstant()));
              }
              Caller caller =
                  new Caller(
                      row.getLong("id"),
                      row.getString("display_name"),
                      Set.copyOf(Arrays.asList(row.getArrayOfStrings("roles"))),
                      row.getBoolean("verified"),
                      true,
                      Set.copyOf(Arrays.asList(row.getArrayOfStrings("scopes"))));
              if (Boolean.TRUE.equals(row.getBoolean("recently_used"))) {
                return Future.succeededFuture(caller);
              }
              return db.query(TOUCH, Tuple.of(row.getLong("key_id"))).map(caller);
            });
  }

  private static Refused invalidKey() {
    return Refused.unauthenticated("invalid_api_key", "The API key is unknown or revoked");
  }

  private static JsonObject toJson(Row row) {
    OffsetDateTime lastUsed = row.getOffsetDateTime("last_used_at");
    OffsetDateTime retires = row.getOffsetDateTime("retires_at");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("name", row.getString("name"))
        .put("prefix", row.getString("prefix"))
        .put(
            "scopes",
            new JsonArray(
                SCOPES.stream()
                    .filter(List.of(row.getArrayOfStrings("scopes"))::contains)
                    .toList()))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("lastUsedAt", lastUsed == null ? null : lastUsed.toInstant().toString())
        .put("retiresAt", retires == null ? null : retires.toInstant().toString())
        .put("rotatedFrom", row.getLong("rotated_from"));
  }
}
