#!/usr/bin/env bash
# The one command for the benchmarks. Builds the service jar and this module, then runs every part
# against this machine and writes benchmarks/results/latest.{json,md,png}.
#
#   benchmarks/run.sh            full run (about 11-13 minutes on 2 cores, the live parts included)
#   benchmarks/run.sh --smoke    a tiny version of every part (CI); results in benchmarks/target/bench-results
#   benchmarks/run.sh --live     only the live parts (SSE latency, idle SSE connections, about 2.5 minutes);
#                                writes benchmarks/results/live.{json,md} and leaves latest.* alone
#                                (with --smoke: tiny sizes, into benchmarks/target/bench-results)
#   benchmarks/run.sh --tracing  only the HTTP hot path, tracing off then on, twice (about 3 minutes);
#                                writes benchmarks/results/tracing.json
#   benchmarks/run.sh --no-build ...   skip the Maven build (jar and classes already built)
#
# Exit status is non-zero when a part fails to run, never because a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --smoke) args+=("--smoke") ;;
    --live) args+=("--live") ;;
    --tracing) args+=("--tracing") ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option: $a (use --smoke, --live, --tracing, --no-build)" >&2; exit 2 ;;
  esac
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
