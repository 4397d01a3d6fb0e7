package io.showfloor.subscription;

/** The subscription domain's statements. */
final class SubscriptionSql {
  private SubscriptionSql() {}

  static final String BY_USER =
      "SELECT " + Subscription.COLUMNS + " FROM subscriptions WHERE user_id = $1";
  static final String LOCK_BY_USER = BY_USER + " FOR UPDATE";
  static final String LOCK_BY_CUSTOMER =
      "SELECT "
          + Subscription.COLUMNS
          + " FROM subscriptions WHERE stripe_customer_id = $1 FOR UPDATE";

  /** A sandbox subscription starts (or starts again after it ended): paid for one period. */
  static final String START_SANDBOX =
      """
      INSERT INTO subscriptions (user_id, plan, status, provider, price_cents, current_period_end,
                                 cancel_at_period_end, started_at, updated_at)
      VALUES ($1, 'pro', 'active', 'sandbox', $2, $3, false, now(), now())
      ON CONFLICT (user_id) DO UPDATE SET status = 'active', provider = 'sandbox', price_cents = $2,
        current_period_end = $3, cancel_at_period_end = false, grace_until = NULL, started_at = now(),
        ended_at = NULL, stripe_subscription_id = NULL, snapshot_at = NULL, updated_at = now()""";

  /** A Stripe Checkout is about to start: the row knows the customer, nothing is paid yet. */
  static final String AWAIT_CHECKOUT =
      """
      INSERT INTO subscriptions (user_id, plan, status, provider, price_cents, stripe_customer_id, updated_at)
      VALUES ($1, 'pro', 'none', 'stripe', $2, $3, now())
      ON CONFLICT (user_id) DO UPDATE SET status = 'none', provider = 'stripe', price_cents = $2,
        stripe_customer_id = $3, stripe_subscription_id = NULL, current_period_end = NULL,
        cancel_at_period_end = false, grace_until = NULL, snapshot_at = NULL, started_at = NULL,
        ended_at = NULL, updated_at = now()
      WHERE subscriptions.status NOT IN ('active', 'past_due')""";

  static final String SET_CANCEL =
      "UPDATE subscriptions SET cancel_at_period_end = $2, updated_at = now() WHERE user_id = $1";

  static final String USER_EMAIL = "SELECT email FROM user_directory WHERE id = $1";

  /**
   * Everything a Stripe event may change at once; {@code status} is computed by the caller from the
   * facts.
   */
  static final String SAVE =
      """
      UPDATE subscriptions SET status = $2, stripe_subscription_id = $3, current_period_end = $4,
        cancel_at_period_end = $5, snapshot_at = $6, grace_until = $7, started_at = $8, ended_at = $9,
        price_cents = $10, updated_at = now()
      WHERE user_id = $1""";

  static final String SNAPSHOT_AT = "SELECT snapshot_at FROM subscriptions WHERE user_id = $1";

  /** A paid invoice: new, or a failed one paid on retry. Returns a row only when newly paid. */
  static final String INVOICE_PAID =
      """
      INSERT INTO subscription_invoices (invoice_id, user_id, status, amount_cents, period_end, subscription)
      VALUES ($1, $2, 'paid', $3, $4, $5)
      ON CONFLICT (invoice_id) DO UPDATE SET status = 'paid', amount_cents = $3,
        period_end = COALESCE($4, subscription_invoices.period_end), updated_at = now()
      WHERE subscription_invoices.status = 'failed'
      RETURNING invoice_id""";

  /** A failed invoice; one already paid stays paid (the failure was an earlier attempt). */
  static final String INVOICE_FAILED =
      """
      INSERT INTO subscription_invoices (invoice_id, user_id, status, amount_cents, period_end, subscription)
      VALUES ($1, $2, 'failed', $3, $4, $5) ON CONFLICT (invoice_id) DO NOTHING""";

  static final String UNPAID_FAILURES =
      "SELECT count(*) AS n, min(created_at) AS since FROM subscription_invoices"
          + " WHERE user_id = $1 AND subscription = $2 AND status = 'failed'";

  static final String HISTORY =
      "INSERT INTO subscription_history (user_id, kind, reason) VALUES ($1, $2, $3)";

  /** Sandbox subscriptions whose period has ended: renewed, or ended when cancelled. */
  static final String SANDBOX_DUE =
      """
      SELECT user_id FROM subscriptions
      WHERE provider = 'sandbox' AND status = 'active' AND current_period_end <= now()
      ORDER BY current_period_end LIMIT 100""";

  /** Stripe subscriptions cancelled at a period end that has passed: Free from then on. */
  static final String STRIPE_CANCELLED_DUE =
      """
      SELECT user_id FROM subscriptions
      WHERE provider = 'stripe' AND status IN ('active', 'past_due') AND cancel_at_period_end
        AND current_period_end <= now() LIMIT 100""";

  /** Past-due subscriptions whose grace period ran out. */
  static final String GRACE_OVER =
      "SELECT user_id FROM subscriptions WHERE status = 'past_due' AND grace_until <= now() LIMIT 100";

  static final String END =
      """
      UPDATE subscriptions SET status = $2, ended_at = now(), grace_until = NULL, updated_at = now()
      WHERE user_id = $1 AND status IN ('active', 'past_due')""";

  static final String RENEW_SANDBOX =
      """
      UPDATE subscriptions SET current_period_end = $2, updated_at = now()
      WHERE user_id = $1 AND status = 'active' AND NOT cancel_at_period_end AND current_period_end = $3""";

  // ---- platform analytics ----
  static final String LIVE =
      """
      SELECT count(*) AS subscribers, COALESCE(sum(price_cents), 0) AS period_cents
      FROM subscriptions WHERE status IN ('active', 'past_due')""";
  static final String MOVES =
      """
      SELECT count(*) FILTER (WHERE kind = 'started') AS started,
             count(*) FILTER (WHERE kind = 'ended') AS ended
      FROM subscription_history WHERE at >= $1 AND at < $2""";
}
