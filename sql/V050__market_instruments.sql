-- Fractional-share market: instruments, who holds their shares, and which node owns each book.

CREATE TABLE market_instruments (
  symbol                TEXT PRIMARY KEY CHECK (symbol ~ '^[A-Z][A-Z0-9]{0,11}$'),
  name                  TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  product_id            BIGINT,
  seller_id             BIGINT      NOT NULL REFERENCES users (id),
  status                TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  phase                 TEXT        NOT NULL DEFAULT 'closed'
                          CHECK (phase IN ('pre_open', 'opening_auction', 'continuous', 'closing_auction', 'closed', 'halted')),
  -- whether the in-memory book collects for a call auction; a halt keeps whatever it was
  book_mode             TEXT        NOT NULL DEFAULT 'continuous' CHECK (book_mode IN ('continuous', 'call_auction')),
  follows_schedule      BOOLEAN     NOT NULL DEFAULT true,
  total_shares          BIGINT      NOT NULL CHECK (total_shares > 0),
  reference_price_cents BIGINT      NOT NULL CHECK (reference_price_cents > 0),
  tick_size_cents       BIGINT      NOT NULL DEFAULT 1 CHECK (tick_size_cents > 0),
  price_band_bps        INT         NOT NULL DEFAULT 2000 CHECK (price_band_bps BETWEEN 1 AND 9999),
  max_order_quantity    BIGINT      NOT NULL CHECK (max_order_quantity > 0),
  fee_bps               INT         NOT NULL DEFAULT 200 CHECK (fee_bps BETWEEN 0 AND 10000),
  fee_payer             TEXT        NOT NULL DEFAULT 'seller' CHECK (fee_payer IN ('seller', 'buyer')),
  last_price_cents      BIGINT      CHECK (last_price_cents > 0),
  phase_changed_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  approved_by           BIGINT      REFERENCES users (id),
  approved_at           TIMESTAMPTZ,
  created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX market_instruments_seller ON market_instruments (seller_id);
CREATE INDEX market_instruments_status ON market_instruments (status, symbol);

-- Shares per holder. locked_shares are promised to open sell orders and cannot be sold twice.
-- cost_basis_cents is what the shares still held cost (average-cost method).
CREATE TABLE market_holdings (
  user_id            BIGINT      NOT NULL REFERENCES users (id),
  symbol             TEXT        NOT NULL REFERENCES market_instruments (symbol),
  shares             BIGINT      NOT NULL CHECK (shares >= 0),
  locked_shares      BIGINT      NOT NULL DEFAULT 0 CHECK (locked_shares >= 0),
  cost_basis_cents   BIGINT      NOT NULL DEFAULT 0 CHECK (cost_basis_cents >= 0),
  realized_pnl_cents BIGINT      NOT NULL DEFAULT 0,
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, symbol),
  CONSTRAINT market_holdings_locked_within CHECK (locked_shares <= shares)
);
CREATE INDEX market_holdings_symbol ON market_holdings (symbol);

-- One node owns a book at a time. The owner renews expires_at; another node may take an expired
-- lease and bumps epoch. Every write of the book checks the epoch in its own transaction, so a
-- node that lost its lease (paused, partitioned) can never commit again: the epoch is a fencing token.
CREATE TABLE market_leases (
  symbol     TEXT        PRIMARY KEY REFERENCES market_instruments (symbol),
  node_id    TEXT        NOT NULL,
  epoch      BIGINT      NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE market_watchlist (
  user_id    BIGINT      NOT NULL REFERENCES users (id),
  symbol     TEXT        NOT NULL REFERENCES market_instruments (symbol),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, symbol)
);
