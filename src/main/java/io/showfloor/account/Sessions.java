package io.showfloor.account;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.AccessTokens;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Login (with lockout), refresh-token rotation and logout. A session is a short-lived JWT access
 * token plus a refresh token; both come back together as {@code {accessToken, refreshToken,
 * expiresIn, tokenType, user}}.
 */
final class Sessions {
  private final Database db;
  private final RateLimiter rateLimiter;
  private final AccessTokens accessTokens;
  private final PasswordHasher hasher;
  private final RefreshTokens refreshTokens;
  private final CredentialsVersions versions;
  private final int loginPerMinute;
  private final int lockoutAttempts;
  private final int lockoutMinutes;

  Sessions(
      Database db,
      RateLimiter rateLimiter,
      AccessTokens accessTokens,
      AccountSettings settings,
      PasswordHasher hasher,
      RefreshTokens refreshTokens,
      CredentialsVersions versions) {
    this.db = db;
    this.rateLimiter = rateLimiter;
    this.accessTokens = accessTokens;
    this.hasher = hasher;
    this.refreshTokens = refreshTokens;
    this.versions = versions;
    this.loginPerMinute = settings.loginPerMinutePerIp();
    this.lockoutAttempts = settings.lockoutAttempts();
    this.lockoutMinutes = settings.lockoutMinutes();
  }

  /**
   * Checks the password and opens a session. A locked account answers 423 account_locked with
   * Retry-After before the password is even looked at; the failure that reaches the limit locks the
   * account and already answers 423. Unknown emails and wrong passwords look the same.
   */
  Future<JsonObject> login(String ip, String rawEmail, String password) {
    return rateLimiter
        .check("login:ip:" + ip, loginPerMinute, 60)
        .compose(
            v -> {
              String email = Identity.emailOrNull(rawEmail);
              if (email == null) {
                return hasher
                    .verifyNobody(password)
                    .compose(no -> Future.failedFuture(wrongCredentials()));
              }
              return db.one(AccountSql.FOR_LOGIN, Tuple.of(email))
                  .compose(
                      row -> {
                        if (row == null) {
                          return hasher
                              .verifyNobody(password)
                              .compose(no -> Future.failedFuture(wrongCredentials()));
                        }
                        if (Boolean.TRUE.equals(row.getBoolean("locked"))) {
                          return Future.failedFuture(locked(row.getLong("locked_seconds")));
                        }
                        User user = User.of(row);
                        return hasher
                            .verify(password, row.getString("password_hash"))
                            .compose(matches -> matches ? loggedIn(user) : failedLogin(user));
                      });
            });
  }

  private Future<JsonObject> loggedIn(User user) {
    if (!user.isActive()) {
      return Future.failedFuture(
          Suspensions.refusal(user.suspendedNow() ? user.suspendedUntil().toInstant() : null));
    }
    return db.query(AccountSql.LOGIN_SUCCEEDED, Tuple.of(user.id()))
        .compose(v -> db.tx(conn -> refreshTokens.issue(conn, user.id(), UUID.randomUUID())))
        .map(refreshToken -> session(user, refreshToken));
  }

  private Future<JsonObject> failedLogin(User user) {
    return db.one(AccountSql.FAILED_LOGIN, Tuple.of(user.id(), lockoutAttempts, lockoutMinutes))
        .compose(
            row ->
                Future.failedFuture(
                    Boolean.TRUE.equals(row.getBoolean("locked"))
                        ? locked(row.getLong("locked_seconds"))
                        : wrongCredentials()));
  }

  /**
   * Exchanges a refresh token for a new pair. The presented token is retired in the same
   * transaction that issues its successor. A retired token presented again revokes its whole family
   * and ends every access token of the user (committed, then 401 refresh_token_reused): whoever
   * holds the newer token must log in again, and the thief's access token stops working at once.
   */
  Future<JsonObject> refresh(String presented) {
    return db.tx(
            conn ->
                refreshTokens
                    .find(conn, presented)
                    .compose(
                        token -> {
                          if (token == null || (token.revoked() && !token.rotated())) {
                            return Future.succeededFuture(Refresh.refused(invalidRefresh()));
                          }
                          if (token.rotated()) {
                            return refreshTokens
                                .revokeFamily(conn, token.familyId())
                                .compose(v -> versions.end(conn, token.userId()))
                                .map(
                                    version ->
                                        Refresh.refused(
                                                Refused.unauthenticated(
                                                    "refresh_token_reused",
                                                    "This refresh token was already used; every session it belongs to has been ended. Log in again"))
                                            .ending(token.userId(), version));
                          }
                          if (token.expired()) {
                            return Future.succeededFuture(
                                Refresh.refused(
                                    Refused.unauthenticated(
                                        "refresh_token_expired",
                                        "The session has expired; log in again")));
                          }
                          return conn.preparedQuery(AccountSql.BY_ID)
                              .execute(Tuple.of(token.userId()))
                              .compose(
                                  rows -> {
                                    User user = User.of(rows.iterator().next());
                                    if (!user.isActive()) {
                                      return refreshTokens
                                          .revokeFamily(conn, token.familyId())
                                          .map(
                                              v ->
                                                  Refresh.refused(
                                                      Suspensions.refusal(
                                                          user.suspendedNow()
                                                              ? user.suspendedUntil().toInstant()
                                                              : null)));
                                    }
                                    return refreshTokens
                                        .retire(conn, token.id())
                                        .compose(
                                            v ->
                                                refreshTokens.issue(
                                                    conn, user.id(), token.familyId()))
                                        .map(next -> Refresh.granted(session(user, next)));
                                  });
                        }))
        .compose(
            refresh -> {
              if (refresh.endedVersion() != null) {
                versions.announce(refresh.userId(), refresh.endedVersion());
              }
              return refresh.toFuture();
            });
  }

  /**
   * Ends the session the refresh token belongs to, and every access token the user holds (they are
   * not tied to a session: README "Credentials that end"); unknown or already ended tokens are fine
   * (idempotent).
   */
  Future<Void> logout(String refreshToken) {
    return db.tx(
            conn ->
                refreshTokens
                    .revokeFamilyOf(conn, refreshToken)
                    .compose(
                        userId ->
                            userId == null
                                ? Future.<Ended>succeededFuture(null)
                                : versions
                                    .end(conn, userId)
                                    .map(version -> new Ended(userId, version))))
        .map(
            ended -> {
              if (ended != null) {
                versions.announce(ended.userId(), ended.version());
              }
              return null;
            });
  }

  private record Ended(long userId, long version) {}

  JsonObject session(User user, String refreshToken) {
    return new JsonObject()
        .put("accessToken", accessToken(user))
        .put("refreshToken", refreshToken)
        .put("expiresIn", accessTokens.ttlSeconds())
        .put("tokenType", "Bearer")
        .put("user", user.toJson());
  }

  String accessToken(User user) {
    return accessTokens.issue(
        user.id(),
        user.credentialsVersion(),
        user.displayName(),
        user.roles(),
        user.emailVerified());
  }

  int accessTtlSeconds() {
    return accessTokens.ttlSeconds();
  }

  private static Refused wrongCredentials() {
    return Refused.unauthenticated("invalid_credentials", "Wrong email or password");
  }

  private static Refused invalidRefresh() {
    return Refused.unauthenticated(
        "invalid_refresh_token", "This refresh token is not valid; log in again");
  }

  private Refused locked(Long seconds) {
    long wait = seconds == null ? lockoutMinutes * 60L : Math.max(1, seconds);
    return new Refused(
            Refused.Kind.LOCKED,
            "account_locked",
            "Too many failed logins: try again in "
                + ((wait + 59) / 60)
                + " minute(s), or reset your password")
        .retryAfter(wait);
  }

  /**
   * The outcome of a refresh transaction. Refusals are values, not failures, so the transaction
   * commits (a replay must leave its family revoked) before the client hears 401.
   */
  private record Refresh(
      @Nullable JsonObject session,
      @Nullable Refused refusal,
      long userId,
      @Nullable Long endedVersion) {
    static Refresh granted(JsonObject session) {
      return new Refresh(session, null, 0, null);
    }

    static Refresh refused(Refused refusal) {
      return new Refresh(null, refusal, 0, null);
    }

    /**
     * The refusal also ended the user's access tokens: announce {@code version} after the commit.
     */
    Refresh ending(long user, long version) {
      return new Refresh(session, refusal, user, version);
    }

    Future<JsonObject> toFuture() {
      return refusal == null ? Future.succeededFuture(session) : Future.failedFuture(refusal);
    }
  }
}
