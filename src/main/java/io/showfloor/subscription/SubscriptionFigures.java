package io.showfloor.subscription;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;

/**
 * The platform's subscription numbers: active subscribers and MRR now (a period's price scaled to
 * 30 days, rounded down), and over the range the subscribers who started and ended, and churn
 * (ended over those active at the start, in basis points).
 */
final class SubscriptionFigures {
  private final Database db;
  private final SubscriptionSettings settings;

  SubscriptionFigures(Database db, SubscriptionSettings settings) {
    this.db = db;
    this.settings = settings;
  }

  Future<JsonObject> over(Instant from, Instant to) {
    var live = db.one(SubscriptionSql.LIVE, Tuple.tuple());
    var moves =
        db.one(
            SubscriptionSql.MOVES,
            Tuple.of(SubscriptionService.utc(from), SubscriptionService.utc(to)));
    return Future.all(live, moves)
        .map(
            done -> {
              long active = live.result().getLong("subscribers");
              long periodCents = live.result().getLong("period_cents");
              long started = moves.result().getLong("started");
              long ended = moves.result().getLong("ended");
              // those active when the range began: active now, less who joined, plus who left
              long atStart = Math.max(0, active - started + ended);
              return new JsonObject()
                  .put("activeSubscribers", active)
                  .put("mrrCents", Math.multiplyExact(periodCents, 30L) / settings.periodDays())
                  .put("startedSubscribers", started)
                  .put("churnedSubscribers", ended)
                  .put("churnRateBps", atStart == 0 ? 0 : ended * 10_000 / atStart);
            });
  }
}
