package io.showfloor.account;

import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Timed suspensions (a moderator's suspend_user). The end time is stored on the user; login, refresh
 * and API keys read it there. Access tokens are checked on every request, so each node keeps the
 * users suspended right now in memory instead of reading the database per request: a suspension is
 * published to every node on the event bus, and each node reloads the list every
 * {@link #RELOAD_SECONDS} s (a node that joined after the message, or missed it, catches up).
 */
public final class Suspensions {
  static final String CHANGED_ADDRESS = "accounts.suspension";
  static final int RELOAD_SECONDS = 30;
  private static final String ACTIVE = "SELECT id, suspended_until FROM users WHERE suspended_until > now()";
  private static final String SUSPEND = """
      UPDATE users SET suspended_until = greatest(coalesce(suspended_until, now()), now() + make_interval(days => $2)),
        updated_at = now()
      WHERE id = $1 RETURNING suspended_until""";

  private final Vertx vertx;
  private final Database db;
  private final RefreshTokens refreshTokens;
  private final Map<Long, Instant> suspendedUntil = new ConcurrentHashMap<>();

  Suspensions(Vertx vertx, Database db, RefreshTokens refreshTokens) {
    this.vertx = vertx;
    this.db = db;
    this.refreshTokens = refreshTokens;
  }

  Future<Void> start() {
    vertx.eventBus().<JsonObject>consumer(CHANGED_ADDRESS, message ->
        remember(message.body().getLong("userId"), Instant.parse(message.body().getString("until"))));
    vertx.setPeriodic(RELOAD_SECONDS * 1000L, id -> reload());
    return reload();
  }

  /** True while the user is inside a suspension this node knows of. */
  public boolean isSuspended(long userId) {
    return until(userId) != null;
  }

  Instant until(long userId) {
    Instant until = suspendedUntil.get(userId);
    if (until != null && !until.isAfter(Instant.now())) {
      suspendedUntil.remove(userId, until);
      return null;
    }
    return until;
  }

  /**
   * Suspends the user for {@code days} from now (a longer suspension already running is kept) and
   * ends their sessions, inside the caller's transaction. Call {@link #announce} after the commit.
   */
  public Future<Instant> suspend(SqlConnection tx, long userId, int days) {
    return tx.preparedQuery(SUSPEND).execute(Tuple.of(userId, days)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        return Future.failedFuture(ApiError.notFound("user_not_found", "No user " + userId));
      }
      Instant until = rows.iterator().next().getOffsetDateTime("suspended_until").toInstant();
      return refreshTokens.revokeAll(tx, userId).map(until);
    });
  }

  /** Tells every node (this one at once) that the user is suspended until {@code until}. */
  public void announce(long userId, Instant until) {
    remember(userId, until);
    vertx.eventBus().publish(CHANGED_ADDRESS, new JsonObject().put("userId", userId).put("until", until.toString()));
  }

  private void remember(long userId, Instant until) {
    suspendedUntil.merge(userId, until, (a, b) -> a.isAfter(b) ? a : b);
  }

  private Future<Void> reload() {
    return db.query(ACTIVE, Tuple.tuple()).map(rows -> {
      // only adds: an entry ends by its own time, and a reload that raced a fresh suspension must not drop it
      rows.forEach(r -> remember(r.getLong("id"), r.getOffsetDateTime("suspended_until").toInstant()));
      return null;
    });
  }

  static ApiError refusal(Instant until) {
    return ApiError.forbidden("account_suspended", until == null ? "This account is suspended"
        : "This account is suspended until " + until.atOffset(ZoneOffset.UTC));
  }
}
