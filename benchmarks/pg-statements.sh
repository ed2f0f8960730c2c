#!/usr/bin/env bash
# Where PostgreSQL's time goes per stored price, on the embedded PostgreSQL of a fresh service:
# starts the built dev jar on an empty data folder, stops it, turns pg_stat_statements on for that
# data folder (shared_preload_libraries), starts it again, polls N symbols at 1 s (simulated
# provider), waits 20 s, resets the statistics, and after 30 s prints the statements by share of
# total execution time with calls, rows, microseconds and WAL bytes per stored price (WAL a
# statement writes includes the heap-only pruning it does on the pages it reads; FPIs are full-page
# images after a checkpoint).
# Needs psql (Debian: postgresql-client), curl and python3 (benchmarks/lib.sh). Shares are the
# useful part: absolute times move with whatever else runs on the machine.
#
#   benchmarks/pg-statements.sh [symbols=15000] [port=18485] [top=15]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-15000}
PORT=${2:-18485}
TOP=${3:-15}
source benchmarks/lib.sh
DD=$(mktemp -d /tmp/mds-stmts-XXXXXX)
trap 'mds_stop; rm -rf "$DD"' EXIT
q() { psql -h 127.0.0.1 -p "$(mds_pg_port)" -U postgres -d postgres -At -c "$1"; }

mds_start
q "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" > /dev/null
q "ALTER SYSTEM SET pg_stat_statements.track = 'all'" > /dev/null
mds_stop
mds_start
q "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" > /dev/null
mds_poll "$N" S
fetched() { mds_counter mds_provider_calls_total; }
sleep 20
q "SELECT pg_stat_statements_reset()" > /dev/null
f0=$(fetched)
sleep 30
f1=$(fetched)
q "SELECT round(total_exec_time::numeric, 1), calls, rows, wal_bytes, wal_fpi,
          regexp_replace(left(query, 100), '\s+', ' ', 'g')
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'postgres')
     ORDER BY total_exec_time DESC" > "$DD.stmts"
python3 - "$f0" "$f1" "$TOP" "$DD.stmts" <<'PY'
import sys
f0, f1, top, path = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = [l.rstrip("\n").split("|", 5) for l in open(path) if l.count("|") >= 5]
total = sum(float(r[0]) for r in rows)
n = f1 - f0
print("prices stored: %.0f/s over 30 s; statement time %.0f µs per price" % (n / 30, total * 1000 / n))
print("WAL by statements: %.0f bytes per price" % (sum(float(r[3]) for r in rows) / n))
print("%6s %9s %9s %8s %8s %6s  %s" % ("share", "calls", "rows", "µs/price", "WAL B/pr", "FPIs", "statement"))
for ms, calls, nrows, wal, fpi, query in rows[:top]:
    print("%5.1f%% %9s %9s %8.1f %8.0f %6s  %s" % (100 * float(ms) / total, calls, nrows,
          float(ms) * 1000 / n, float(wal) / n, fpi, query))
PY
