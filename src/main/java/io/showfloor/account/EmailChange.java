package io.showfloor.account;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Changing the email address: the current password is required, the new address gets a link and the
 * old one a notice; the address changes only when the link is opened (and then counts as verified).
 * One change waits at a time: asking again before it is confirmed or cancelled is 409
 * email_change_pending (a partial unique index settles races).
 */
final class EmailChange {
  static final String PURPOSE = "change_email";
  private static final String PENDING =
      """
      SELECT new_email, expires_at FROM account_tokens
      WHERE user_id = $1 AND purpose = 'change_email' AND used_at IS NULL AND expires_at > now()""";
  private static final String RETIRE_EXPIRED =
      """
      UPDATE account_tokens SET used_at = now()
      WHERE user_id = $1 AND purpose = 'change_email' AND used_at IS NULL AND expires_at <= now()""";
  private static final String TOKEN_EMAIL = "SELECT new_email FROM account_tokens WHERE id = $1";
  private static final String APPLY =
      """
      UPDATE users SET email = $2, email_verified_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'active' RETURNING"""
          + " "
          + AccountSql.USER_COLUMNS;

  private final Database db;
  private final RateLimiter rateLimiter;
  private final PasswordHasher hasher;
  private final AccountMails mails;
  private final int ttlMinutes;

  EmailChange(
      Database db,
      RateLimiter rateLimiter,
      PasswordHasher hasher,
      AccountMails mails,
      int ttlMinutes) {
    this.db = db;
    this.rateLimiter = rateLimiter;
    this.hasher = hasher;
    this.mails = mails;
    this.ttlMinutes = ttlMinutes;
  }

  /** Starts a change; answers what is pending. */
  Future<JsonObject> request(long userId, String rawEmail, String password) {
    String newEmail = Identity.email(rawEmail);
    return rateLimiter
        .check("email-change:user:" + userId, 10, 900)
        .compose(v -> PasswordChange.checkCurrent(db, hasher, userId, password))
        .compose(
            user -> {
              if (user.email().equalsIgnoreCase(newEmail)) {
                return Future.failedFuture(
                    Refused.invalid("same_email", "That is already your email address"));
              }
              return db.tx(conn -> start(conn, user, newEmail));
            })
        .recover(
            e ->
                Future.failedFuture(
                    Database.isUniqueViolation(e, "account_tokens_one_email_change")
                        ? pendingRefusal()
                        : e))
        .onSuccess(v -> mails.nudge());
  }

  private Future<JsonObject> start(SqlConnection conn, User user, String newEmail) {
    return conn.preparedQuery(RETIRE_EXPIRED)
        .execute(Tuple.of(user.id()))
        .compose(v -> conn.preparedQuery(PENDING).execute(Tuple.of(user.id())))
        .compose(
            pending ->
                pending.size() > 0
                    ? Future.failedFuture(pendingRefusal())
                    : conn.preparedQuery(AccountSql.EMAIL_TAKEN).execute(Tuple.of(newEmail)))
        .compose(
            taken ->
                taken.size() > 0
                    ? Future.failedFuture(
                        Refused.conflict(
                            "email_taken", "An account with this email address already exists"))
                    : OneTimeTokens.createWithEmail(conn, user.id(), PURPOSE, ttlMinutes, newEmail))
        .compose(
            token ->
                mails
                    .confirmNewEmail(conn, newEmail, user.displayName(), token)
                    .compose(
                        v ->
                            mails.emailChangeNotice(
                                conn,
                                user.email(),
                                user.displayName(),
                                newEmail,
                                false,
                                "email-change-asked:" + token.id())))
        .compose(v -> conn.preparedQuery(PENDING).execute(Tuple.of(user.id())))
        .map(rows -> pendingJson(rows.iterator().next()));
  }

  /** The change waiting for its link, or {@code {pendingEmail: null}}. */
  Future<JsonObject> pending(long userId) {
    return db.one(PENDING, Tuple.of(userId))
        .map(row -> row == null ? new JsonObject().putNull("pendingEmail") : pendingJson(row));
  }

  Future<Void> cancel(long userId) {
    return db.tx(conn -> OneTimeTokens.useAll(conn, userId, PURPOSE));
  }

  /** The link from the mail: the address changes now (409 email_taken if someone took it since). */
  Future<User> confirm(String secret) {
    return db.tx(
            conn ->
                OneTimeTokens.consumeWithId(conn, secret, PURPOSE)
                    .compose(
                        used ->
                            conn.preparedQuery(TOKEN_EMAIL)
                                .execute(Tuple.of(used.tokenId()))
                                .compose(
                                    rows -> {
                                      String newEmail =
                                          rows.iterator().next().getString("new_email");
                                      return conn.preparedQuery(AccountSql.BY_ID)
                                          .execute(Tuple.of(used.userId()))
                                          .compose(
                                              before ->
                                                  apply(
                                                      conn,
                                                      User.of(before.iterator().next()),
                                                      newEmail,
                                                      used.tokenId()));
                                    })))
        .recover(
            e ->
                Future.failedFuture(
                    Database.isUniqueViolation(e, "users_email_key")
                        ? Refused.conflict(
                            "email_taken", "An account with this email address already exists")
                        : e))
        .onSuccess(v -> mails.nudge());
  }

  private Future<User> apply(SqlConnection conn, User before, String newEmail, long tokenId) {
    return conn.preparedQuery(APPLY)
        .execute(Tuple.of(before.id(), newEmail))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(
                    Refused.conflict("account_inactive", "This account cannot change now"));
              }
              User after = User.of(rows.iterator().next());
              return mails
                  .emailChangeNotice(
                      conn,
                      before.email(),
                      before.displayName(),
                      newEmail,
                      true,
                      "email-changed:" + tokenId)
                  .map(after);
            });
  }

  private static JsonObject pendingJson(Row row) {
    return new JsonObject()
        .put("pendingEmail", row.getString("new_email"))
        .put("expiresAt", row.getOffsetDateTime("expires_at").toInstant().toString());
  }

  private static Refused pendingRefusal() {
    return Refused.conflict(
        "email_change_pending",
        "A change of email address is waiting for its confirmation link; confirm or cancel it first");
  }
}
