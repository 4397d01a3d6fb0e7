-- Wallet deposits and what the payment provider tells us. A deposit is credited to the user's
-- cash account exactly once: by the request that paid it or by the webhook, whichever is first.
CREATE TABLE wallet_deposits (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id             BIGINT NOT NULL REFERENCES users (id),
  amount_cents        BIGINT NOT NULL CHECK (amount_cents > 0),
  status              TEXT   NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  provider            TEXT   NOT NULL,
  provider_payment_id TEXT   UNIQUE,
  client_secret       TEXT,
  failure_code        TEXT,
  refunded_cents      BIGINT NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0 AND refunded_cents <= amount_cents),
  idempotency_key     TEXT   NOT NULL,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  completed_at        TIMESTAMPTZ,
  CONSTRAINT wallet_deposits_idempotency UNIQUE (user_id, idempotency_key)
);
CREATE INDEX wallet_deposits_user ON wallet_deposits (user_id, id DESC);

-- Every webhook event id we accepted: a redelivery finds its id here and changes nothing.
CREATE TABLE payment_webhook_events (
  event_id    TEXT PRIMARY KEY,
  provider    TEXT NOT NULL,
  type        TEXT NOT NULL,
  object_id   TEXT,
  created     TIMESTAMPTZ NOT NULL,      -- when the provider made the event
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  outcome     TEXT NOT NULL              -- what applying it did, for support
);

-- A user's customer record at the provider, and the cards saved on it for off-session charges.
CREATE TABLE payment_customers (
  user_id     BIGINT NOT NULL REFERENCES users (id),
  provider    TEXT   NOT NULL,
  customer_id TEXT   NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, provider)
);

CREATE TABLE saved_cards (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id           BIGINT NOT NULL REFERENCES users (id),
  provider          TEXT   NOT NULL,
  setup_id          TEXT   NOT NULL UNIQUE,
  payment_method_id TEXT,
  status            TEXT   NOT NULL CHECK (status IN ('pending', 'ready', 'failed', 'removed')),
  brand             TEXT,
  last4             TEXT,
  is_default        BOOLEAN NOT NULL DEFAULT false,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX saved_cards_user ON saved_cards (user_id) WHERE status = 'ready';
CREATE UNIQUE INDEX saved_cards_one_default ON saved_cards (user_id) WHERE is_default AND status = 'ready';
