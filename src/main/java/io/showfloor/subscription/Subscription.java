package io.showfloor.subscription;

import io.showfloor.subscription.rules.BillingStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A user's subscription row (no row: Free, never subscribed). */
public record Subscription(
    long userId,
    BillingStatus status,
    String provider,
    long priceCents,
    @Nullable String stripeCustomerId,
    @Nullable String stripeSubscriptionId,
    @Nullable Instant currentPeriodEnd,
    boolean cancelAtPeriodEnd,
    @Nullable Instant graceUntil,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt) {

  static final String COLUMNS =
      "user_id, status, provider, price_cents, stripe_customer_id, stripe_subscription_id,"
          + " current_period_end, cancel_at_period_end, grace_until, started_at, ended_at";

  static Subscription from(Row row) {
    return new Subscription(
        row.getLong("user_id"),
        BillingStatus.of(row.getString("status")),
        row.getString("provider"),
        row.getLong("price_cents"),
        row.getString("stripe_customer_id"),
        row.getString("stripe_subscription_id"),
        instant(row.getOffsetDateTime("current_period_end")),
        Boolean.TRUE.equals(row.getBoolean("cancel_at_period_end")),
        instant(row.getOffsetDateTime("grace_until")),
        instant(row.getOffsetDateTime("started_at")),
        instant(row.getOffsetDateTime("ended_at")));
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }

  @Nullable Instant proUntil(Duration renewal) {
    return status.proUntil(currentPeriodEnd, cancelAtPeriodEnd, graceUntil, renewal);
  }

  JsonObject toJson(Duration renewal, Instant now) {
    Instant until = proUntil(renewal);
    boolean pro = until != null && until.isAfter(now);
    return new JsonObject()
        .put("plan", pro ? "pro" : "free")
        .put("status", status.dbName())
        .put("provider", provider)
        .put("priceCents", priceCents)
        .put("currentPeriodEnd", text(currentPeriodEnd))
        .put("cancelAtPeriodEnd", cancelAtPeriodEnd)
        .put("graceUntil", text(graceUntil))
        .put("startedAt", text(startedAt))
        .put("endedAt", text(endedAt));
  }

  private static @Nullable String text(@Nullable Instant at) {
    return at == null ? null : at.toString();
  }
}
