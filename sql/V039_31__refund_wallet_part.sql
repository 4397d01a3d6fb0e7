-- A refund of an order paid partly from the wallet gives the wallet part back first:
-- refunds.wallet_cents is this refund's part returned to the wallet (the provider refunds the rest),
-- checkouts.wallet_refunded_cents what of the checkout's wallet part is already reserved for refunds.
ALTER TABLE refunds ADD COLUMN wallet_cents bigint NOT NULL DEFAULT 0 CHECK (wallet_cents >= 0);
ALTER TABLE checkouts ADD COLUMN wallet_refunded_cents bigint NOT NULL DEFAULT 0
  CHECK (wallet_refunded_cents >= 0 AND wallet_refunded_cents <= wallet_cents);
