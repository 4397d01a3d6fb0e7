package io.showfloor.account;

/** The statements on users, in one place. */
final class AccountSql {
  static final String USER_COLUMNS =
      "id, email, display_name, roles, email_verified_at, status, created_at, locked_until, suspended_until, "
          + "coalesce(suspended_until > now(), false) AS suspended_now, credentials_version, avatar_url, bio";

  // a field the caller did not send keeps its value ($3 and $5 say whether bio and avatar were
  // sent)
  static final String UPDATE_PROFILE =
      "UPDATE users SET display_name = coalesce($2, display_name),"
          + " bio = CASE WHEN $3 THEN $4 ELSE bio END,"
          + " avatar_url = CASE WHEN $5 THEN $6 ELSE avatar_url END, updated_at = now()"
          + " WHERE id = $1 RETURNING "
          + USER_COLUMNS;
  static final String BY_ID = "SELECT " + USER_COLUMNS + " FROM users WHERE id = $1";
  static final String EMAIL_TAKEN = "SELECT 1 FROM users WHERE lower(email) = lower($1)";

  static final String INSERT =
      """
      INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, $3)
      RETURNING """
          + " "
          + USER_COLUMNS;

  /** For login: the user, the hash, and the lock as the database clock sees it. */
  static final String FOR_LOGIN =
      "SELECT "
          + USER_COLUMNS
          + """
      , password_hash, locked_until > now() AS locked,
        ceil(extract(epoch FROM locked_until - now()))::bigint AS locked_seconds
      FROM users WHERE lower(email) = lower($1)""";

  /**
   * One more failed login; the attempt that reaches the limit locks the account and starts the
   * count again.
   */
  static final String FAILED_LOGIN =
      """
      UPDATE users SET
        locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END,
        failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
        updated_at = now()
      WHERE id = $1
      RETURNING coalesce(locked_until > now(), false) AS locked,
        ceil(extract(epoch FROM locked_until - now()))::bigint AS locked_seconds""";

  static final String LOGIN_SUCCEEDED =
      """
      UPDATE users SET failed_logins = 0, locked_until = NULL, updated_at = now()
      WHERE id = $1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)""";

  static final String MARK_VERIFIED =
      "UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), "
          + "updated_at = now() WHERE id = $1 RETURNING "
          + USER_COLUMNS;

  static final String SET_PASSWORD =
      """
      UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL,
        email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
      WHERE id = $1""";

  static final String ADD_ROLE =
      "UPDATE users SET roles = CASE WHEN $2 = ANY(roles) THEN roles ELSE array_append(roles, $2) END, "
          + "updated_at = now() WHERE id = $1 RETURNING "
          + USER_COLUMNS;

  /** Taking a role away also ends the access tokens that claim it (SET reads the row as it was). */
  static final String REMOVE_ROLE =
      """
      UPDATE users SET roles = array_remove(roles, $2),
        credentials_version = credentials_version + CASE WHEN $2 = ANY(roles) THEN 1 ELSE 0 END, updated_at = now()
      WHERE id = $1 RETURNING"""
          + " "
          + USER_COLUMNS;

  /** Every admin, locked, so two admins demoting each other cannot leave none. */
  static final String ADMINS_FOR_UPDATE =
      "SELECT id FROM users WHERE 'admin' = ANY(roles) AND status = 'active' ORDER BY id FOR UPDATE";

  static final String SEARCH =
      "SELECT "
          + USER_COLUMNS
          + """
       FROM users
      WHERE ($1::text IS NULL OR email ILIKE $1 ESCAPE '\\' OR display_name ILIKE $1 ESCAPE '\\')
        AND ($2::text IS NULL OR $2 = ANY(roles))
        AND ($3::bigint IS NULL OR id < $3)
      ORDER BY id DESC LIMIT $4""";

  /**
   * Created with the given roles and already verified; an existing account gains the roles and is
   * verified.
   */
  static final String DEMO_SESSION_USER =
      "SELECT id, display_name, credentials_version, roles FROM users WHERE lower(email) = $1";

  static final String UPSERT_VERIFIED =
      """
      INSERT INTO users (email, display_name, password_hash, roles, email_verified_at)
      VALUES ($1, $2, $3, $4, now())
      ON CONFLICT ((lower(email))) DO UPDATE SET
        roles = ARRAY(SELECT DISTINCT r FROM unnest(users.roles || EXCLUDED.roles) AS r),
        email_verified_at = coalesce(users.email_verified_at, now()),
        updated_at = now()
      RETURNING"""
          + " "
          + USER_COLUMNS
          + ", (xmax = 0) AS created";

  private AccountSql() {}
}
