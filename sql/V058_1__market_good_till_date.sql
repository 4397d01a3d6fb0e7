-- Good-till-date orders: time_in_force GTD with the instant the book's owner expires them.
ALTER TABLE market_orders ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE market_orders DROP CONSTRAINT market_orders_time_in_force_check;
ALTER TABLE market_orders ADD CONSTRAINT market_orders_time_in_force_check
  CHECK (time_in_force IN ('GTC', 'DAY', 'IOC', 'FOK', 'GTD'));
ALTER TABLE market_orders ADD CONSTRAINT market_orders_expiry_by_time_in_force
  CHECK ((time_in_force = 'GTD') = (expires_at IS NOT NULL));
