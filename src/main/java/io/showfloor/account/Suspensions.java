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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Timed suspensions (a moderator's suspend_user). The end time is stored on the user; login, refresh
 * and API keys read it there. Access tokens are checked on every request, so each node keeps the
 * users suspended right now in memory instead of reading the database per request: a suspension is
 * published to every node on the event bus, and each node reloads the list every
 * {@link #RELOAD_SECONDS} s (a node that joined after the message, or missed it, catches up). A
 * moderator may lift a suspension early; that is announced the same way.
 */
public final class Suspensions {
  static final String CHANGED_ADDRESS = "accounts.suspension";
  static final int RELOAD_SECONDS = 30;
  private static final String ACTIVE = "SELECT id, suspended_until FROM users WHERE suspended_until > now()";
  private static final String SUSPEND = """
      UPDATE users SET suspended_until = greatest(coalesce(suspended_until, now()), now() + make_interval(days => $2)),
        updated_at = now()
      WHERE id = $1 RETURNING suspended_until""";
  private static final String CURRENT = "SELECT suspended_until > now() AS active FROM users WHERE id = $1 FOR UPDATE";
  private static final String LIFT = "UPDATE users SET suspended_until = NULL, updated_at = now() WHERE id = $1";

  private final Vertx vertx;
  private final Database db;
  private final RefreshTokens refreshTokens;
  private final Map<Long, Known> suspendedUntil = new ConcurrentHashMap<>();
  /** Counts reloads; an entry remembers the count when it was learned (see {@link #reload}). */
  private final AtomicLong reloads = new AtomicLong();

  private record Known(Instant until, long learnedInReload) {}

  Suspensions(Vertx vertx, Database db, RefreshTokens refreshTokens) {
    this.vertx = vertx;
    this.db = db;
    this.refreshTokens = refreshTokens;
  }

  Future<Void> start() {
    vertx.eventBus().<JsonObject>consumer(CHANGED_ADDRESS, message -> {
      long userId = message.body().getLong("userId");
      String until = message.body().getString("until");
      if (until == null) {
        suspendedUntil.remove(userId);
      } else {
        remember(userId, Instant.parse(until));
      }
    });
    vertx.setPeriodic(RELOAD_SECONDS * 1000L, id -> reload());
    return reload();
  }

  /** True while the user is inside a suspension this node knows of. */
  public boolean isSuspended(long userId) {
    return until(userId) != null;
  }

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

  /**
   * Ends the user's suspension now, inside the caller's transaction: true when one was running, false
   * when there was none; fails with 404 for an unknown user. Call {@link #announceLifted} after the commit.
   */
  public Future<Boolean> lift(SqlConnection tx, long userId) {
    return tx.preparedQuery(CURRENT).execute(Tuple.of(userId)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        return Future.failedFuture(ApiError.notFound("user_not_found", "No user " + userId));
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
    vertx.eventBus().publish(CHANGED_ADDRESS, new JsonObject().put("userId", userId).putNull("until"));
  }

  /** Tells every node (this one at once) that the user is suspended until {@code until}. */
  public void announce(long userId, Instant until) {
    remember(userId, until);
    vertx.eventBus().publish(CHANGED_ADDRESS, new JsonObject().put("userId", userId).put("until", until.toString()));
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
    return db.query(ACTIVE, Tuple.tuple()).map(rows -> {
      Set<Long> active = new HashSet<>();
      rows.forEach(r -> {
        active.add(r.getLong("id"));
        remember(r.getLong("id"), r.getOffsetDateTime("suspended_until").toInstant());
      });
      suspendedUntil.entrySet().removeIf(e -> !active.contains(e.getKey()) && e.getValue().learnedInReload() < reload);
      return null;
    });
  }

  static ApiError refusal(@Nullable Instant until) {
    return ApiError.forbidden("account_suspended", until == null ? "This account is suspended"
        : "This account is suspended until " + until.atOffset(ZoneOffset.UTC));
  }
}
