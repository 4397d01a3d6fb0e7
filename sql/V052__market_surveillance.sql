-- Likely wash trades found by the surveillance job, queued for moderators to review.
CREATE TABLE market_surveillance_flags (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind             TEXT        NOT NULL CHECK (kind IN ('wash_round_trip')),
  symbol           TEXT        NOT NULL REFERENCES market_instruments (symbol),
  trade_id         BIGINT      NOT NULL REFERENCES market_trades (id),
  related_trade_id BIGINT      NOT NULL REFERENCES market_trades (id),
  user_a           BIGINT      NOT NULL REFERENCES users (id),
  user_b           BIGINT      NOT NULL REFERENCES users (id),
  detail           TEXT        NOT NULL,
  status           TEXT        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'confirmed')),
  reviewed_by      BIGINT      REFERENCES users (id),
  review_note      TEXT,
  reviewed_at      TIMESTAMPTZ,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT market_surveillance_flags_pair UNIQUE (kind, trade_id, related_trade_id)
);
CREATE INDEX market_surveillance_flags_status ON market_surveillance_flags (status, id DESC);

-- How far the job has read market_trades; one row, locked while a node scans so scans never overlap.
CREATE TABLE market_surveillance_cursor (
  id            INT    PRIMARY KEY CHECK (id = 1),
  last_trade_id BIGINT NOT NULL
);
INSERT INTO market_surveillance_cursor (id, last_trade_id) VALUES (1, 0);
