-- The catalogue's read port in SQL: what auctions, market, shows and moderation may read about a
-- product. Stock and reservations are not here: they change only through commerce's own services.
CREATE VIEW product_directory AS
SELECT id, seller_id, title, category, condition, price_cents, shipping_cents, image_urls, status, created_at
FROM products;
