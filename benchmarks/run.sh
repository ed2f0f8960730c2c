#!/usr/bin/env bash
# The one command for the benchmarks. Builds the service jar and this module, then runs every part
# against this machine and writes benchmarks/results/latest.{json,md,png}.
#
#   benchmarks/run.sh            full run (about 15-17 minutes on 2 cores, the live parts included)
#   benchmarks/run.sh --smoke    a tiny version of every part (CI); results in benchmarks/target/bench-results
#   benchmarks/run.sh --live     only the live parts (SSE latency, idle SSE connections, about 2.5 minutes);
#                                writes benchmarks/results/live.{json,md} and leaves latest.* alone
#                                (with --smoke: tiny sizes, into benchmarks/target/bench-results)
#   benchmarks/run.sh --tracing  only the HTTP hot path, tracing off then on, twice (about 3 minutes);
#                                writes benchmarks/results/tracing.json
#   benchmarks/run.sh --part scale,split_roles --sizes 200,1000 --seconds 5
#                                a partial run: only the named parts (http, http_api_role,
#                                pipeline_driver, scale, split_roles, jmh, startup, live, tracing,
#                                ceilings), scale/split-roles symbol counts, measured window in s;
#                                writes benchmarks/target/bench-results/partial-<timestamp>.json and
#                                never benchmarks/results/latest.*
#   benchmarks/run.sh --no-build ...   skip the Maven build (jar and classes already built)
#
# Exit status is non-zero when a part fails to run, never because a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --smoke|--live|--tracing) args+=("$1") ;;
    --part=*|--sizes=*|--seconds=*) args+=("$1") ;;
    --part|--sizes|--seconds)
      if [ $# -lt 2 ]; then echo "$1 needs a value" >&2; exit 2; fi
      args+=("$1" "$2"); shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (use --smoke, --live, --tracing, --part, --sizes, --seconds, --no-build)" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk not found: the HTTP part falls back to the Java load generator (Vert.x client)." >&2
  echo "For wrk install the Debian package:  sudo apt-get install -y wrk" >&2
fi

if [ "$build" = 1 ]; then
  ./mvnw -B -q -pl bootstrap,benchmarks -am package -DskipTests
fi

# The idle-connections part holds 10,000 sockets in the service and 10,000 in the client JVM (each
# its own process, inheriting this limit): raise the soft limit to the hard one.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 12000 ]; then
  echo "ulimit -n is $(ulimit -n): the idle-connections part needs about 10,100 descriptors per process" >&2
fi

exec java -Xmx1g -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  dev.marketdata.bench.BenchMain "$PWD" ${args[@]+"${args[@]}"}
