-- A won lot left unpaid (the order expired, or the show ended before payment) becomes 'unpaid'; the seller
-- may then offer it to the runner-up ('offered'), who pays (back to 'sold') or declines/lets it expire ('unsold').
ALTER TABLE lots DROP CONSTRAINT lots_status_check;
ALTER TABLE lots ADD CONSTRAINT lots_status_check
  CHECK (status IN ('queued', 'open', 'sold', 'unsold', 'cancelled', 'unpaid', 'offered'));
-- true while the lot's current order waits for payment; the unpaid-lot sweep reads only these rows
ALTER TABLE lots ADD COLUMN awaiting_payment BOOLEAN NOT NULL DEFAULT false;
UPDATE lots SET awaiting_payment = true
 WHERE status = 'sold' AND order_id IS NOT NULL
   AND EXISTS (SELECT 1 FROM orders o WHERE o.id = lots.order_id AND o.status = 'pending_payment');
CREATE INDEX lots_awaiting_payment ON lots (id) WHERE awaiting_payment;
-- set when the lot becomes unpaid: who may be offered it, at what price (see docs/AUCTIONS.md "Runner-up")
ALTER TABLE lots ADD COLUMN runner_up_id BIGINT REFERENCES users (id);
ALTER TABLE lots ADD COLUMN runner_up_cents BIGINT CHECK (runner_up_cents > 0);

-- At most one runner-up offer per lot, ever.
CREATE TABLE lot_offers (
  lot_id              BIGINT PRIMARY KEY REFERENCES lots (id),
  runner_up_id        BIGINT NOT NULL REFERENCES users (id),
  price_cents         BIGINT NOT NULL CHECK (price_cents > 0),
  order_id            BIGINT NOT NULL REFERENCES orders (id),
  defaulted_winner_id BIGINT NOT NULL REFERENCES users (id),
  defaulted_order_id  BIGINT REFERENCES orders (id),
  status              TEXT   NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'accepted', 'declined', 'expired')),
  offered_by          BIGINT NOT NULL REFERENCES users (id),
  idempotency_key     TEXT,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  decided_at          TIMESTAMPTZ
);
