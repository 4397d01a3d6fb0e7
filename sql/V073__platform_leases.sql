-- A named job that must run on one node of the cluster at a time (the --demo simulation): the node
-- holding an unexpired lease runs it and renews it; another node takes it only once it has expired
-- or been released (a node stopping sets expires_at in the past).
CREATE TABLE platform_leases (
  name       TEXT PRIMARY KEY,
  node_id    TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  taken_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
