-- Tournaments: trading competitions on their own books with play money (docs/TOURNAMENTS.md).

-- A tournament's instruments are ordinary market instruments in a play-money pool (the tournament's
-- id). Their symbols are Z<tournament id><base>, a prefix real listings may not use, so the two can
-- never collide; the check holds it for every new row (NOT VALID: rows already listed are not
-- re-read).
ALTER TABLE market_instruments ADD COLUMN play_pool BIGINT;
ALTER TABLE market_instruments ADD CONSTRAINT market_instruments_play_symbols
  CHECK ((play_pool IS NULL) = (symbol !~ '^Z[0-9]')) NOT VALID;

-- The house: holds every share of a tournament instrument and quotes it through the market-maker
-- bot. Nobody can sign in as it (no password hash can match), and as a liquidity provider its
-- resting quotes are no wash legs for surveillance.
INSERT INTO users (email, display_name, password_hash, roles, email_verified_at)
VALUES ('house@tournaments.showfloor.invalid', 'Tournament house', '!house', ARRAY['viewer', 'liquidity_provider'], now())
ON CONFLICT DO NOTHING;

CREATE TABLE tournaments (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  rules               TEXT        NOT NULL DEFAULT '' CHECK (length(rules) <= 10000),
  host_id             BIGINT      NOT NULL REFERENCES users (id),
  private             BOOLEAN     NOT NULL DEFAULT false,
  invite_code         TEXT,
  status              TEXT        NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft', 'open', 'active', 'completed', 'cancelled')),
  starts_at           TIMESTAMPTZ NOT NULL,
  ends_at             TIMESTAMPTZ NOT NULL,
  entry_fee_cents     BIGINT      NOT NULL CHECK (entry_fee_cents >= 0),
  starting_cash_cents BIGINT      NOT NULL CHECK (starting_cash_cents > 0),
  max_entrants        INT         NOT NULL CHECK (max_entrants > 0),
  platform_cut_bps    INT         NOT NULL CHECK (platform_cut_bps BETWEEN 0 AND 10000),
  prize_split         INT[]       NOT NULL,
  market_maker        BOOLEAN     NOT NULL DEFAULT true,
  house_id            BIGINT      NOT NULL REFERENCES users (id),
  -- the frozen board, written once when it completes
  results             JSONB,
  paid_out_at         TIMESTAMPTZ,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT tournaments_ends_after_start CHECK (ends_at > starts_at),
  CONSTRAINT tournaments_private_has_code CHECK (NOT private OR invite_code IS NOT NULL)
);
CREATE INDEX tournaments_due ON tournaments (status, starts_at, ends_at) WHERE status IN ('draft', 'open', 'active');

CREATE TABLE tournament_instruments (
  tournament_id         BIGINT NOT NULL REFERENCES tournaments (id),
  symbol                TEXT   NOT NULL REFERENCES market_instruments (symbol) UNIQUE,
  name                  TEXT   NOT NULL,
  reference_price_cents BIGINT NOT NULL CHECK (reference_price_cents > 0),
  -- where the house's bot centres its quotes; a news shock moves it
  anchor_price_cents    BIGINT NOT NULL CHECK (anchor_price_cents > 0),
  PRIMARY KEY (tournament_id, symbol)
);

CREATE TABLE tournament_entries (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tournament_id   BIGINT      NOT NULL REFERENCES tournaments (id),
  user_id         BIGINT      NOT NULL REFERENCES users (id),
  status          TEXT        NOT NULL DEFAULT 'entered' CHECK (status IN ('entered', 'disqualified', 'refunded')),
  paid_cents      BIGINT      NOT NULL CHECK (paid_cents >= 0),
  paid_with       TEXT        NOT NULL CHECK (paid_with IN ('free', 'wallet', 'card')),
  payment_id      TEXT,
  idempotency_key TEXT,
  disqualified_by BIGINT      REFERENCES users (id),
  disqualified_reason TEXT,
  final_equity_cents BIGINT,
  final_rank      INT,
  prize_cents     BIGINT,
  entered_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT tournament_entries_once UNIQUE (tournament_id, user_id),
  CONSTRAINT tournament_entries_key UNIQUE (user_id, idempotency_key)
);

CREATE TABLE tournament_events (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tournament_id BIGINT      NOT NULL REFERENCES tournaments (id),
  symbol        TEXT        NOT NULL REFERENCES market_instruments (symbol),
  headline      TEXT        NOT NULL CHECK (length(headline) BETWEEN 1 AND 200),
  shock_bps     INT         NOT NULL CHECK (shock_bps BETWEEN -5000 AND 5000 AND shock_bps <> 0),
  at            TIMESTAMPTZ NOT NULL,
  applied_at    TIMESTAMPTZ
);
CREATE INDEX tournament_events_due ON tournament_events (at) WHERE applied_at IS NULL;
