-- Flash sales: a product pinned in a show at a fixed price with a limited quantity.
CREATE TABLE flash_sales (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  show_id          BIGINT      NOT NULL REFERENCES shows (id),
  product_id       BIGINT      NOT NULL REFERENCES products (id),
  seller_id        BIGINT      NOT NULL REFERENCES users (id),
  host_id          BIGINT      NOT NULL REFERENCES users (id),
  price_cents      BIGINT      NOT NULL CHECK (price_cents > 0),
  quantity         INT         NOT NULL CHECK (quantity > 0),
  sold             INT         NOT NULL DEFAULT 0,
  per_buyer_limit  INT         NOT NULL DEFAULT 1 CHECK (per_buyer_limit > 0),
  status           TEXT        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ended')),
  ends_at          TIMESTAMPTZ,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  ended_at         TIMESTAMPTZ,
  -- the invariant the whole feature rests on: never more sold than offered
  CHECK (sold >= 0 AND sold <= quantity)
);
CREATE INDEX flash_sales_show ON flash_sales (show_id, id);

CREATE TABLE flash_sale_purchases (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sale_id         BIGINT      NOT NULL REFERENCES flash_sales (id),
  buyer_id        BIGINT      NOT NULL REFERENCES users (id),
  quantity        INT         NOT NULL CHECK (quantity > 0),
  order_id        BIGINT,
  idempotency_key TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX flash_sale_purchases_sale ON flash_sale_purchases (sale_id, buyer_id);
CREATE UNIQUE INDEX flash_sale_purchases_idempotency ON flash_sale_purchases (buyer_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- Giveaways: a free lot drawn at a deadline with a seed committed to (by its hash) when it opens.
CREATE TABLE giveaways (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  show_id        BIGINT      NOT NULL REFERENCES shows (id),
  host_id        BIGINT      NOT NULL REFERENCES users (id),
  product_id     BIGINT      REFERENCES products (id),
  title          TEXT        NOT NULL,
  status         TEXT        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'drawn', 'cancelled')),
  ends_at        TIMESTAMPTZ NOT NULL,
  seed           TEXT        NOT NULL,
  seed_hash      TEXT        NOT NULL,
  entrant_count  INT         NOT NULL DEFAULT 0,
  winner_id      BIGINT      REFERENCES users (id),
  order_id       BIGINT,
  drawn_at       TIMESTAMPTZ,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX giveaways_open_deadline ON giveaways (ends_at) WHERE status = 'open';
CREATE INDEX giveaways_show ON giveaways (show_id, id);

CREATE TABLE giveaway_entries (
  giveaway_id BIGINT      NOT NULL REFERENCES giveaways (id),
  user_id     BIGINT      NOT NULL REFERENCES users (id),
  entry_no    INT         NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (giveaway_id, user_id),
  UNIQUE (giveaway_id, entry_no)
);
