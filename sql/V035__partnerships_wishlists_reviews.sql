-- A seller invites a creator to feature their products at a commission; sales in that creator's
-- shows credit the creator's payable at the agreed rate (basis points of the item price).
CREATE TABLE creator_partnerships (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seller_id      BIGINT NOT NULL REFERENCES users (id),
  creator_id     BIGINT NOT NULL REFERENCES users (id),
  commission_bps INT    NOT NULL CHECK (commission_bps BETWEEN 1 AND 5000),
  note           TEXT,
  status         TEXT   NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'accepted', 'declined', 'ended')),
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  responded_at   TIMESTAMPTZ,
  ended_at       TIMESTAMPTZ,
  CHECK (seller_id <> creator_id)
);
CREATE UNIQUE INDEX creator_partnerships_open ON creator_partnerships (seller_id, creator_id)
  WHERE status IN ('invited', 'accepted');
CREATE INDEX creator_partnerships_creator ON creator_partnerships (creator_id);

CREATE TABLE wishlist_items (
  user_id    BIGINT NOT NULL REFERENCES users (id),
  product_id BIGINT NOT NULL REFERENCES products (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, product_id)
);
CREATE INDEX wishlist_items_product ON wishlist_items (product_id);

-- One review per order line, only by the buyer of a delivered order.
CREATE TABLE reviews (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_line_id BIGINT NOT NULL UNIQUE REFERENCES order_lines (id),
  product_id    BIGINT NOT NULL REFERENCES products (id),
  seller_id     BIGINT NOT NULL REFERENCES users (id),
  buyer_id      BIGINT NOT NULL REFERENCES users (id),
  rating        INT    NOT NULL CHECK (rating BETWEEN 1 AND 5),
  text          TEXT   NOT NULL,
  seller_reply  TEXT,
  replied_at    TIMESTAMPTZ,
  hidden        BOOLEAN NOT NULL DEFAULT false,
  hidden_by     BIGINT REFERENCES users (id),
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX reviews_product ON reviews (product_id, id DESC);
