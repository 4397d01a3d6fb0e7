package io.showfloor.account;

import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** Single-use, expiring tokens sent by mail: email verification and password reset. */
final class OneTimeTokens {
  static final String VERIFY_EMAIL = "verify_email";
  static final String RESET_PASSWORD = "reset_password";

  private static final String CREATE =
      """
      INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at)
      VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING id""";
  private static final String FIND_FOR_UPDATE =
      """
      SELECT id, user_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired
      FROM account_tokens WHERE token_hash = $1 AND purpose = $2 FOR UPDATE""";
  private static final String USE = "UPDATE account_tokens SET used_at = now() WHERE id = $1";
  private static final String USE_ALL =
      "UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL";

  private static final String CREATE_WITH_EMAIL =
      """
      INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at, new_email)
      VALUES ($1, $2, $3, now() + make_interval(mins => $4), $5) RETURNING id""";

  /** A token consumed: whose it was and its row (to read what it carries). */
  record Used(long tokenId, long userId) {}

  /** A token just made: the secret to mail and the row id (for the mail's dedupe key). */
  record Issued(long id, String secret) {}

  private OneTimeTokens() {}

  static Future<Issued> create(SqlConnection conn, long userId, String purpose, int ttlMinutes) {
    String secret = SecretTokens.random();
    return conn.preparedQuery(CREATE)
        .execute(Tuple.of(userId, purpose, SecretTokens.sha256(secret), ttlMinutes))
        .map(rows -> new Issued(rows.iterator().next().getLong("id"), secret));
  }

  /** A token that carries the address it will confirm (an email change). */
  static Future<Issued> createWithEmail(
      SqlConnection conn, long userId, String purpose, int ttlMinutes, String newEmail) {
    String secret = SecretTokens.random();
    return conn.preparedQuery(CREATE_WITH_EMAIL)
        .execute(Tuple.of(userId, purpose, SecretTokens.sha256(secret), ttlMinutes, newEmail))
        .map(rows -> new Issued(rows.iterator().next().getLong("id"), secret));
  }

  static Future<Long> consume(SqlConnection conn, String secret, String purpose) {
    return consumeWithId(conn, secret, purpose).map(Used::userId);
  }

  /**
   * Marks the token used and answers its user; fails with 400 token_invalid (unknown), token_used
   * or token_expired. The row lock makes two concurrent uses of one token succeed at most once.
   */
  static Future<Used> consumeWithId(SqlConnection conn, String secret, String purpose) {
    return conn.preparedQuery(FIND_FOR_UPDATE)
        .execute(Tuple.of(SecretTokens.sha256(secret), purpose))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(
                    Refused.invalid("token_invalid", "This link is not valid"));
              }
              Row row = rows.iterator().next();
              if (row.getBoolean("used")) {
                return Future.failedFuture(
                    Refused.invalid("token_used", "This link has already been used"));
              }
              if (row.getBoolean("expired")) {
                return Future.failedFuture(
                    Refused.invalid("token_expired", "This link has expired; ask for a new one"));
              }
              return conn.preparedQuery(USE)
                  .execute(Tuple.of(row.getLong("id")))
                  .map(new Used(row.getLong("id"), row.getLong("user_id")));
            });
  }

  /**
   * Retires every outstanding token of that purpose (after a reset, older reset links stop
   * working).
   */
  static Future<Void> useAll(SqlConnection conn, long userId, String purpose) {
    return conn.preparedQuery(USE_ALL).execute(Tuple.of(userId, purpose)).mapEmpty();
  }
}
