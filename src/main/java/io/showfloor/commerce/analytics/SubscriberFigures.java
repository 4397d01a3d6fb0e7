package io.showfloor.commerce.analytics;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The subscriptions domain's numbers for the platform analytics: active subscribers and MRR now,
 * subscribers started and churned over the range.
 */
public interface SubscriberFigures {
  Future<JsonObject> over(Instant from, Instant to);
}
