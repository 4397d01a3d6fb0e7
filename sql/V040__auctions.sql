-- Lots on a show's run sheet, and every bid ever made on them (accepted or not, never updated).
CREATE TABLE lots (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  show_id             BIGINT      NOT NULL REFERENCES shows (id),
  product_id          BIGINT      NOT NULL REFERENCES products (id),
  seller_id           BIGINT      NOT NULL REFERENCES users (id),
  host_id             BIGINT      NOT NULL REFERENCES users (id),
  position            INT         NOT NULL,
  status              TEXT        NOT NULL DEFAULT 'queued'
                      CHECK (status IN ('queued', 'open', 'sold', 'unsold', 'cancelled')),
  mode                TEXT        NOT NULL CHECK (mode IN ('standard', 'sudden_death')),
  starting_price_cents BIGINT     NOT NULL CHECK (starting_price_cents > 0),
  reserve_price_cents BIGINT      NOT NULL DEFAULT 0 CHECK (reserve_price_cents >= 0),
  buy_now_price_cents BIGINT      NOT NULL DEFAULT 0 CHECK (buy_now_price_cents >= 0),
  duration_seconds    INT         NOT NULL CHECK (duration_seconds > 0),
  extend_seconds      INT         NOT NULL DEFAULT 10 CHECK (extend_seconds >= 0),
  current_price_cents BIGINT      NOT NULL,
  leader_id           BIGINT      REFERENCES users (id),
  leader_name         TEXT,
  leader_max_cents    BIGINT,
  leader_since        TIMESTAMPTZ,
  bid_count           INT         NOT NULL DEFAULT 0,
  opened_at           TIMESTAMPTZ,
  ends_at             TIMESTAMPTZ,
  closed_at           TIMESTAMPTZ,
  winner_id           BIGINT      REFERENCES users (id),
  hammer_price_cents  BIGINT,
  order_id            BIGINT,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (leader_id IS NULL OR current_price_cents <= leader_max_cents)
);
CREATE INDEX lots_show ON lots (show_id, position);
-- the closing sweep reads only open lots by deadline
CREATE INDEX lots_open_deadline ON lots (ends_at) WHERE status = 'open';
-- one open lot per show at a time
CREATE UNIQUE INDEX lots_one_open_per_show ON lots (show_id) WHERE status = 'open';

CREATE TABLE bids (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lot_id            BIGINT      NOT NULL REFERENCES lots (id),
  bidder_id         BIGINT      NOT NULL REFERENCES users (id),
  bidder_name       TEXT        NOT NULL,
  amount_cents      BIGINT      NOT NULL,
  max_amount_cents  BIGINT      NOT NULL,
  pre_bid           BOOLEAN     NOT NULL DEFAULT false,
  accepted          BOOLEAN     NOT NULL,
  is_leading        BOOLEAN     NOT NULL,
  reason            TEXT,
  price_after_cents BIGINT      NOT NULL,
  ends_at_after     TIMESTAMPTZ,
  idempotency_key   TEXT,
  -- the exact answer given, so a retry with the same key gets it again
  reply_status      INT         NOT NULL,
  reply             JSONB       NOT NULL,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX bids_lot ON bids (lot_id, id DESC);
CREATE UNIQUE INDEX bids_idempotency ON bids (bidder_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- pre-bids wait on a queued lot until it opens
CREATE INDEX bids_pre ON bids (lot_id, id) WHERE pre_bid;
