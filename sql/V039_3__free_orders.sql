-- Orders that cost nothing: giveaway prizes and redeemed market instruments (issue 14, items 3 and 6).
ALTER TABLE orders DROP CONSTRAINT orders_source_check;
ALTER TABLE orders ADD CONSTRAINT orders_source_check
  CHECK (source IN ('cart', 'lot', 'flash_sale', 'giveaway', 'redemption'));
-- their one line is priced $0; a priced source still needs a positive price
ALTER TABLE order_lines DROP CONSTRAINT order_lines_unit_price_cents_check;
ALTER TABLE order_lines ADD CONSTRAINT order_lines_unit_price_cents_check CHECK (unit_price_cents >= 0);
