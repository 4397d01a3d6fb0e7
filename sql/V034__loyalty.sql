-- Loyalty points: an append-only ledger of points per user, with a cached balance updated in the
-- same transaction. Points are earned on paid orders, spent at checkout as a discount, given back
-- when a checkout is declined, and reversed in proportion when an order is refunded.
CREATE TABLE loyalty_entries (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id         BIGINT NOT NULL REFERENCES users (id),
  points          BIGINT NOT NULL CHECK (points <> 0 OR kind IN ('earn', 'reverse')),  -- spend still counts when the points round to 0
  kind            TEXT   NOT NULL CHECK (kind IN ('earn', 'show_bonus', 'redeem', 'restore', 'reverse')),
  spend_cents     BIGINT NOT NULL DEFAULT 0,      -- spend this entry adds to (or removes from) the rolling tier total
  order_id        BIGINT REFERENCES orders (id),
  checkout_id     BIGINT REFERENCES checkouts (id),
  idempotency_key TEXT   NOT NULL UNIQUE,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX loyalty_entries_user ON loyalty_entries (user_id, id DESC);
CREATE INDEX loyalty_entries_spend ON loyalty_entries (user_id, created_at) WHERE spend_cents <> 0;

CREATE TABLE loyalty_balances (
  user_id BIGINT PRIMARY KEY REFERENCES users (id),
  points  BIGINT NOT NULL DEFAULT 0      -- may dip below zero only when a refund reverses points already spent
);

CREATE TRIGGER loyalty_entries_append_only BEFORE UPDATE OR DELETE ON loyalty_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
