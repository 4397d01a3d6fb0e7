-- A per-user credentials version, carried in every access token (claim "cv") and checked on every
-- authenticated request. A password reset, a logout, a refresh-token replay, a role removal and a
-- suspension add one, so every access token issued before stops working at once.
ALTER TABLE users ADD COLUMN credentials_version BIGINT NOT NULL DEFAULT 0;
