-- Amend (PATCH /api/market/orders/{id} with a new price and/or quantity): an order's price, escrow
-- price and book sequence now change after it is placed, and each amend that moves escrow posts
-- ledger transactions keyed by the order's amend count (market:lock:order:<id>:amend:<n>).
ALTER TABLE market_orders ADD COLUMN amend_count INT NOT NULL DEFAULT 0 CHECK (amend_count >= 0);
