-- Orders and trades. Ids come from sequences the book owner draws from in blocks, because the
-- matching engine needs an order's id before the batch that stores it commits.

CREATE SEQUENCE market_orders_id_seq;
CREATE SEQUENCE market_trades_id_seq;

CREATE TABLE market_orders (
  id                 BIGINT      PRIMARY KEY DEFAULT nextval('market_orders_id_seq'),
  symbol             TEXT        NOT NULL REFERENCES market_instruments (symbol),
  user_id            BIGINT      NOT NULL REFERENCES users (id),
  client_order_id    TEXT        CHECK (length(client_order_id) BETWEEN 1 AND 64),
  side               TEXT        NOT NULL CHECK (side IN ('buy', 'sell')),
  type               TEXT        NOT NULL CHECK (type IN ('limit', 'market')),
  price_cents        BIGINT      CHECK (price_cents > 0),
  quantity           BIGINT      NOT NULL CHECK (quantity > 0),
  filled_quantity    BIGINT      NOT NULL DEFAULT 0 CHECK (filled_quantity >= 0),
  filled_value_cents BIGINT      NOT NULL DEFAULT 0 CHECK (filled_value_cents >= 0),
  fee_cents          BIGINT      NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
  time_in_force      TEXT        NOT NULL CHECK (time_in_force IN ('GTC', 'DAY', 'IOC', 'FOK')),
  status             TEXT        NOT NULL CHECK (status IN ('active', 'partial', 'filled', 'cancelled', 'expired', 'rejected')),
  reason             TEXT        NOT NULL DEFAULT 'none',
  -- time priority inside the book; open orders are restored in this order
  book_sequence      BIGINT      NOT NULL,
  -- a buy's escrow is priced per share at this price (the limit, or the band top for a market buy)
  escrow_price_cents BIGINT,
  max_cost_cents     BIGINT,
  -- cash still held in escrow for this order; 0 once it has ended
  locked_cents       BIGINT      NOT NULL DEFAULT 0 CHECK (locked_cents >= 0),
  created_at         TIMESTAMPTZ NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL,
  CONSTRAINT market_orders_client_order_id UNIQUE (user_id, client_order_id),
  CONSTRAINT market_orders_filled_within CHECK (filled_quantity <= quantity),
  CONSTRAINT market_orders_price_by_type CHECK ((type = 'limit') = (price_cents IS NOT NULL))
);
CREATE INDEX market_orders_open ON market_orders (symbol, book_sequence) WHERE status IN ('active', 'partial');
CREATE INDEX market_orders_user ON market_orders (user_id, id DESC);

CREATE TABLE market_trades (
  id                        BIGINT      PRIMARY KEY,
  symbol                    TEXT        NOT NULL REFERENCES market_instruments (symbol),
  buy_order_id              BIGINT      NOT NULL REFERENCES market_orders (id),
  sell_order_id             BIGINT      NOT NULL REFERENCES market_orders (id),
  buyer_id                  BIGINT      NOT NULL REFERENCES users (id),
  seller_id                 BIGINT      NOT NULL REFERENCES users (id),
  price_cents               BIGINT      NOT NULL CHECK (price_cents > 0),
  quantity                  BIGINT      NOT NULL CHECK (quantity > 0),
  value_cents               BIGINT      NOT NULL CHECK (value_cents > 0),
  buyer_fee_cents           BIGINT      NOT NULL CHECK (buyer_fee_cents >= 0),
  seller_fee_cents          BIGINT      NOT NULL CHECK (seller_fee_cents >= 0),
  -- what the sale earned the seller over the average cost of the shares sold (leaderboard)
  seller_realized_pnl_cents BIGINT      NOT NULL,
  aggressor                 TEXT        NOT NULL CHECK (aggressor IN ('buy', 'sell', 'auction')),
  executed_at               TIMESTAMPTZ NOT NULL,
  CONSTRAINT market_trades_value CHECK (value_cents = price_cents * quantity)
);
CREATE INDEX market_trades_symbol ON market_trades (symbol, id DESC);
CREATE INDEX market_trades_symbol_time ON market_trades (symbol, executed_at);
CREATE INDEX market_trades_buyer ON market_trades (buyer_id, id DESC);
CREATE INDEX market_trades_seller ON market_trades (seller_id, id DESC);
CREATE INDEX market_trades_time ON market_trades (executed_at);
