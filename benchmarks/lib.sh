# shellcheck shell=bash
# Shared by the benchmark shell scripts (source it): start the built dev jar on a fresh embedded
# data folder, poll symbols through its API, read its counters and its processes' CPU.
# Needs curl and python3. Each function works on the variables the caller sets: PORT (HTTP port)
# and DD (data folder); mds_start sets SVC (the service's pid).

JAR=${JAR:-bootstrap/target/market-data-service.jar}

# Starts the service in the background on $DD and waits until /health/ready answers 200. Extra
# environment (MDS_ROLES, …) is taken from the caller's environment.
mds_start() {
  MDS_HTTP_PORT=$PORT MDS_DATA_DIR=$DD MDS_LOG_LEVEL=WARN java -jar "$JAR" >> "$DD.log" 2>&1 &
  SVC=$!
  for _ in $(seq 180); do
    curl -s -o /dev/null -w "%{http_code}" "localhost:$PORT/health/ready" | grep -q 200 && return
    sleep 1
  done
  echo "service not ready, see $DD.log" >&2
  exit 1
}

mds_stop() { kill "$SVC" 2>/dev/null; wait "$SVC" 2>/dev/null || true; }

# mds_poll N PREFIX: poll jobs of 100 symbols (the API's limit), PREFIX00000 … at 1 s, simulated.
mds_poll() {
  python3 - "$PORT" "$1" "$2" <<'PY'
import json, sys, urllib.request
port, n, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for j in range((n + 99) // 100):
    symbols = ["%s%05d" % (prefix, s) for s in range(j * 100, min(n, (j + 1) * 100))]
    body = json.dumps({"symbols": symbols, "interval": 1, "provider": "simulated"}).encode()
    urllib.request.urlopen(urllib.request.Request(
        "http://127.0.0.1:%s/prices/poll" % port, data=body,
        headers={"Content-Type": "application/json"})).read()
PY
}

# mds_counter NAME: the sum of a Prometheus counter's series on /metrics (0 when absent).
mds_counter() {
  curl -s "localhost:$PORT/metrics" | awk -v n="$1" '$1 ~ "^" n "([{]|$)" {s += $2} END {print s + 0}'
}

# The embedded PostgreSQL's port, from its postmaster.pid.
mds_pg_port() { sed -n 4p "$DD/postgres/postmaster.pid"; }

# CPU ticks (utime + stime) so far of the service JVM and of the embedded PostgreSQL, as "jvm pg".
# PostgreSQL's: its postmaster's own and its exited children's (autovacuum workers come and go),
# plus its current children's.
mds_ticks() {
  local pm pg t
  pm=$(head -1 "$DD/postgres/postmaster.pid")
  pg=$(awk '{print $16 + $17}' "/proc/$pm/stat")
  for p in $pm $(pgrep -P "$pm"); do
    t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    pg=$((pg + t))
  done
  echo "$(awk '{print $14 + $15}' "/proc/$SVC/stat") $pg"
}
