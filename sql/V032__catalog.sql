-- Sellers' products. Stock is the number of units that can still be sold: checkout takes units
-- with a conditional UPDATE (stock >= quantity), so two buyers can never both get the last one.
CREATE TABLE products (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seller_id           BIGINT  NOT NULL REFERENCES users (id),
  sku                 TEXT    NOT NULL,
  title               TEXT    NOT NULL,
  description         TEXT    NOT NULL DEFAULT '',
  category            TEXT    NOT NULL,
  condition           TEXT    NOT NULL DEFAULT 'new'
                      CHECK (condition IN ('new', 'like_new', 'good', 'fair', 'poor', 'refurbished')),
  price_cents         BIGINT  NOT NULL CHECK (price_cents > 0),
  stock               INT     NOT NULL CHECK (stock >= 0),
  shipping_cents      BIGINT  NOT NULL DEFAULT 0 CHECK (shipping_cents >= 0),
  image_urls          TEXT[]  NOT NULL DEFAULT '{}',
  low_stock_threshold INT     NOT NULL DEFAULT 3 CHECK (low_stock_threshold >= 0),
  status              TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  search              TSVECTOR GENERATED ALWAYS AS (
                        to_tsvector('simple', title || ' ' || description || ' ' || sku || ' ' || category)) STORED,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT products_seller_sku UNIQUE (seller_id, sku)
);
CREATE INDEX products_search ON products USING gin (search);
CREATE INDEX products_active ON products (status, id DESC);
CREATE INDEX products_category ON products (category, id DESC) WHERE status = 'active';
CREATE INDEX products_seller ON products (seller_id, id DESC);
