-- Double-entry ledger: every money movement is one balanced transaction of two or more entries.
-- Amounts are signed cents: a debit is positive, a credit negative, so every transaction and the
-- whole ledger sum to zero. Entries are append-only; corrections are new transactions.

CREATE TABLE ledger_accounts (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code          TEXT    NOT NULL UNIQUE,            -- e.g. user:42:cash, seller:7:payable, platform:fees
  kind          TEXT    NOT NULL,
  owner_id      BIGINT  REFERENCES users (id),
  normal_side   TEXT    NOT NULL CHECK (normal_side IN ('debit', 'credit')),
  -- guarded accounts (a user's cash) keep a cached balance, in their normal direction, that may
  -- never go below zero; the cache is updated in the same transaction as the entries
  guarded       BOOLEAN NOT NULL DEFAULT false,
  balance_cents BIGINT  NOT NULL DEFAULT 0,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT ledger_accounts_no_overdraft CHECK (NOT guarded OR balance_cents >= 0)
);
CREATE INDEX ledger_accounts_owner ON ledger_accounts (owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE ledger_transactions (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- a retried movement carries the same key and posts once
  idempotency_key TEXT   NOT NULL,
  kind            TEXT   NOT NULL,                   -- order_payment, refund, deposit, market_fill …
  reference       TEXT,                              -- what caused it: order:12, deposit:3 …
  memo            TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT ledger_transactions_idempotency_key UNIQUE (idempotency_key)
);
CREATE INDEX ledger_transactions_reference ON ledger_transactions (reference);

CREATE TABLE ledger_entries (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id BIGINT NOT NULL REFERENCES ledger_transactions (id),
  account_id     BIGINT NOT NULL REFERENCES ledger_accounts (id),
  amount_cents   BIGINT NOT NULL CHECK (amount_cents <> 0),
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entries_transaction ON ledger_entries (transaction_id);
CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id);

-- Defence in depth behind Ledger.post: at commit, every transaction that received entries must
-- sum to zero, or the whole database transaction fails.
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total BIGINT;
BEGIN
  SELECT COALESCE(SUM(amount_cents), 0) INTO total FROM ledger_entries WHERE transaction_id = NEW.transaction_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance (off by % cents)', NEW.transaction_id, total
      USING ERRCODE = '23514', CONSTRAINT = 'ledger_balanced';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ledger_entries_balanced
  AFTER INSERT ON ledger_entries DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- Entries and transactions are history: never updated or deleted.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END $$;

CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- A transaction without entries (or with one) is not a movement; refuse it at commit as well.
CREATE FUNCTION ledger_check_has_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT COUNT(*) FROM ledger_entries WHERE transaction_id = NEW.id) < 2 THEN
    RAISE EXCEPTION 'ledger transaction % has fewer than two entries', NEW.id
      USING ERRCODE = '23514', CONSTRAINT = 'ledger_has_entries';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ledger_transactions_have_entries
  AFTER INSERT ON ledger_transactions DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_check_has_entries();
