package io.showfloor.account;

import io.showfloor.notify.PersonalRecords;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Deleting one's own account (current password required). The row stays, because orders, the
 * ledger, reviews and moderation history point at it, but everything that says who the person is
 * goes in one transaction: email, name, picture, password, roles beyond viewer, every session, API
 * key and mailed link, notification settings and notifications. The old address gets one last mail
 * saying so.
 */
final class AccountClosure {
  private static final String ANONYMISE =
      """
      UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', display_name = 'Deleted user',
        password_hash = '!deleted', avatar_url = NULL, roles = ARRAY['viewer'], status = 'deleted',
        deleted_at = now(), email_verified_at = NULL, failed_logins = 0, locked_until = NULL,
        updated_at = now()
      WHERE id = $1 AND status <> 'deleted'""";
  private static final String RETIRE_LINKS =
      "UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL";

  private final Database db;
  private final PasswordHasher hasher;
  private final RefreshTokens refreshTokens;
  private final CredentialsVersions versions;
  private final AccountMails mails;
  private final PersonalRecords notices;

  AccountClosure(
      Database db,
      PasswordHasher hasher,
      RefreshTokens refreshTokens,
      CredentialsVersions versions,
      AccountMails mails,
      PersonalRecords notices) {
    this.notices = notices;
    this.db = db;
    this.hasher = hasher;
    this.refreshTokens = refreshTokens;
    this.versions = versions;
    this.mails = mails;
  }

  Future<Void> delete(long userId, String password) {
    return PasswordChange.checkCurrent(db, hasher, userId, password)
        .compose(
            user ->
                db.tx(
                    conn ->
                        mails
                            .accountDeleted(conn, user.email(), user.displayName(), userId)
                            .compose(v -> run(conn, ANONYMISE, userId))
                            .compose(v -> run(conn, RETIRE_LINKS, userId))
                            // notify forgets their notifications and settings
                            .compose(v -> notices.erase(conn, userId))
                            .compose(v -> refreshTokens.revokeAll(conn, userId))
                            .compose(v -> ApiKeys.revokeAll(conn, userId))
                            .compose(v -> versions.end(conn, userId))))
        .map(
            version -> {
              versions.announce(userId, version);
              mails.nudge();
              return null;
            });
  }

  private static Future<Void> run(SqlConnection conn, String sql, long userId) {
    return conn.preparedQuery(sql).execute(Tuple.of(userId)).mapEmpty();
  }
}
