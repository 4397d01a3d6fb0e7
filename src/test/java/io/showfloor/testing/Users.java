package io.showfloor.testing;

import io.showfloor.Showfloor;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Users made straight in the database with a signed access token, for tests of other domains that
 * should not depend on the sign-up flow. The account flows themselves are tested over HTTP.
 */
public final class Users {
  private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

  private Users() {}

  /** A verified user with the given roles (viewer is always included). */
  public static TestUser create(String... roles) {
    return create(true, roles);
  }

  public static TestUser unverified(String... roles) {
    return create(false, roles);
  }

  public static TestUser create(boolean verified, String... roles) {
    Showfloor node = TestNode.get();
    Set<String> all = new TreeSet<>(Arrays.asList(roles));
    all.add("viewer");
    long n = SEQUENCE.incrementAndGet();
    String email = "user" + n + "@example.test";
    String name = "User " + n;
    Row row =
        node.platform()
            .db()
            .one(
                "INSERT INTO users (email, display_name, password_hash, roles, email_verified_at) "
                    + "VALUES ($1, $2, 'fixture-no-login', $3, CASE WHEN $4 THEN now() END) RETURNING id",
                Tuple.of(email, name, all.toArray(new String[0]), verified))
            .await();
    long id = row.getLong("id");
    String token = node.platform().accessTokens().issue(id, 0, name, all, verified);
    return new TestUser(id, email, name, token, TestNode.api().as(token));
  }

  /**
   * An existing user (made by a helper that did not hand it out, e.g. a sale's buyer), with a fresh
   * token.
   */
  public static TestUser existing(long id) {
    Showfloor node = TestNode.get();
    Row row =
        node.platform()
            .db()
            .one(
                "SELECT email, display_name, roles, email_verified_at IS NOT NULL AS verified, credentials_version FROM users WHERE id = $1",
                Tuple.of(id))
            .await();
    Set<String> roles = new TreeSet<>(Arrays.asList(row.getArrayOfStrings("roles")));
    String token =
        node.platform()
            .accessTokens()
            .issue(
                id,
                row.getLong("credentials_version"),
                row.getString("display_name"),
                roles,
                row.getBoolean("verified"));
    return new TestUser(
        id, row.getString("email"), row.getString("display_name"), token, TestNode.api().as(token));
  }

  /**
   * A refresh token of a new session of the user, stored (as SHA-256, like a login's) straight in
   * the database: what a browser holds in its refresh cookie after logging in.
   */
  public static String refreshToken(TestUser user) {
    String token = "fixture-" + java.util.UUID.randomUUID();
    TestNode.get()
        .platform()
        .db()
        .query(
            "INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) "
                + "VALUES ($1, gen_random_uuid(), encode(sha256(convert_to($2, 'UTF8')), 'hex'), now() + interval '1 day')",
            Tuple.of(user.id(), token))
        .await();
    return token;
  }

  /**
   * The same user signed in again: a new access token with their roles, verification and
   * credentials version as they are now (what their next login or refresh would get), for after a
   * change that ended their earlier tokens.
   */
  public static TestUser signedInAgain(TestUser user) {
    Showfloor node = TestNode.get();
    Row row =
        node.platform()
            .db()
            .one(
                "SELECT roles, email_verified_at IS NOT NULL AS verified, credentials_version "
                    + "FROM users WHERE id = $1",
                Tuple.of(user.id()))
            .await();
    String token =
        node.platform()
            .accessTokens()
            .issue(
                user.id(),
                row.getLong("credentials_version"),
                user.displayName(),
                Set.copyOf(Arrays.asList(row.getArrayOfStrings("roles"))),
                row.getBoolean("verified"));
    return new TestUser(
        user.id(), user.email(), user.displayName(), token, TestNode.api().as(token));
  }

  public record TestUser(long id, String email, String displayName, String accessToken, Api api) {}
}
