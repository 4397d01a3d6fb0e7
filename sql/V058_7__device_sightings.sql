-- A device signal for wash detection (issue 16, item 9): which device each account calls from.
-- Clients name their device with an X-Device-Id header (the web app a random id kept in the
-- browser's localStorage, the Python SDK the device_id it is given); the platform's HTTP edge stores only
-- its SHA-256, per user and per kind of credential (a signed-in session or an API key), for every
-- authenticated request (refreshed at most hourly). The market's surveillance rule shared_device
-- reads it: two accounts that traded with each other and called from the same device.
CREATE TABLE device_sightings (
  user_id       BIGINT      NOT NULL REFERENCES users (id),
  device_hash   TEXT        NOT NULL CHECK (device_hash ~ '^[0-9a-f]{64}$'),
  via           TEXT        NOT NULL CHECK (via IN ('session', 'api_key')),
  first_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, device_hash, via)
);
CREATE INDEX device_sightings_device ON device_sightings (device_hash, user_id);

ALTER TABLE market_surveillance_flags DROP CONSTRAINT market_surveillance_flags_kind_check;
ALTER TABLE market_surveillance_flags ADD CONSTRAINT market_surveillance_flags_kind_check
  CHECK (kind IN ('wash_round_trip', 'shared_payment_method', 'shared_address', 'repeated_pair', 'shared_device'));
ALTER TABLE market_surveillance_flags DROP CONSTRAINT market_surveillance_flags_shape;
ALTER TABLE market_surveillance_flags ADD CONSTRAINT market_surveillance_flags_shape CHECK (
  (kind = 'wash_round_trip' AND related_trade_id IS NOT NULL)
  OR (kind IN ('shared_payment_method', 'shared_address', 'repeated_pair', 'shared_device')
      AND period IS NOT NULL AND user_a < user_b));
CREATE UNIQUE INDEX market_surveillance_flags_device_day ON market_surveillance_flags (kind, user_a, user_b, period)
  WHERE kind = 'shared_device';
