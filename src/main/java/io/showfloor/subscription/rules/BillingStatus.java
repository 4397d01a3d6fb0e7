package io.showfloor.subscription.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The subscription state machine: {@code none -> active -> past_due -> cancelled | expired}. The
 * status is a function of the facts seen so far, not of the order they arrived in, so Stripe's
 * webhooks may come in any order: once started (checkout completed, an invoice paid or an active
 * subscription seen), a subscription is past due while any failed invoice is unpaid, and ended for
 * good once deleted (or expired by the grace period).
 */
public enum BillingStatus {
  NONE,
  ACTIVE,
  PAST_DUE,
  CANCELLED,
  EXPIRED;

  public static BillingStatus of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean ended() {
    return this == CANCELLED || this == EXPIRED;
  }

  /** Pro is paid for (perhaps in its grace period). */
  public boolean live() {
    return this == ACTIVE || this == PAST_DUE;
  }

  /**
   * The status once the facts are known: {@code started} (paid or activated at least once), an
   * unpaid failed invoice, a deletion. An ended subscription stays ended.
   */
  public BillingStatus with(boolean started, boolean unpaidFailure, boolean deleted) {
    if (deleted) {
      return this == EXPIRED ? EXPIRED : CANCELLED;
    }
    if (ended()) {
      return this;
    }
    if (!started) {
      return NONE;
    }
    return unpaidFailure ? PAST_DUE : ACTIVE;
  }

  /**
   * Until when the subscriber has Pro, or null when not at all. A renewing subscription keeps Pro
   * for {@code renewal} past its period end while the renewal is charged (a failed charge then
   * turns it past due); one cancelled at period end stops exactly then; a past-due one at the end
   * of its grace period.
   */
  public @Nullable Instant proUntil(
      @Nullable Instant periodEnd,
      boolean cancelAtPeriodEnd,
      @Nullable Instant graceUntil,
      Duration renewal) {
    return switch (this) {
      case ACTIVE ->
          periodEnd == null ? Instant.MAX : cancelAtPeriodEnd ? periodEnd : periodEnd.plus(renewal);
      case PAST_DUE -> graceUntil;
      default -> null;
    };
  }
}
