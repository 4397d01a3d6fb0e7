-- Commerce's read port for a buyer's own orders (the account export reads it; docs/ACCOUNTS.md).
CREATE VIEW order_directory AS
SELECT id, buyer_id, seller_id, source, status, items_cents, shipping_cents, discount_cents,
       total_cents, refunded_cents, created_at, paid_at
FROM orders;
