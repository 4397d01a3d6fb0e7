-- Direction models (insight): one row per trained version of an instrument's model, or of the
-- pooled model (scope '*') that instruments with little history use. Every node loads the newest.
CREATE TABLE insight_models (
  id           BIGSERIAL   PRIMARY KEY,
  scope        TEXT        NOT NULL CHECK (scope = '*' OR scope ~ '^[A-Z][A-Z0-9]{0,11}$'),
  interval     TEXT        NOT NULL CHECK (interval IN ('1m', '5m', '1h', '1d')),
  horizon      INT         NOT NULL CHECK (horizon BETWEEN 1 AND 100),
  version      INT         NOT NULL CHECK (version > 0),
  trained_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- the candles learnt from: starts of the first and last labelled candle
  window_from  TIMESTAMPTZ NOT NULL,
  window_to    TIMESTAMPTZ NOT NULL,
  samples      INT         NOT NULL CHECK (samples > 0),
  features     JSONB       NOT NULL,
  -- the walk-forward record against the baselines (docs/INSIGHT.md)
  metrics      JSONB       NOT NULL,
  edge         BOOLEAN     NOT NULL,
  model        BYTEA       NOT NULL,
  trained_by   BIGINT,
  CONSTRAINT insight_models_version UNIQUE (scope, interval, horizon, version)
);
CREATE INDEX insight_models_latest ON insight_models (scope, interval, horizon, version DESC);

-- Scheduled jobs that one node of the cluster runs at a time: a node takes a job by moving
-- next_run_at forward in one UPDATE, so two nodes never run the same pass.
CREATE TABLE insight_jobs (
  name        TEXT        PRIMARY KEY,
  next_run_at TIMESTAMPTZ NOT NULL,
  taken_by    TEXT,
  taken_at    TIMESTAMPTZ
);
INSERT INTO insight_jobs (name, next_run_at) VALUES ('train', now()), ('candles', now());

-- The last candle each (symbol, interval) announced a prediction for, so a candle's close is
-- announced once across the cluster.
CREATE TABLE insight_announced (
  symbol   TEXT        NOT NULL,
  interval TEXT        NOT NULL,
  bucket   TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (symbol, interval)
);
