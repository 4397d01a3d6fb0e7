-- Users are the root every domain points at. Emails are compared case-insensitively.
CREATE TABLE users (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email             TEXT        NOT NULL,
  display_name      TEXT        NOT NULL,
  password_hash     TEXT        NOT NULL,
  roles             TEXT[]      NOT NULL DEFAULT ARRAY['viewer'],
  email_verified_at TIMESTAMPTZ,
  failed_logins     INT         NOT NULL DEFAULT 0,
  locked_until      TIMESTAMPTZ,
  status            TEXT        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
