package io.showfloor.subscription;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Until when each user has Pro, per node, as the rate limiter asks on every keyed request. A change
 * is announced on the (clustered) event bus after its commit and every node forgets the user at
 * once; an entry is also read again after {@link #REREAD_MILLIS}, so a node that missed an
 * announcement catches up within a minute. The entry holds an instant, not a yes/no, so Pro ends on
 * time at period end without anyone telling the cache.
 */
final class PlanCache {
  static final String CHANGED_ADDRESS = "subscriptions.changed";
  static final long REREAD_MILLIS = 60_000;
  // an entry is an instant, a long and a boxed key: 100,000 users is a few MB
  private static final int MAX_KNOWN = 100_000;

  private record Known(@Nullable Instant proUntil, long readAtMillis) {}

  private final Vertx vertx;
  private final Database db;
  private final Duration renewal;
  private final Map<Long, Known> known = new ConcurrentHashMap<>();
  // bumped by every change heard: a read that started before one is answered but not kept
  private final java.util.concurrent.atomic.AtomicLong changes =
      new java.util.concurrent.atomic.AtomicLong();

  PlanCache(Vertx vertx, Database db, Duration renewal) {
    this.vertx = vertx;
    this.db = db;
    this.renewal = renewal;
  }

  void start() {
    vertx
        .eventBus()
        .<JsonObject>consumer(CHANGED_ADDRESS, message -> forget(message.body().getLong("userId")));
  }

  /** After a commit that changed the user's subscription: every node reads it again. */
  void announce(long userId) {
    forget(userId);
    vertx.eventBus().publish(CHANGED_ADDRESS, new JsonObject().put("userId", userId));
  }

  private void forget(long userId) {
    changes.incrementAndGet();
    known.remove(userId);
  }

  Future<Boolean> isPro(long userId) {
    Known entry = known.get(userId);
    long now = System.currentTimeMillis();
    if (entry != null && now - entry.readAtMillis() < REREAD_MILLIS) {
      return Future.succeededFuture(pro(entry.proUntil()));
    }
    long before = changes.get();
    return db.one(SubscriptionSql.BY_USER, Tuple.of(userId))
        .map(
            row -> {
              Instant until = row == null ? null : Subscription.from(row).proUntil(renewal);
              if (known.size() >= MAX_KNOWN) {
                known.clear();
              }
              if (changes.get() == before) {
                known.put(userId, new Known(until, now));
              }
              return pro(until);
            });
  }

  private static boolean pro(@Nullable Instant until) {
    return until != null && until.isAfter(Instant.now());
  }
}
