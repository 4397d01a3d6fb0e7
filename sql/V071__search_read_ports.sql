-- What platform search reads of auctions and the market, as views (the tables stay their domains').
-- A lot is found by its product's title; "ending soon" orders open lots by ends_at.
CREATE VIEW lot_directory AS
SELECT id, show_id, product_id, seller_id, host_id, position, status, current_price_cents,
       bid_count, opened_at, ends_at, created_at
FROM lots;

CREATE VIEW instrument_directory AS
SELECT symbol, name, product_id, seller_id, status, phase, reference_price_cents, last_price_cents,
       created_at
FROM market_instruments;
