-- Scoped API keys (issue 16): what a key may do, and rotation with a grace period.
-- Keys made before scopes existed keep every scope, so nothing that works today breaks.
ALTER TABLE api_keys
  ADD COLUMN IF NOT EXISTS scopes TEXT[] NOT NULL DEFAULT ARRAY['read', 'trade', 'funds'],
  -- a rotated key keeps working until then (accounts.apiKeyRotationGraceSeconds)
  ADD COLUMN IF NOT EXISTS retires_at TIMESTAMPTZ,
  ADD COLUMN IF NOT EXISTS rotated_from BIGINT REFERENCES api_keys (id);

ALTER TABLE api_keys
  ADD CONSTRAINT api_keys_known_scopes
  CHECK (cardinality(scopes) BETWEEN 1 AND 3 AND scopes <@ ARRAY['read', 'trade', 'funds']);
