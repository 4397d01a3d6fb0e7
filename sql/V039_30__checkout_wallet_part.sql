-- The part of a checkout paid from the buyer's wallet (the card pays total_cents - wallet_cents).
ALTER TABLE checkouts ADD COLUMN wallet_cents bigint NOT NULL DEFAULT 0 CHECK (wallet_cents >= 0);
