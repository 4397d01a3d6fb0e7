-- Payouts: sellers and creators withdraw what the ledger says the platform owes them.
-- The money moves in the ledger (payable -> payouts in transit -> provider clearing); these rows
-- carry the request's life and the provider's transfer id.

-- The Stripe Connect account a payee's transfers go to (Stripe's "acct_..." id).
CREATE TABLE payout_accounts (
  user_id           BIGINT      PRIMARY KEY REFERENCES users (id),
  stripe_account_id TEXT        NOT NULL CHECK (stripe_account_id ~ '^acct_[A-Za-z0-9]{6,64}$'),
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE payouts (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id              BIGINT NOT NULL REFERENCES users (id),
  amount_cents         BIGINT NOT NULL CHECK (amount_cents > 0),
  -- which payables it was drawn from, so a rejection puts back exactly what was taken
  seller_cents         BIGINT NOT NULL CHECK (seller_cents >= 0),
  creator_cents        BIGINT NOT NULL CHECK (creator_cents >= 0),
  status               TEXT   NOT NULL DEFAULT 'requested'
                       CHECK (status IN ('requested', 'processing', 'paid', 'rejected', 'failed')),
  provider             TEXT   NOT NULL,
  destination          TEXT,                       -- acct_... for Stripe; null with the sandbox
  provider_transfer_id TEXT,
  failure_reason       TEXT,
  review_note          TEXT,
  reviewed_by          BIGINT REFERENCES users (id),
  idempotency_key      TEXT   NOT NULL,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  reviewed_at          TIMESTAMPTZ,
  completed_at         TIMESTAMPTZ,
  updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT payouts_parts CHECK (seller_cents + creator_cents = amount_cents),
  CONSTRAINT payouts_idempotency UNIQUE (user_id, idempotency_key)
);
CREATE INDEX payouts_user ON payouts (user_id, id DESC);
CREATE INDEX payouts_status ON payouts (status, id DESC);
