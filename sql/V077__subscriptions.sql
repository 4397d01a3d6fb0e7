-- Subscriptions (Free and Pro): one row per user who ever started one. No row means Free.
-- status: none (a Stripe Checkout started, nothing paid yet), active, past_due (a renewal failed;
-- Pro until grace_until), cancelled (ended at period end or by Stripe), expired (grace ran out).
CREATE TABLE subscriptions (
  user_id                BIGINT      PRIMARY KEY REFERENCES users (id),
  plan                   TEXT        NOT NULL CHECK (plan IN ('pro')),
  status                 TEXT        NOT NULL CHECK (status IN ('none', 'active', 'past_due', 'cancelled', 'expired')),
  provider               TEXT        NOT NULL,          -- sandbox or stripe
  price_cents            BIGINT      NOT NULL CHECK (price_cents >= 0),
  stripe_customer_id     TEXT        UNIQUE,
  stripe_subscription_id TEXT        UNIQUE,
  current_period_end     TIMESTAMPTZ,
  cancel_at_period_end   BOOLEAN     NOT NULL DEFAULT false,
  -- created time of the newest customer.subscription.updated applied (older ones are stale)
  snapshot_at            TIMESTAMPTZ,
  grace_until            TIMESTAMPTZ,
  started_at             TIMESTAMPTZ,
  ended_at               TIMESTAMPTZ,
  updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT subscriptions_grace CHECK (status <> 'past_due' OR grace_until IS NOT NULL)
);
CREATE INDEX subscriptions_due ON subscriptions (current_period_end) WHERE status IN ('active', 'past_due');

-- Every invoice of a subscription: paid ones are posted to the ledger once (the ledger transaction's
-- key is the invoice id); a failed one opens the grace period until the same invoice is paid.
CREATE TABLE subscription_invoices (
  invoice_id   TEXT        PRIMARY KEY,                -- Stripe's in_…, or sandbox:<user>:<n>
  user_id      BIGINT      NOT NULL REFERENCES users (id),
  subscription TEXT        NOT NULL,                   -- Stripe's sub_…, or sandbox
  status       TEXT        NOT NULL CHECK (status IN ('paid', 'failed')),
  amount_cents BIGINT      NOT NULL CHECK (amount_cents >= 0),
  period_end   TIMESTAMPTZ,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX subscription_invoices_user ON subscription_invoices (user_id, created_at);

-- Starts and ends of Pro, for churn: a user who leaves and comes back has two of each.
CREATE TABLE subscription_history (
  id      BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id BIGINT      NOT NULL REFERENCES users (id),
  kind    TEXT        NOT NULL CHECK (kind IN ('started', 'ended')),
  reason  TEXT        NOT NULL,                        -- subscribed, cancelled, expired, deleted
  at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX subscription_history_at ON subscription_history (at);
