-- P&L over time (issue 16, item 6): each trader's equity and P&L at the end of each day, written by
-- the daily snapshot job (market.PnlSnapshots) on one node of the cluster (platform_leases row
-- 'market.pnl-snapshots'). One row per trader and day: the job never writes a day twice, so a
-- second pass, on this node or another, changes nothing.
CREATE TABLE market_pnl_snapshots (
  user_id              BIGINT      NOT NULL REFERENCES users (id),
  day                  DATE        NOT NULL,
  -- spendable cash plus cash locked in open buy orders
  cash_cents           BIGINT      NOT NULL,
  -- holdings at the last price (the reference price before an instrument's first trade)
  market_value_cents   BIGINT      NOT NULL,
  equity_cents         BIGINT      NOT NULL CHECK (equity_cents = cash_cents + market_value_cents),
  realized_pnl_cents   BIGINT      NOT NULL,
  unrealized_pnl_cents BIGINT      NOT NULL,
  taken_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, day)
);

-- the days the job has finished: a day listed here is not taken again
CREATE TABLE market_pnl_snapshot_days (
  day      DATE        PRIMARY KEY,
  traders  INT         NOT NULL,
  taken_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
