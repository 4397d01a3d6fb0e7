-- Withdrawals: anyone takes available wallet cash out to a bank account. The money moves in the
-- ledger (user cash -> payouts in transit -> provider clearing, or back to the cash on failure);
-- these rows carry the request's life and the provider's ids.
CREATE TABLE wallet_withdrawals (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id              BIGINT NOT NULL REFERENCES users (id),
  amount_cents         BIGINT NOT NULL CHECK (amount_cents > 0),
  status               TEXT   NOT NULL DEFAULT 'requested'
                       CHECK (status IN ('requested', 'processing', 'paid', 'failed')),
  provider             TEXT   NOT NULL,
  destination          TEXT,                       -- acct_... with Stripe; null with the sandbox
  provider_transfer_id TEXT,
  provider_payout_id   TEXT UNIQUE,                -- Stripe: the payout from the connected account to the bank (po_...)
  failure_reason       TEXT,
  idempotency_key      TEXT   NOT NULL,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  completed_at         TIMESTAMPTZ,
  updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT wallet_withdrawals_idempotency UNIQUE (user_id, idempotency_key)
);
CREATE INDEX wallet_withdrawals_user ON wallet_withdrawals (user_id, id DESC);
-- the settlement window reads a user's recent deposits
CREATE INDEX wallet_deposits_user_completed ON wallet_deposits (user_id, completed_at) WHERE status = 'succeeded';

-- Stripe Connect Express onboarding: false from the account's creation until Stripe's
-- account.updated says the account can receive payouts; NULL for an account registered by hand
-- (PUT /api/payouts/account), whose state we were never told.
ALTER TABLE payout_accounts ADD COLUMN payouts_enabled BOOLEAN;
