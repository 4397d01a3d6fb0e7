package io.showfloor.subscription;

import io.showfloor.commerce.payment.WebhookRoute;
import io.showfloor.ledger.Ledger;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Free and Pro (docs/SUBSCRIPTIONS.md): the plans from config, the subscription state machine in
 * PostgreSQL, the sandbox or Stripe Billing, and what other domains ask: {@link #isPro} and {@link
 * #planOf} (answered from a per-node cache kept current over the event bus).
 */
public final class Subscriptions implements Domain {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
  private final Platform platform;
  private final SubscriptionSettings settings;
  private final PlanCache cache;
  private final SubscriptionService service;
  private final StripeSubscriptionEvents stripeEvents;

  public Subscriptions(Platform platform, Ledger ledger) {
    this.platform = platform;
    this.settings = SubscriptionSettings.from(platform.settings());
    this.cache =
        new PlanCache(
            platform.vertx(), platform.db(), java.time.Duration.ofDays(settings.graceDays()));
    this.service =
        new SubscriptionService(
            platform.db(),
            ledger,
            settings,
            cache,
            settings.stripe() ? new StripeBilling(platform.vertx(), settings) : null);
    this.stripeEvents = new StripeSubscriptionEvents(service, cache, settings.graceDays());
  }

  /** Whether the user has Pro now (paid, or in a grace period); for other domains' ports. */
  public Future<Boolean> isPro(long userId) {
    return cache.isPro(userId);
  }

  /** The plan the user is on now. */
  public Future<Plan> planOf(long userId) {
    return cache.isPro(userId).map(settings::plan);
  }

  /** Stripe Billing's events, for the commerce webhook endpoint to hand over. */
  public WebhookRoute stripeEvents() {
    return stripeEvents;
  }

  /** Active subscribers, MRR and churn over a range, for platform analytics. */
  public Future<JsonObject> figures(Instant from, Instant to) {
    return new SubscriptionFigures(platform.db(), settings).over(from, to);
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(new SubscriptionEndpoints(service));
  }

  @Override
  public Future<Void> start() {
    cache.start();
    platform.vertx().setPeriodic(settings.sweepMillis(), id -> sweep());
    return Future.succeededFuture();
  }

  private boolean sweeping;

  private void sweep() {
    if (sweeping) {
      return;
    }
    sweeping = true;
    service
        .sweep()
        .onFailure(e -> LOG.warn("Subscription sweep failed", e))
        .onComplete(ar -> sweeping = false);
  }
}
