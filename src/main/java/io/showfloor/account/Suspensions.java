package io.showfloor.account;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Suspensions by moderators: timed ({@code users.suspended_until}) or permanent, a ban ({@code
 * status 'suspended'}, the accounts domain's open-ended switch). Login, refresh and API keys read
 * them on the user. Access tokens are checked on every request, so each node keeps the users
 * suspended right now in memory instead of reading the database per request: a suspension is
 * published to every node on the event bus, and each node reloads the list every {@link
 * #RELOAD_SECONDS} s (a node that joined after the message, or missed it, catches up). Suspending
 * also ends the user's sessions and access tokens (the credentials version), so a token from before
 * stays refused once the suspension is lifted. A moderator may lift a suspension early; that is
 * announced the same way.
 */
public final class Suspensions {
  static final String CHANGED_ADDRESS = "accounts.suspension";
  static final int RELOAD_SECONDS = 30;
  private static final String ACTIVE =
      """
      SELECT id, suspended_until, status = 'suspended' AS banned FROM users
      WHERE suspended_until > now() OR status = 'suspended'""";
  private static final String SUSPEND =
      """
      UPDATE users SET suspended_until = greatest(coalesce(suspended_until, now()), now() + make_interval(days => $2)),
        credentials_version = credentials_version + 1, updated_at = now()
      WHERE id = $1 RETURNING suspended_until, credentials_version""";
  private static final String BAN =
      """
      UPDATE users SET status = 'suspended', credentials_version = credentials_version + 1, updated_at = now()
      WHERE id = $1 RETURNING credentials_version""";
  private static final String CURRENT =
      """
      SELECT coalesce(suspended_until > now(), false) OR status = 'suspended' AS active FROM users WHERE id = $1 FOR UPDATE""";
  private static final String LIFT =
      "UPDATE users SET suspended_until = NULL, status = 'active', updated_at = now() WHERE id = $1";

  private final Vertx vertx;
  private final Database db;
  private final RefreshTokens refreshTokens;
  private final CredentialsVersions versions;
  private final Map<Long, Known> suspendedUntil = new ConcurrentHashMap<>();

  /** Counts reloads; an entry remembers the count when it was learned (see {@link #reload}). */
  private final AtomicLong reloads = new AtomicLong();

  /** {@code until} is {@link Instant#MAX} for a ban. */
  private record Known(Instant until, long learnedInReload) {}

  /**
   * A suspension just written: until when (null for a ban, which has no end) and the user's new
   * credentials version. Hand it to {@link #announce} after the commit.
   */
  /** {@code until} is {@link Instant#MAX} for a ban. */
  public record Suspended(long userId, Instant until, long credentialsVersion) {
    public boolean permanent() {
      return until.equals(Instant.MAX);
    }
  }

  Suspensions(Vertx vertx, Database db, RefreshTokens refreshTokens, CredentialsVersions versions) {
    this.vertx = vertx;
    this.db = db;
    this.refreshTokens = refreshTokens;
    this.versions = versions;
  }

  Future<Void> start() {
    vertx
        .eventBus()
        .<JsonObject>consumer(
            CHANGED_ADDRESS,
            message -> {
              long userId = message.body().getLong("userId");
              String until = message.body().getString("until");
              if (message.body().getBoolean("permanent", false)) {
                remember(userId, Instant.MAX);
              } else if (until == null) {
                suspendedUntil.remove(userId);
              } else {
                remember(userId, Instant.parse(until));
              }
              // after the suspension, in one message: the user's old tokens are refused as
              // suspended, not merely ended
              Long version = message.body().getLong("credentialsVersion");
              if (version != null) {
                versions.endedElsewhere(userId, version);
              }
            });
    vertx.setPeriodic(RELOAD_SECONDS * 1000L, id -> reload());
    return reload();
  }

  /** True while the user is inside a suspension this node knows of. */
  public boolean isSuspended(long userId) {
    return until(userId) != null;
  }

  /**
   * When the user's suspension ends ({@link Instant#MAX} for a ban), or null when there is none.
   */
  @Nullable Instant until(long userId) {
    Known known = suspendedUntil.get(userId);
    if (known != null && !known.until().isAfter(Instant.now())) {
      suspendedUntil.remove(userId, known);
      return null;
    }
    return known == null ? null : known.until();
  }

  /**
   * Suspends the user for {@code days} from now (a longer suspension already running is kept) and
   * ends their sessions and access tokens, inside the caller's transaction. Call {@link #announce}
   * after the commit.
   */
  public Future<Suspended> suspend(SqlConnection tx, long userId, int days) {
    return tx.preparedQuery(SUSPEND)
        .execute(Tuple.of(userId, days))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.failedFuture(Refused.notFound("user_not_found", "No user " + userId));
              }
              var row = rows.iterator().next();
              Suspended suspended =
                  new Suspended(
                      userId,
                      row.getOffsetDateTime("suspended_until").toInstant(),
                      row.getLong("credentials_version"));
              return refreshTokens.revokeAll(tx, userId).map(suspended);
            });
  }

  /**
   * Bans the user: suspended with no end until a moderator lifts it, sessions and access tokens
   * ended, inside the caller's transaction. Call {@link #announce} after the commit.
   */
  public Future<Suspended> ban(SqlConnection tx, long userId) {
    return tx.preparedQuery(BAN)
        .execute(Tuple.of(userId))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.failedFuture(Refused.notFound("user_not_found", "No user " + userId));
              }
              Suspended banned =
                  new Suspended(
                      userId, Instant.MAX, rows.iterator().next().getLong("credentials_version"));
              return refreshTokens.revokeAll(tx, userId).map(banned);
            });
  }

  /**
   * Ends the user's suspension now, inside the caller's transaction: true when one was running,
   * false when there was none; fails with 404 for an unknown user. Call {@link #announceLifted}
   * after the commit.
   */
  public Future<Boolean> lift(SqlConnection tx, long userId) {
    return tx.preparedQuery(CURRENT)
        .execute(Tuple.of(userId))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.failedFuture(Refused.notFound("user_not_found", "No user " + userId));
              }
              if (!Boolean.TRUE.equals(rows.iterator().next().getBoolean("active"))) {
                return Future.succeededFuture(false);
              }
              return tx.preparedQuery(LIFT).execute(Tuple.of(userId)).map(true);
            });
  }

  /** Tells every node (this one at once) that the user may sign in and use the API again. */
  public void announceLifted(long userId) {
    suspendedUntil.remove(userId);
    vertx
        .eventBus()
        .publish(CHANGED_ADDRESS, new JsonObject().put("userId", userId).putNull("until"));
  }

  /**
   * Tells every node (this one at once) that the user is suspended and their earlier access tokens
   * are ended.
   */
  public void announce(Suspended suspended) {
    long userId = suspended.userId();
    remember(userId, suspended.until());
    versions.endedElsewhere(userId, suspended.credentialsVersion());
    vertx
        .eventBus()
        .publish(
            CHANGED_ADDRESS,
            new JsonObject()
                .put("userId", userId)
                .put("until", suspended.permanent() ? null : suspended.until().toString())
                .put("permanent", suspended.permanent())
                .put("credentialsVersion", suspended.credentialsVersion()));
  }

  private void remember(long userId, Instant until) {
    Known learned = new Known(until, reloads.get());
    suspendedUntil.merge(userId, learned, (a, b) -> a.until().isAfter(b.until()) ? a : b);
  }

  /**
   * Reads the suspensions running now. An entry learned before this reload began that the database
   * no longer shows was lifted (a node that missed the announcement forgets it here); one learned
   * since may be newer than what the query saw, so it stays.
   */
  private Future<Void> reload() {
    long reload = reloads.incrementAndGet();
    return db.query(ACTIVE, Tuple.tuple())
        .map(
            rows -> {
              Set<Long> active = new HashSet<>();
              rows.forEach(
                  r -> {
                    active.add(r.getLong("id"));
                    remember(
                        r.getLong("id"),
                        r.getBoolean("banned")
                            ? Instant.MAX
                            : r.getOffsetDateTime("suspended_until").toInstant());
                  });
              suspendedUntil
                  .entrySet()
                  .removeIf(
                      e -> !active.contains(e.getKey()) && e.getValue().learnedInReload() < reload);
              return null;
            });
  }

  static Refused refusal(@Nullable Instant until) {
    return Refused.forbidden(
        "account_suspended",
        until == null
            ? "This account is suspended"
            : "This account is suspended until " + until.atOffset(ZoneOffset.UTC));
  }
}
