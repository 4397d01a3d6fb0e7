-- One item, sold once: a product backs at most one pending or trading instrument. The listing also
-- locks the product row (commerce.catalog.SoldOnce); this index holds even for a path that forgets to.
CREATE UNIQUE INDEX market_instruments_one_live_per_product ON market_instruments (product_id)
  WHERE product_id IS NOT NULL AND status IN ('pending', 'approved');
