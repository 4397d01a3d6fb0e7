package io.showfloor.account;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-up, email verification, password reset, roles and the admin's view of users. */
final class AccountService {
  private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
  static final Set<String> SELF_SERVICE_ROLES = Set.of("seller", "creator");
  static final Set<String> GRANTABLE_ROLES =
      Set.of("seller", "creator", "moderator", "admin", "liquidity_provider");

  private final Database db;
  private final RateLimiter rateLimiter;
  private final PasswordHasher hasher;
  private final RefreshTokens refreshTokens;
  private final CredentialsVersions versions;
  private final AccountMails mails;
  private final int signupPerMinute;
  private final int forgotPerMinute;
  private final int verifyTtlMinutes;
  private final int resetTtlMinutes;

  AccountService(
      Database db,
      RateLimiter rateLimiter,
      AccountSettings settings,
      PasswordHasher hasher,
      RefreshTokens refreshTokens,
      CredentialsVersions versions,
      AccountMails mails) {
    this.db = db;
    this.rateLimiter = rateLimiter;
    this.hasher = hasher;
    this.refreshTokens = refreshTokens;
    this.versions = versions;
    this.mails = mails;
    this.signupPerMinute = settings.signupPerMinutePerIp();
    this.forgotPerMinute = settings.forgotPerMinutePerIp();
    this.verifyTtlMinutes = settings.verificationTokenHours() * 60;
    this.resetTtlMinutes = settings.resetTokenMinutes();
  }

  /** Creates an unverified viewer and queues the verification mail, in one transaction. */
  Future<User> signup(String ip, JsonObject body) {
    return rateLimiter
        .check("signup:ip:" + ip, signupPerMinute, 60)
        .compose(
            v -> {
              String email = Identity.email(body.getString("email"));
              String name = Identity.displayName(body.getString("displayName"));
              String password = body.getString("password");
              // a cheap look first, so a taken address does not cost a hash; the unique index
              // decides races
              return hasher
                  .screen(password, email, name)
                  .compose(ok -> db.one(AccountSql.EMAIL_TAKEN, Tuple.of(email)))
                  .compose(
                      taken ->
                          taken != null ? Future.failedFuture(emailTaken()) : hasher.hash(password))
                  .compose(
                      hash ->
                          db.tx(
                              conn ->
                                  conn.preparedQuery(AccountSql.INSERT)
                                      .execute(Tuple.of(email, name, hash))
                                      .map(rows -> User.of(rows.iterator().next()))
                                      .compose(
                                          user ->
                                              OneTimeTokens.create(
                                                      conn,
                                                      user.id(),
                                                      OneTimeTokens.VERIFY_EMAIL,
                                                      verifyTtlMinutes)
                                                  .compose(
                                                      token ->
                                                          mails.verification(
                                                              conn, email, name, token))
                                                  .map(user))))
                  .recover(
                      e ->
                          Future.failedFuture(
                              Database.isUniqueViolation(e, "users_email_key") ? emailTaken() : e))
                  .onSuccess(user -> mails.nudge());
            });
  }

  private static Refused emailTaken() {
    return Refused.conflict("email_taken", "An account with this email address already exists");
  }

  Future<User> verify(String token) {
    return db.tx(
        conn ->
            OneTimeTokens.consume(conn, token, OneTimeTokens.VERIFY_EMAIL)
                .compose(
                    userId ->
                        conn.preparedQuery(AccountSql.MARK_VERIFIED).execute(Tuple.of(userId)))
                .map(rows -> User.of(rows.iterator().next())));
  }

  /** Mails a fresh verification link to a signed-in, not yet verified user. */
  Future<Void> resendVerification(long userId) {
    return rateLimiter
        .check("verify-resend:user:" + userId, 3, 600)
        .compose(
            v ->
                db.tx(
                    conn ->
                        userById(conn, userId)
                            .compose(
                                user -> {
                                  if (user.emailVerified()) {
                                    return Future.failedFuture(
                                        Refused.conflict(
                                            "already_verified",
                                            "Your email address is already verified"));
                                  }
                                  return OneTimeTokens.create(
                                          conn,
                                          userId,
                                          OneTimeTokens.VERIFY_EMAIL,
                                          verifyTtlMinutes)
                                      .compose(
                                          token ->
                                              mails.verification(
                                                  conn, user.email(), user.displayName(), token));
                                })))
        .onSuccess(v -> mails.nudge());
  }

  /**
   * Queues a reset mail when the address belongs to an active account. The caller answers 202
   * whatever happens here, so the reply never tells whether an account exists. At most 3 reset
   * mails per address per 15 minutes, so the endpoint cannot be used to flood someone's inbox.
   */
  Future<Void> forgotPassword(String ip, String rawEmail) {
    return rateLimiter
        .check("forgot:ip:" + ip, forgotPerMinute, 60)
        .compose(
            v -> {
              String email = Identity.emailOrNull(rawEmail);
              if (email == null) {
                return Future.succeededFuture();
              }
              return db.one(
                      "SELECT "
                          + AccountSql.USER_COLUMNS
                          + " FROM users WHERE lower(email) = lower($1)",
                      Tuple.of(email))
                  .compose(
                      row -> {
                        if (row == null || !User.of(row).isActive()) {
                          return Future.succeededFuture();
                        }
                        User user = User.of(row);
                        return rateLimiter
                            .check("forgot:email:" + email, 3, 900)
                            .compose(
                                ok ->
                                    db.tx(
                                        conn ->
                                            OneTimeTokens.create(
                                                    conn,
                                                    user.id(),
                                                    OneTimeTokens.RESET_PASSWORD,
                                                    resetTtlMinutes)
                                                .compose(
                                                    token ->
                                                        mails.passwordReset(
                                                            conn,
                                                            user.email(),
                                                            user.displayName(),
                                                            token))))
                            .onSuccess(sent -> mails.nudge())
                            .recover(
                                e -> {
                                  if (e instanceof Refused) {
                                    LOG.info(
                                        "Password reset mail for user {} not sent: {}",
                                        user.id(),
                                        e.getMessage());
                                    return Future.succeededFuture();
                                  }
                                  return Future.failedFuture(e);
                                });
                      });
            });
  }

  /**
   * Sets a new password with a reset token: the token is used up, other reset links stop working,
   * the lockout is cleared, every session (refresh token) and every access token ends, and the API
   * keys are revoked, with a mail naming them, all in one transaction. Receiving the mail proves
   * the address, so it also counts as verified.
   */
  Future<Void> resetPassword(String ip, String token, String newPassword) {
    return rateLimiter
        .check("reset:ip:" + ip, forgotPerMinute * 2, 60)
        .compose(
            v -> {
              return hasher.screen(newPassword, null, null).compose(ok -> hasher.hash(newPassword));
            })
        .compose(
            hash ->
                db.tx(
                    conn ->
                        OneTimeTokens.consume(conn, token, OneTimeTokens.RESET_PASSWORD)
                            .compose(userId -> userById(conn, userId))
                            .compose(
                                user -> {
                                  PasswordPolicy.checkPersonal(
                                      newPassword, user.email(), user.displayName());
                                  return conn.preparedQuery(AccountSql.SET_PASSWORD)
                                      .execute(Tuple.of(user.id(), hash))
                                      .compose(
                                          done ->
                                              OneTimeTokens.useAll(
                                                  conn, user.id(), OneTimeTokens.RESET_PASSWORD))
                                      .compose(done -> refreshTokens.revokeAll(conn, user.id()))
                                      .compose(done -> versions.end(conn, user.id()))
                                      .compose(
                                          version ->
                                              ApiKeys.revokeAll(conn, user.id())
                                                  .compose(
                                                      keys ->
                                                          keys.isEmpty()
                                                              ? Future.succeededFuture()
                                                              : mails.apiKeysRevoked(
                                                                  conn,
                                                                  user.email(),
                                                                  user.displayName(),
                                                                  keys,
                                                                  "api-keys-revoked:"
                                                                      + user.id()
                                                                      + ":"
                                                                      + version))
                                                  .map(mailed -> new Ended(user.id(), version)));
                                })))
        .map(
            ended -> {
              versions.announce(ended.userId(), ended.version());
              mails.nudge();
              return null;
            });
  }

  private record Ended(long userId, long version) {}

  /** Changes the caller's display name, bio or avatar ({@link ProfileChange}). */
  Future<User> updateProfile(long userId, JsonObject body) {
    ProfileChange change;
    try {
      change = ProfileChange.from(body);
    } catch (Refused refused) {
      return Future.failedFuture(refused);
    }
    return db.one(
            AccountSql.UPDATE_PROFILE,
            Tuple.of(
                userId,
                change.displayName(),
                change.bioGiven(),
                change.bio(),
                change.avatarGiven(),
                change.avatarUrl()))
        .map(
            row -> {
              if (row == null) {
                throw Refused.unauthenticated("unauthorized", "This account no longer exists");
              }
              return User.of(row);
            });
  }

  Future<User> user(long userId) {
    return db.one(AccountSql.BY_ID, Tuple.of(userId))
        .map(
            row -> {
              if (row == null) {
                throw Refused.unauthenticated("unauthorized", "This account no longer exists");
              }
              return User.of(row);
            });
  }

  private static Future<User> userById(SqlConnection conn, long userId) {
    return conn.preparedQuery(AccountSql.BY_ID)
        .execute(Tuple.of(userId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw Refused.notFound("user_not_found", "No such user");
              }
              return User.of(rows.iterator().next());
            });
  }

  /** Self-service: the caller becomes a seller or a creator. */
  Future<User> takeRole(long userId, String role) {
    if (!SELF_SERVICE_ROLES.contains(role)) {
      return Future.failedFuture(
          Refused.forbidden(
              "role_not_self_service", "Only seller and creator can be taken; ask an admin"));
    }
    return db.one(AccountSql.ADD_ROLE, Tuple.of(userId, role)).map(User::of);
  }

  /** An admin gives a user a role. */
  Future<User> grantRole(long userId, String role) {
    if (!GRANTABLE_ROLES.contains(role)) {
      return Future.failedFuture(
          Refused.invalid(
              "invalid_role",
              "Roles are seller, creator, moderator, admin and liquidity_provider"));
    }
    return db.one(AccountSql.ADD_ROLE, Tuple.of(userId, role))
        .map(
            row -> {
              if (row == null) {
                throw Refused.notFound("user_not_found", "No such user");
              }
              return User.of(row);
            });
  }

  /**
   * An admin takes a role away; the last active admin keeps theirs (409 last_admin). The user's
   * access tokens claim the role, so taking one they held ends them on every node (their next
   * refresh gets a token without it).
   */
  Future<User> revokeRole(long userId, String role) {
    if (!GRANTABLE_ROLES.contains(role)) {
      return Future.failedFuture(
          Refused.invalid(
              "invalid_role",
              "Roles are seller, creator, moderator, admin and liquidity_provider"));
    }
    return db.tx(
            conn -> {
              Future<Void> guard = Future.succeededFuture();
              if ("admin".equals(role)) {
                guard =
                    conn.preparedQuery(AccountSql.ADMINS_FOR_UPDATE)
                        .execute(Tuple.tuple())
                        .compose(
                            admins -> {
                              boolean isAdmin = false;
                              for (Row admin : admins) {
                                isAdmin |= admin.getLong("id") == userId;
                              }
                              return isAdmin && admins.size() == 1
                                  ? Future.failedFuture(
                                      Refused.conflict(
                                          "last_admin",
                                          "This is the last admin; make someone else admin first"))
                                  : Future.succeededFuture();
                            });
              }
              return guard
                  .compose(
                      v ->
                          conn.preparedQuery(AccountSql.REMOVE_ROLE)
                              .execute(Tuple.of(userId, role)))
                  .map(
                      rows -> {
                        if (rows.size() == 0) {
                          throw Refused.notFound("user_not_found", "No such user");
                        }
                        return User.of(rows.iterator().next());
                      });
            })
        .map(
            user -> {
              // a role not held changed nothing; announcing the unchanged version is harmless
              versions.announce(user.id(), user.credentialsVersion());
              return user;
            });
  }

  /**
   * A page of users for the admin console, newest first, optionally matching {@code q} in email or
   * name.
   */
  Future<JsonObject> listUsers(String q, String role, int limit, @Nullable Long before) {
    String pattern =
        q == null || q.isBlank()
            ? null
            : "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return db.query(AccountSql.SEARCH, Tuple.of(pattern, role, before, limit + 1))
        .map(rows -> KeysetPage.of(rows, limit, row -> User.of(row).toAdminJson()));
  }
}
