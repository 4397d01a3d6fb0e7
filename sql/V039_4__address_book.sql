-- The address book (issue 14, item 2): a user's shipping addresses, at most one default.
CREATE TABLE user_addresses (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     BIGINT      NOT NULL REFERENCES users (id),
  name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  line1       TEXT        NOT NULL CHECK (length(line1) BETWEEN 1 AND 200),
  line2       TEXT        CHECK (length(line2) <= 200),
  city        TEXT        NOT NULL CHECK (length(city) BETWEEN 1 AND 100),
  region      TEXT        CHECK (length(region) <= 100),
  postal_code TEXT        NOT NULL CHECK (length(postal_code) BETWEEN 1 AND 20),
  country     TEXT        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  is_default  BOOLEAN     NOT NULL DEFAULT false,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX user_addresses_user ON user_addresses (user_id, id);
CREATE UNIQUE INDEX user_addresses_one_default ON user_addresses (user_id) WHERE is_default;
