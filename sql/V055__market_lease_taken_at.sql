-- When the current holder took the lease (set with each new epoch). A node waiting for an answer
-- from a book's owner compares it with when it sent the command: a lease taken since then means the
-- owner it sent to is fenced, so a command with a clientOrderId may be sent again (docs/MARKET.md).
ALTER TABLE market_leases ADD COLUMN taken_at TIMESTAMPTZ NOT NULL DEFAULT now();
