#!/usr/bin/env bash
# Runs the Postman collection with newman against the built service jar in embedded mode
# (in-process PostgreSQL and Kafka, simulated provider), then stops the service and removes its
# data, whatever happened. Exit status: newman's (non-zero when any assertion failed), or non-zero
# when the service could not be started.
#
#   MDS_JAR                    jar to run (default bootstrap/target/market-data-service.jar, the dev
#                              jar, which needs market-data-service-slim.jar beside it)
#   MDS_READY_TIMEOUT_SECONDS  how long to wait for /health/ready (default 180)
#   MDS_TOOLS_DIR              cache for the npm-installed newman (default ~/.cache/market-data-service)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="${MDS_JAR:-$root/bootstrap/target/market-data-service.jar}"
collection="$root/docs/postman/market-data-service.postman_collection.json"
environment="$root/docs/postman/local.postman_environment.json"
ready_timeout="${MDS_READY_TIMEOUT_SECONDS:-180}"
shutdown_timeout=30

if [[ ! -f "$jar" ]]; then
  echo "newman.sh: no jar at $jar; build it first (./mvnw -B -DskipTests package)" >&2
  exit 2
fi

newman_version=6.2.2
tools="${MDS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/market-data-service}/newman-$newman_version"
if [[ ! -x "$tools/node_modules/.bin/newman" ]]; then
  echo "newman.sh: installing newman@$newman_version into $tools"
  mkdir -p "$tools"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tools" "newman@$newman_version" >&2
fi

work="$(mktemp -d)"
pid=""
stop_service() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2> /dev/null; then
    kill -TERM "$pid" 2> /dev/null || true
    for _ in $(seq $((shutdown_timeout + 10))); do
      kill -0 "$pid" 2> /dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2> /dev/null; then
      echo "newman.sh: service did not stop within $((shutdown_timeout + 10)) s; killing it" >&2
      kill -KILL "$pid" 2> /dev/null || true
    fi
    wait "$pid" 2> /dev/null || true
  fi
}
cleanup() {
  local rc=$?
  stop_service
  if [[ $rc -ne 0 && -f "$work/service.log" ]]; then
    echo "newman.sh: last lines of the service log:" >&2
    tail -n 40 "$work/service.log" >&2
  fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
api_key="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
base_url="http://127.0.0.1:$port"

# Embedded mode: no external database or broker, no provider keys (so finnhub and alpha_vantage
# are listed unavailable and the simulated provider is the default); an API key so the 401 path
# and the X-API-Key header are exercised too.
echo "newman.sh: starting $jar on port $port (data in $work/data)"
env -u MDS_DATABASE_URL -u MDS_KAFKA_BOOTSTRAP_SERVERS -u FINNHUB_API_KEY -u ALPHA_VANTAGE_API_KEY \
  -u MDS_DEFAULT_PROVIDER -u MDS_PROVIDERS -u MDS_FALLBACK_PROVIDERS -u MDS_ROLES \
  MDS_HTTP_PORT="$port" MDS_DATA_DIR="$work/data" MDS_API_KEY="$api_key" \
  MDS_SHUTDOWN_TIMEOUT_SECONDS="$shutdown_timeout" \
  java -jar "$jar" > "$work/service.log" 2>&1 &
pid=$!

deadline=$((SECONDS + ready_timeout))
until curl -fsS -o /dev/null "$base_url/health/ready" 2> /dev/null; do
  if ! kill -0 "$pid" 2> /dev/null; then
    echo "newman.sh: the service exited before it was ready" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "newman.sh: /health/ready did not answer 200 within $ready_timeout s" >&2
    exit 1
  fi
  sleep 1
done
echo "newman.sh: service ready after $((SECONDS - deadline + ready_timeout)) s"

status=0
"$tools/node_modules/.bin/newman" run "$collection" \
  --environment "$environment" \
  --env-var "baseUrl=$base_url" \
  --env-var "apiKey=$api_key" \
  --timeout-request 30000 \
  --color off \
  --reporters cli,json \
  --reporter-json-export "$work/newman.json" || status=$?

if [[ -f "$work/newman.json" ]]; then
  node -e '
    const run = require(process.argv[1]).run;
    const a = run.stats.assertions, r = run.stats.requests;
    console.log(`newman: ${r.total} requests, ${r.failed} failed to complete`);
    console.log(`newman: ${a.total - a.failed} passed, ${a.failed} failed`);
  ' "$work/newman.json"
fi
exit $status
