package io.showfloor.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Rotating refresh tokens, stored as SHA-256. A login starts a family; a refresh retires the
 * presented token and issues its successor in the same family; presenting a retired token again is
 * a replay, and the caller revokes the family.
 */
final class RefreshTokens {
  private static final String ISSUE =
      """
      INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
      VALUES ($1, $2, $3, now() + make_interval(secs => $4))""";
  private static final String FIND_FOR_UPDATE =
      """
      SELECT id, user_id, family_id, rotated_at IS NOT NULL AS rotated, revoked_at IS NOT NULL AS revoked,
             expires_at <= now() AS expired
      FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE""";
  private static final String RETIRE =
      "UPDATE refresh_tokens SET rotated_at = now(), revoked_at = now() WHERE id = $1";
  private static final String REVOKE_FAMILY =
      "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL";
  private static final String REVOKE_FAMILY_OF =
      """
      UPDATE refresh_tokens SET revoked_at = now()
      WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL
      RETURNING user_id""";
  private static final String REVOKE_USER =
      "UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL";

  /** The presented token as found (locked) in the database. */
  record Presented(
      long id, long userId, UUID familyId, boolean rotated, boolean revoked, boolean expired) {
    static Presented of(Row row) {
      return new Presented(
          row.getLong("id"),
          row.getLong("user_id"),
          row.getUUID("family_id"),
          row.getBoolean("rotated"),
          row.getBoolean("revoked"),
          row.getBoolean("expired"));
    }
  }

  private final int ttlSeconds;

  RefreshTokens(int ttlSeconds) {
    this.ttlSeconds = ttlSeconds;
  }

  /** Issues a token in {@code family} (a new family for a login) and answers the secret. */
  Future<String> issue(SqlConnection conn, long userId, UUID family) {
    String secret = SecretTokens.random();
    return conn.preparedQuery(ISSUE)
        .execute(Tuple.of(userId, family, SecretTokens.sha256(secret), ttlSeconds))
        .map(secret);
  }

  /** The token, locked for the rest of the transaction, or null when there is no such token. */
  Future<Presented> find(SqlConnection conn, String secret) {
    return conn.preparedQuery(FIND_FOR_UPDATE)
        .execute(Tuple.of(SecretTokens.sha256(secret)))
        .map(rows -> rows.size() == 0 ? null : Presented.of(rows.iterator().next()));
  }

  Future<Void> retire(SqlConnection conn, long tokenId) {
    return conn.preparedQuery(RETIRE).execute(Tuple.of(tokenId)).mapEmpty();
  }

  Future<Void> revokeFamily(SqlConnection conn, UUID family) {
    return conn.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(family)).mapEmpty();
  }

  /**
   * Logout: ends the session the token belongs to and answers whose it was; null when nothing was
   * live to end (an unknown token, or a session already ended).
   */
  Future<Long> revokeFamilyOf(SqlConnection conn, String secret) {
    return conn.preparedQuery(REVOKE_FAMILY_OF)
        .execute(Tuple.of(SecretTokens.sha256(secret)))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("user_id"));
  }

  /** Every session of the user ends (password reset). */
  Future<Void> revokeAll(SqlConnection conn, long userId) {
    return conn.preparedQuery(REVOKE_USER).execute(Tuple.of(userId)).mapEmpty();
  }
}
