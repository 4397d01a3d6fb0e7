-- Session 4 (bench/README.md): what a purchase costs PostgreSQL.

-- The loyalty tier's rolling 12-month spend, kept with the points instead of summed over the buyer's
-- entries on every checkout. spend_cents = SUM(spend_cents) of the user's entries created after
-- spend_since; spend_since stays at least 12 months back, and what ages out of the window is
-- subtracted (commerce.loyalty.Loyalty). A new row counts every entry of its user ('-infinity').
ALTER TABLE loyalty_balances
  ADD COLUMN spend_cents BIGINT      NOT NULL DEFAULT 0,
  ADD COLUMN spend_since TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
UPDATE loyalty_balances b
SET spend_since = now() - interval '12 months',
    spend_cents = COALESCE((SELECT SUM(e.spend_cents) FROM loyalty_entries e
                            WHERE e.user_id = b.user_id AND e.spend_cents <> 0
                              AND e.created_at > now() - interval '12 months'), 0);

-- No query looks ledger transactions up by reference (statements join them by id), and every posting
-- paid for this index: one more index entry and WAL record per ledger transaction.
DROP INDEX ledger_transactions_reference;

-- The ledger's commit-time checks look up one transaction's entries by ledger_entries_transaction.
-- PL/pgSQL caches their plans per connection, but pg_stat_statements counted a fresh plan for 60% of
-- their executions (custom plans after every invalidation of the busy tables): a generic plan is
-- always the right one for "entries of this transaction".
ALTER FUNCTION ledger_check_balanced() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION ledger_check_has_entries() SET plan_cache_mode = force_generic_plan;
