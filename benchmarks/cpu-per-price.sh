#!/usr/bin/env bash
# CPU per stored price of the service JVM and of its embedded PostgreSQL, with all roles or a
# subset: starts the built dev jar on an empty data folder with MDS_ROLES=ROLES, polls N symbols
# at 1 s (simulated provider), waits 35 s, then reads the counters and /proc CPU ticks 30 s apart.
# Prints prices fetched, events published and averages committed a second, the cores each process
# used and µs of CPU per fetched price. Leaving the consumer out (ROLES=api,poller,relay) measures
# what ingest and publish cost alone; the difference to all roles is the averages' cost.
# Needs curl and python3 (no psql).
#
#   benchmarks/cpu-per-price.sh [symbols=20000] [roles=api,poller,relay,consumer] [port=18486]
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/lib.sh
N=${1:-20000}
export MDS_ROLES=${2:-api,poller,relay,consumer}
PORT=${3:-18486}
DD=$(mktemp -d /tmp/mds-cpu-XXXXXX)
trap 'mds_stop; rm -rf "$DD"' EXIT
mds_start
mds_poll "$N" C
sleep 35
counters() {
  echo "$(mds_counter mds_provider_calls_total) $(mds_counter mds_events_published_total)" \
    "$(mds_counter mds_ma_freshness_seconds_count)"
}
c0=$(counters); t0=$(mds_ticks)
sleep 30
c1=$(counters); t1=$(mds_ticks)
python3 - "$MDS_ROLES" "$N" "$c0" "$c1" "$t0" "$t1" "$(getconf CLK_TCK)" <<'PY'
import sys
roles, n = sys.argv[1], sys.argv[2]
(f0, p0, a0), (f1, p1, a1) = [map(float, a.split()) for a in sys.argv[3:5]]
(j0, g0), (j1, g1) = [map(float, a.split()) for a in sys.argv[5:7]]
hz, s = float(sys.argv[7]), 30.0
fetched = (f1 - f0) / s
jvm, pg = (j1 - j0) / hz / s, (g1 - g0) / hz / s
print("roles %s, %s symbols at 1 s" % (roles, n))
print("fetched %.0f/s, published %.0f/s, averages committed %.0f/s"
      % (fetched, (p1 - p0) / s, (a1 - a0) / s))
print("cores: JVM %.2f, PostgreSQL %.2f, both %.2f" % (jvm, pg, jvm + pg))
per = lambda c: c * 1e6 / max(fetched, 1)
print("CPU per fetched price: JVM %.0f µs, PostgreSQL %.0f µs, both %.0f µs" % (per(jvm), per(pg), per(jvm + pg)))
PY
