-- Issue 12: a seller can no longer mark their own order delivered (which released its money at
-- once). The buyer confirms delivery, or the sweep does commerce.autoDeliverDays after shipping;
-- the payout hold runs from that moment. (V030–V039 are all taken, so this is 39.1.)

-- Who confirmed: 'buyer' or 'automatic'. Orders delivered before this migration keep NULL (the
-- seller or the buyer marked them; nobody recorded which).
ALTER TABLE orders ADD COLUMN delivery_confirmed_by TEXT
  CHECK (delivery_confirmed_by IN ('buyer', 'automatic'));

-- The auto-delivery sweep's rows: shipped, not yet delivered, not fully refunded. The sweep's WHERE
-- repeats this predicate word for word so the planner can use the index.
CREATE INDEX orders_awaiting_delivery ON orders (shipped_at)
  WHERE delivered_at IS NULL AND shipped_at IS NOT NULL AND status IN ('shipped', 'partially_refunded');
