-- A seller's CSV import run in the background (up to commerce.importJobMaxRows rows): the file is
-- kept with the job and worked through in slices; rows_done is the stored position a restarted
-- node resumes from. One running job per seller.
CREATE TABLE product_import_jobs (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seller_id   BIGINT      NOT NULL REFERENCES users (id),
  status      TEXT        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
  csv         TEXT        NOT NULL,
  rows_total  INT         NOT NULL,
  rows_done   INT         NOT NULL DEFAULT 0,
  created     INT         NOT NULL DEFAULT 0,
  updated     INT         NOT NULL DEFAULT 0,
  refused     INT         NOT NULL DEFAULT 0,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX product_import_jobs_one_running ON product_import_jobs (seller_id) WHERE status = 'running';

-- The per-row report, written with each slice.
CREATE TABLE product_import_rows (
  job_id BIGINT NOT NULL REFERENCES product_import_jobs (id) ON DELETE CASCADE,
  line   INT    NOT NULL,
  result JSONB  NOT NULL
);
CREATE INDEX product_import_rows_job ON product_import_rows (job_id, line);
