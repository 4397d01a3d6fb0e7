-- Surveillance that knows market makers (issue 16, item 9): two more rules, and every flag names
-- the rule that fired and the trades behind it.
--   shared_address: a pair that traded with each other keeps the same shipping address;
--   repeated_pair:  a pair traded back and forth (both directions) again and again in one day.
-- Both are flagged once per pair and trading day, like shared_payment_method.
ALTER TABLE market_surveillance_flags DROP CONSTRAINT market_surveillance_flags_kind_check;
ALTER TABLE market_surveillance_flags ADD CONSTRAINT market_surveillance_flags_kind_check
  CHECK (kind IN ('wash_round_trip', 'shared_payment_method', 'shared_address', 'repeated_pair'));
ALTER TABLE market_surveillance_flags DROP CONSTRAINT market_surveillance_flags_shape;
ALTER TABLE market_surveillance_flags ADD CONSTRAINT market_surveillance_flags_shape CHECK (
  (kind = 'wash_round_trip' AND related_trade_id IS NOT NULL)
  OR (kind IN ('shared_payment_method', 'shared_address', 'repeated_pair')
      AND period IS NOT NULL AND user_a < user_b));
CREATE UNIQUE INDEX market_surveillance_flags_pair_day ON market_surveillance_flags (kind, user_a, user_b, period)
  WHERE kind IN ('shared_address', 'repeated_pair');

-- the rule as it read when it fired (its window and threshold may change later)
ALTER TABLE market_surveillance_flags ADD COLUMN rule TEXT;
-- the trades behind the flag, oldest first (flags from before this column: trade_id and related_trade_id)
ALTER TABLE market_surveillance_flags ADD COLUMN trade_ids BIGINT[];
