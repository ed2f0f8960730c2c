#!/usr/bin/env bash
# The one command for the benchmarks. Builds the service jar and this module, then runs every part
# against this machine and writes benchmarks/results/latest.{json,md,png}.
#
#   benchmarks/run.sh            full run (about 8-10 minutes on 2 cores)
#   benchmarks/run.sh --smoke    a tiny version of every part (CI); results in benchmarks/target/bench-results
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
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $a (use --smoke, --no-build)" >&2; exit 2 ;;
  esac
done

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk not found: the HTTP part falls back to the Java load generator (Vert.x client)." >&2
  echo "For wrk install the Debian package:  sudo apt-get install -y wrk" >&2
fi

if [ "$build" = 1 ]; then
  ./mvnw -B -q -pl bootstrap,benchmarks -am package -DskipTests
fi

exec java -Xmx1g -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  dev.marketdata.bench.BenchMain "$PWD" ${args[@]+"${args[@]}"}
