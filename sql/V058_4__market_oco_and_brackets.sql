-- One-cancels-other pairs and brackets. Both legs of a pair carry oco_group_id, the id of the leg
-- placed first; a rebuilt book links the open legs of a group again. A bracket entry carries its
-- children's prices until it ends; its children (a stop and a limit target, an OCO pair) carry
-- parent_order_id.
ALTER TABLE market_orders ADD COLUMN oco_group_id BIGINT;
ALTER TABLE market_orders ADD COLUMN parent_order_id BIGINT;
ALTER TABLE market_orders ADD COLUMN bracket_stop_cents BIGINT CHECK (bracket_stop_cents > 0);
ALTER TABLE market_orders ADD COLUMN bracket_stop_limit_cents BIGINT CHECK (bracket_stop_limit_cents > 0);
ALTER TABLE market_orders ADD COLUMN bracket_target_cents BIGINT CHECK (bracket_target_cents > 0);
ALTER TABLE market_orders ADD CONSTRAINT market_orders_bracket_complete
  CHECK ((bracket_stop_cents IS NULL) = (bracket_target_cents IS NULL)
         AND (bracket_stop_limit_cents IS NULL OR bracket_stop_cents IS NOT NULL));
CREATE INDEX market_orders_oco_group ON market_orders (oco_group_id) WHERE oco_group_id IS NOT NULL;
