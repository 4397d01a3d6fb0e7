package io.showfloor.account;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.CredentialsAuthenticator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's credentials version ({@code users.credentials_version}), which every access token
 * carries and every authenticated request compares. {@link #end} adds one in the transaction of the
 * change that ends the user's access tokens; {@link #announce}, after the commit, publishes the new
 * version on the (clustered) event bus so every node refuses the older tokens at once.
 *
 * <p>Checked on every request, so each node keeps the versions it has read in memory. Versions only
 * grow, so a value read and a value announced are merged by taking the larger: a read that started
 * before a change and lands after its announcement cannot bring the old version back. An entry is
 * read again after {@link #REREAD_MILLIS}, so a node that missed an announcement catches up within
 * a minute. A user who no longer exists is remembered as {@link #GONE} (ids are never reused).
 */
final class CredentialsVersions implements CredentialsAuthenticator.CredentialsVersions {
  static final String CHANGED_ADDRESS = "accounts.credentials";
  static final long REREAD_MILLIS = 60_000;
  private static final long GONE = Long.MAX_VALUE;
  // an entry is two longs and a boxed key: 100,000 users ≈ 6 MB
  private static final int MAX_KNOWN = 100_000;
  private static final String CURRENT = "SELECT credentials_version FROM users WHERE id = $1";
  private static final String END =
      """
      UPDATE users SET credentials_version = credentials_version + 1, updated_at = now()
      WHERE id = $1 RETURNING credentials_version""";

  private final Vertx vertx;
  private final Database db;
  private final Map<Long, Known> known = new ConcurrentHashMap<>();

  /**
   * When this node last heard that a user's tokens were ended, for the sockets signed in before.
   */
  private final Map<Long, Long> endedAtMillis = new ConcurrentHashMap<>();

  private record Known(long version, long readAtMillis) {}

  CredentialsVersions(Vertx vertx, Database db) {
    this.vertx = vertx;
    this.db = db;
  }

  void start() {
    vertx
        .eventBus()
        .<JsonObject>consumer(
            CHANGED_ADDRESS,
            message -> ended(message.body().getLong("userId"), message.body().getLong("version")));
  }

  @Override
  public boolean endedSince(long userId, long sinceMillis) {
    Long endedAt = endedAtMillis.get(userId);
    return endedAt != null && endedAt >= sinceMillis;
  }

  @Override
  public Future<Long> current(long userId) {
    Known entry = known.get(userId);
    if (entry != null && System.currentTimeMillis() - entry.readAtMillis() < REREAD_MILLIS) {
      return Future.succeededFuture(entry.version() == GONE ? null : entry.version());
    }
    return db.one(CURRENT, Tuple.of(userId))
        .map(
            row -> {
              long version = learn(userId, row == null ? GONE : row.getLong("credentials_version"));
              return version == GONE ? null : version;
            });
  }

  /**
   * Ends every access token the user holds now, inside the caller's transaction; answers the new
   * version, to {@link #announce} after the commit. Fails when there is no such user.
   */
  Future<Long> end(SqlConnection tx, long userId) {
    return tx.preparedQuery(END)
        .execute(Tuple.of(userId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw new IllegalStateException(
                    "No user " + userId + " to end the access tokens of");
              }
              return rows.iterator().next().getLong("credentials_version");
            });
  }

  /**
   * After the commit: this node at once, then every node, refuses the user's tokens older than
   * {@code version}.
   */
  void announce(long userId, long version) {
    ended(userId, version);
    vertx
        .eventBus()
        .publish(CHANGED_ADDRESS, new JsonObject().put("userId", userId).put("version", version));
  }

  /**
   * Another announcement carried the new version (a suspension's, so that a node refuses the user's
   * tokens as suspended first, not as ended): remember it as if it had come on {@link
   * #CHANGED_ADDRESS}.
   */
  void endedElsewhere(long userId, long version) {
    ended(userId, version);
  }

  private void ended(long userId, long version) {
    long before = known.containsKey(userId) ? known.get(userId).version() : -1;
    if (learn(userId, version) > before) {
      if (endedAtMillis.size() >= MAX_KNOWN) {
        endedAtMillis.clear();
      }
      endedAtMillis.put(userId, System.currentTimeMillis());
    }
  }

  private long learn(long userId, long version) {
    if (known.size() >= MAX_KNOWN && !known.containsKey(userId)) {
      known.clear();
    }
    long now = System.currentTimeMillis();
    return known
        .merge(
            userId,
            new Known(version, now),
            (old, read) -> new Known(Math.max(old.version(), read.version()), now))
        .version();
  }
}
