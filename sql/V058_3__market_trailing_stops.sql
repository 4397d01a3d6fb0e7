-- Trailing stops: a stop whose stop_price_cents follows the best trade price since placement, at a
-- distance of trail_cents or of trail_bps of that price (exactly one). stop_price_cents holds the
-- current stop (rewritten as it moves), so a rebuilt book carries on from it.
ALTER TABLE market_orders ADD COLUMN trail_cents BIGINT CHECK (trail_cents > 0);
ALTER TABLE market_orders ADD COLUMN trail_bps INT CHECK (trail_bps > 0 AND trail_bps < 10000);
ALTER TABLE market_orders DROP CONSTRAINT market_orders_type_check;
ALTER TABLE market_orders ADD CONSTRAINT market_orders_type_check
  CHECK (type IN ('limit', 'market', 'stop_market', 'stop_limit', 'take_profit', 'trailing_stop'));
ALTER TABLE market_orders DROP CONSTRAINT market_orders_stop_by_type;
ALTER TABLE market_orders ADD CONSTRAINT market_orders_stop_by_type
  CHECK ((type IN ('stop_market', 'stop_limit', 'take_profit', 'trailing_stop')) = (stop_price_cents IS NOT NULL));
ALTER TABLE market_orders ADD CONSTRAINT market_orders_trail_by_type
  CHECK ((type = 'trailing_stop') = ((trail_cents IS NULL) <> (trail_bps IS NULL))
         AND (type = 'trailing_stop' OR (trail_cents IS NULL AND trail_bps IS NULL)));
