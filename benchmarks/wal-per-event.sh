#!/usr/bin/env bash
# WAL bytes and row writes per stored price, on the embedded PostgreSQL of a fresh service:
# starts the built dev jar on an empty data folder, polls N symbols at 1 s (simulated provider),
# waits 20 s, then reads pg_current_wal_lsn(), pg_stat_database and pg_stat_user_tables 30 s apart.
# Needs psql (Debian: postgresql-client) and curl, python3; the figures are counts, not timings, so
# they hold on a busy machine too (the capacity model in benchmarks/README.md uses them).
#
#   benchmarks/wal-per-event.sh [symbols=5000] [port=18484]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
PORT=${2:-18484}
source benchmarks/lib.sh
DD=$(mktemp -d /tmp/mds-wal-XXXXXX)
trap 'mds_stop; rm -rf "$DD"' EXIT
mds_start
mds_poll "$N" W
sleep 20
q() { psql -h 127.0.0.1 -p "$(mds_pg_port)" -U postgres -d postgres -At -c "$1"; }
fetched() { mds_counter mds_provider_calls_total; }
STATS="SELECT xact_commit, tup_inserted, tup_updated FROM pg_stat_database WHERE datname = 'postgres'"
HOT="SELECT sum(n_tup_upd), sum(n_tup_hot_upd) FROM pg_stat_user_tables WHERE relname IN ('outbox', 'average_outbox')"
l0=$(q "SELECT pg_current_wal_lsn()"); f0=$(fetched); s0=$(q "$STATS"); h0=$(q "$HOT")
sleep 30
l1=$(q "SELECT pg_current_wal_lsn()"); f1=$(fetched); s1=$(q "$STATS"); h1=$(q "$HOT")
wal=$(q "SELECT pg_wal_lsn_diff('$l1', '$l0')")
python3 - "$f0" "$f1" "$wal" "$s0" "$s1" "$h0" "$h1" <<'PY'
import sys
f0, f1, wal = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
s0, s1 = [list(map(int, a.split("|"))) for a in sys.argv[4:6]]
h0, h1 = [list(map(int, a.split("|"))) for a in sys.argv[6:8]]
n = f1 - f0
print("prices stored: %.0f/s over 30 s" % (n / 30))
print("WAL: %.1f MB/s, %.0f bytes per price" % (wal / 30 / 1e6, wal / n))
print("commits per price %.3f, inserts per price %.2f, updates per price %.2f"
      % ((s1[0] - s0[0]) / n, (s1[1] - s0[1]) / n, (s1[2] - s0[2]) / n))
upd, hot = h1[0] - h0[0], h1[1] - h0[1]
print("outbox + average_outbox updates %d, heap-only %d (%.0f%%)" % (upd, hot, 100 * hot / max(upd, 1)))
PY
