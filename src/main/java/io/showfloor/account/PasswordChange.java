package io.showfloor.account;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * A signed-in user changes their password, giving the current one. Every session and access token
 * ends (on every node, as with a reset), and the caller gets a fresh session so this browser stays
 * signed in; the owner is mailed. Five attempts per user per 15 minutes, so a stolen session cannot
 * guess the password.
 */
final class PasswordChange {
  private static final String WITH_HASH =
      "SELECT " + AccountSql.USER_COLUMNS + ", password_hash FROM users WHERE id = $1";
  private static final String SET_PASSWORD =
      "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1";

  private final Database db;
  private final RateLimiter rateLimiter;
  private final PasswordHasher hasher;
  private final RefreshTokens refreshTokens;
  private final CredentialsVersions versions;
  private final Sessions sessions;
  private final AccountMails mails;

  PasswordChange(
      Database db,
      RateLimiter rateLimiter,
      PasswordHasher hasher,
      RefreshTokens refreshTokens,
      CredentialsVersions versions,
      Sessions sessions,
      AccountMails mails) {
    this.db = db;
    this.rateLimiter = rateLimiter;
    this.hasher = hasher;
    this.refreshTokens = refreshTokens;
    this.versions = versions;
    this.sessions = sessions;
    this.mails = mails;
  }

  /** Answers a new session ({@code accessToken, refreshToken, …}) like a login. */
  Future<JsonObject> change(long userId, String current, String next) {
    return rateLimiter
        .check("password-change:user:" + userId, 5, 900)
        .compose(v -> checkCurrent(db, hasher, userId, current))
        .compose(
            user ->
                hasher
                    .screen(next, user.email(), user.displayName())
                    .compose(ok -> hasher.hash(next))
                    .compose(
                        hash ->
                            db.tx(
                                conn ->
                                    conn.preparedQuery(SET_PASSWORD)
                                        .execute(Tuple.of(userId, hash))
                                        .compose(done -> refreshTokens.revokeAll(conn, userId))
                                        .compose(done -> versions.end(conn, userId))
                                        .compose(
                                            version ->
                                                mails
                                                    .passwordChanged(
                                                        conn,
                                                        user.email(),
                                                        user.displayName(),
                                                        "password-changed:"
                                                            + userId
                                                            + ":"
                                                            + version)
                                                    .compose(
                                                        mailed ->
                                                            refreshTokens.issue(
                                                                conn, userId, UUID.randomUUID()))
                                                    .compose(
                                                        refresh ->
                                                            conn.preparedQuery(AccountSql.BY_ID)
                                                                .execute(Tuple.of(userId))
                                                                .map(
                                                                    rows ->
                                                                        new Changed(
                                                                            User.of(
                                                                                rows.iterator()
                                                                                    .next()),
                                                                            refresh,
                                                                            version)))))))
        .map(
            changed -> {
              versions.announce(userId, changed.version());
              mails.nudge();
              return sessions.session(changed.user(), changed.refreshToken());
            });
  }

  private record Changed(User user, String refreshToken, long version) {}

  /**
   * The user when {@code password} is theirs; 403 wrong_password otherwise (also used by email
   * change and account deletion).
   */
  static Future<User> checkCurrent(
      Database db, PasswordHasher hasher, long userId, String password) {
    return db.one(WITH_HASH, Tuple.of(userId))
        .compose(
            (Row row) -> {
              if (row == null) {
                return Future.failedFuture(
                    Refused.unauthenticated("unauthorized", "This account no longer exists"));
              }
              User user = User.of(row);
              return hasher
                  .verify(password == null ? "" : password, row.getString("password_hash"))
                  .compose(
                      matches ->
                          matches
                              ? Future.succeededFuture(user)
                              : Future.failedFuture(
                                  Refused.forbidden(
                                      "wrong_password", "The current password is not right")));
            });
  }
}
