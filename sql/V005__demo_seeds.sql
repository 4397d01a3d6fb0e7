-- Which parts of the --demo world are already planted, so a restart with --demo adds nothing twice.
CREATE TABLE demo_seeds (
  name       TEXT PRIMARY KEY,
  seeded_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
