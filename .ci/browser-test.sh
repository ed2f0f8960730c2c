#!/usr/bin/env bash
# Browser test of the live page (e2e/live-page.test.mjs): installs Chromium from the distribution
# (Debian/Ubuntu apt, as root or through sudo; nothing to do when it is already there), installs the
# pinned playwright-core with npm ci, and runs the test against the built dev jar.
#
#   MDS_JAR             jar to run (default bootstrap/target/market-data-service.jar, the dev jar,
#                       which needs market-data-service-slim.jar beside it)
#   CHROMIUM            browser binary (default /usr/bin/chromium, installed when missing)
#   UPDATE_SCREENSHOTS  1 writes docs/screenshots/live-page.png and live-page-phone.png
#
# usage: .ci/browser-test.sh     exit status: the test's (0 only when every check passed)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="${MDS_JAR:-$root/bootstrap/target/market-data-service.jar}"
browser="${CHROMIUM:-/usr/bin/chromium}"

if [[ ! -f "$jar" ]]; then
  echo "browser-test.sh: no jar at $jar; build it first (./mvnw -B -DskipTests package)" >&2
  exit 2
fi

if [[ ! -x "$browser" ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    sudo=()
  elif command -v sudo > /dev/null; then
    sudo=(sudo -n)
  else
    echo "browser-test.sh: no $browser, and neither root nor sudo to install it" >&2
    exit 2
  fi
  echo "browser-test.sh: installing chromium with apt-get"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
fi
echo "browser-test.sh: $("$browser" --version 2> /dev/null | head -n 1)"

cd "$root/e2e"
npm ci --no-audit --no-fund --loglevel=error
CHROMIUM="$browser" MDS_JAR="$jar" node live-page.test.mjs
