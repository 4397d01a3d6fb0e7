-- Carts, checkouts (one payment attempt over one or more orders) and orders (one per seller).
CREATE TABLE cart_items (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  buyer_id   BIGINT NOT NULL REFERENCES users (id),
  product_id BIGINT NOT NULL REFERENCES products (id),
  quantity   INT    NOT NULL CHECK (quantity BETWEEN 1 AND 100),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT cart_items_one_per_product UNIQUE (buyer_id, product_id)
);

CREATE TABLE checkouts (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  buyer_id            BIGINT NOT NULL REFERENCES users (id),
  idempotency_key     TEXT   NOT NULL,
  status              TEXT   NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'succeeded', 'failed', 'expired')),
  total_cents         BIGINT NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
  provider            TEXT   NOT NULL,
  provider_payment_id TEXT   UNIQUE,
  payment_status      TEXT   NOT NULL DEFAULT 'created',  -- the provider's last word: requires_action, succeeded …
  client_secret       TEXT,
  failure_code        TEXT,
  shipping_address    JSONB  NOT NULL,
  points_redeemed     BIGINT NOT NULL DEFAULT 0 CHECK (points_redeemed >= 0),
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  completed_at        TIMESTAMPTZ,
  CONSTRAINT checkouts_idempotency UNIQUE (buyer_id, idempotency_key)
);

CREATE TABLE orders (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  buyer_id           BIGINT NOT NULL REFERENCES users (id),
  seller_id          BIGINT NOT NULL REFERENCES users (id),
  checkout_id        BIGINT REFERENCES checkouts (id),   -- the payment attempt it is in; null for a due lot order not yet in one
  source             TEXT   NOT NULL DEFAULT 'cart' CHECK (source IN ('cart', 'lot', 'flash_sale')),
  source_ref         TEXT,                               -- lot:12, flash:4 … (set by the domain that created it)
  show_id            BIGINT,
  status             TEXT   NOT NULL DEFAULT 'pending_payment' CHECK (status IN
                     ('pending_payment', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded', 'partially_refunded')),
  items_cents        BIGINT NOT NULL CHECK (items_cents >= 0),
  shipping_cents     BIGINT NOT NULL CHECK (shipping_cents >= 0),
  discount_cents     BIGINT NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  total_cents        BIGINT NOT NULL,                    -- what the buyer pays: items + shipping - discount
  fee_cents          BIGINT NOT NULL CHECK (fee_cents >= 0),
  commission_cents   BIGINT NOT NULL DEFAULT 0 CHECK (commission_cents >= 0),
  refunded_cents     BIGINT NOT NULL DEFAULT 0,          -- refunds requested or done (reserved before the provider call)
  refund_posted_cents BIGINT NOT NULL DEFAULT 0,         -- refunds the provider confirmed and the ledger reversed
  shipping_address   JSONB,
  carrier            TEXT,
  tracking_number    TEXT,
  expires_at         TIMESTAMPTZ,                        -- an unpaid order is cancelled after this
  cancel_reason      TEXT,
  dispute_status     TEXT,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  paid_at            TIMESTAMPTZ,
  shipped_at         TIMESTAMPTZ,
  delivered_at       TIMESTAMPTZ,
  cancelled_at       TIMESTAMPTZ,
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT orders_total CHECK (total_cents = items_cents + shipping_cents - discount_cents AND total_cents >= 0),
  CONSTRAINT orders_refunds CHECK (refund_posted_cents >= 0 AND refund_posted_cents <= refunded_cents
                                   AND refunded_cents <= total_cents),
  CONSTRAINT orders_split CHECK (fee_cents + commission_cents <= items_cents)
);
CREATE INDEX orders_buyer ON orders (buyer_id, id DESC);
CREATE INDEX orders_seller ON orders (seller_id, id DESC);
CREATE INDEX orders_checkout ON orders (checkout_id);
CREATE INDEX orders_unpaid ON orders (expires_at) WHERE status = 'pending_payment';
CREATE INDEX orders_due ON orders (buyer_id) WHERE status = 'pending_payment' AND checkout_id IS NULL;

CREATE TABLE order_lines (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id         BIGINT NOT NULL REFERENCES orders (id),
  product_id       BIGINT NOT NULL REFERENCES products (id),
  title            TEXT   NOT NULL,                    -- as it was when bought
  unit_price_cents BIGINT NOT NULL CHECK (unit_price_cents > 0),
  quantity         INT    NOT NULL CHECK (quantity > 0),
  line_cents       BIGINT NOT NULL,
  fee_cents        BIGINT NOT NULL CHECK (fee_cents >= 0),
  creator_id       BIGINT REFERENCES users (id),       -- the creator whose show sold it, who earns commission
  commission_bps   INT    CHECK (commission_bps BETWEEN 0 AND 5000),
  commission_cents BIGINT NOT NULL DEFAULT 0 CHECK (commission_cents >= 0),
  CONSTRAINT order_lines_amount CHECK (line_cents = unit_price_cents * quantity),
  CONSTRAINT order_lines_creator CHECK ((creator_id IS NULL) = (commission_bps IS NULL))
);
CREATE INDEX order_lines_order ON order_lines (order_id);

CREATE TABLE refunds (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id           BIGINT NOT NULL REFERENCES orders (id),
  amount_cents       BIGINT NOT NULL CHECK (amount_cents > 0),
  status             TEXT   NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  origin             TEXT   NOT NULL DEFAULT 'api' CHECK (origin IN ('api', 'provider')),
  requested_by       BIGINT REFERENCES users (id),
  reason             TEXT,
  provider_refund_id TEXT,
  failure_reason     TEXT,
  idempotency_key    TEXT   NOT NULL,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  completed_at       TIMESTAMPTZ,
  CONSTRAINT refunds_idempotency UNIQUE (order_id, idempotency_key)
);
CREATE INDEX refunds_order ON refunds (order_id);
