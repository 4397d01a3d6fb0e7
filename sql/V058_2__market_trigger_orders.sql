-- Trigger orders: stop_market and take_profit (market orders once triggered) and stop_limit (a limit
-- order once triggered) wait off the book until the last trade price reaches stop_price_cents.
ALTER TABLE market_orders ADD COLUMN stop_price_cents BIGINT CHECK (stop_price_cents > 0);
ALTER TABLE market_orders ADD COLUMN triggered_at TIMESTAMPTZ;
ALTER TABLE market_orders DROP CONSTRAINT market_orders_type_check;
ALTER TABLE market_orders ADD CONSTRAINT market_orders_type_check
  CHECK (type IN ('limit', 'market', 'stop_market', 'stop_limit', 'take_profit'));
ALTER TABLE market_orders DROP CONSTRAINT market_orders_price_by_type;
ALTER TABLE market_orders ADD CONSTRAINT market_orders_price_by_type
  CHECK ((type IN ('limit', 'stop_limit')) = (price_cents IS NOT NULL));
ALTER TABLE market_orders ADD CONSTRAINT market_orders_stop_by_type
  CHECK ((type IN ('stop_market', 'stop_limit', 'take_profit')) = (stop_price_cents IS NOT NULL));
