-- Surveillance rule "trades between accounts sharing a payment method" (docs/MARKET.md).
--
-- payment_method_fingerprints: which card (by the provider's fingerprint) each user has saved or
-- paid a deposit with. Commerce writes it; the market's surveillance reads it. It sits in the
-- market's migration range because the market rule is what needs it (and so it cannot collide
-- with commerce's own numbering).
CREATE TABLE payment_method_fingerprints (
  user_id           BIGINT      NOT NULL REFERENCES users (id),
  provider          TEXT        NOT NULL,
  fingerprint       TEXT        NOT NULL,
  payment_method_id TEXT,
  source            TEXT        NOT NULL CHECK (source IN ('saved_card', 'deposit')),
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, provider, fingerprint)
);
CREATE INDEX payment_method_fingerprints_card ON payment_method_fingerprints (provider, fingerprint);

-- A shared-payment-method flag names a pair of users and a period (the market's trading day), not
-- a pair of trades: the pair is flagged once per day, at its first trade with each other.
ALTER TABLE market_surveillance_flags DROP CONSTRAINT market_surveillance_flags_kind_check;
ALTER TABLE market_surveillance_flags ADD CONSTRAINT market_surveillance_flags_kind_check
  CHECK (kind IN ('wash_round_trip', 'shared_payment_method'));
ALTER TABLE market_surveillance_flags ALTER COLUMN related_trade_id DROP NOT NULL;
ALTER TABLE market_surveillance_flags ADD COLUMN period DATE;
ALTER TABLE market_surveillance_flags ADD CONSTRAINT market_surveillance_flags_shape CHECK (
  (kind = 'wash_round_trip' AND related_trade_id IS NOT NULL)
  OR (kind = 'shared_payment_method' AND period IS NOT NULL AND user_a < user_b));
CREATE UNIQUE INDEX market_surveillance_flags_pair_period ON market_surveillance_flags (kind, user_a, user_b, period)
  WHERE kind = 'shared_payment_method';
