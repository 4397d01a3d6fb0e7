#!/usr/bin/env bash
# statements.sh DATA-DIR-PART reset|show [N]: pg_stat_statements of a running benchmark's embedded
# PostgreSQL (found by a part of its data directory: bench-market, bench-data), reset after the
# warm-up and shown (top N by time) at the end of the window. The embedded server must load the
# extension: diagnosis only, never committed, add
#   "shared_preload_libraries", "pg_stat_statements"
# to EmbeddedServers.POSTGRES_SETTINGS in a copy of the tree (see README.md "Session 10").
set -euo pipefail
pid=$(pgrep -f "postgres.*$1" | head -1)
datadir=$(tr '\0' '\n' < "/proc/$pid/cmdline" | grep -A1 '^-D$' | tail -1)
port=$(sed -n 4p "$datadir/postmaster.pid")
sql() { psql -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"; }
if [ "$2" = reset ]; then
  sql -q -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
    -c "SELECT pg_stat_statements_reset()" -c "SELECT pg_stat_reset()" > /dev/null
else
  sql -c "SELECT calls, round(total_exec_time::numeric, 1) AS ms, round((total_exec_time / calls)::numeric, 3) AS per_call,
            rows, wal_records, left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS q
          FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT ${3:-40}" \
      -c "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = 'postgres'"
fi
