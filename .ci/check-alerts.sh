#!/usr/bin/env bash
# Checks the Prometheus alert rules: `promtool check rules ops/prometheus/alerts.yml` (syntax,
# PromQL, templates) and `promtool test rules ops/prometheus/alerts.test.yml` (each alert's unit
# tests, firing and not firing). Installs promtool from the distribution when it is missing
# (Debian/Ubuntu package `prometheus`, with apt-get as root or through sudo, as browser-test.sh
# installs chromium).
#
# usage: .ci/check-alerts.sh     exit status 0 only when both checks passed
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v promtool > /dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    sudo=()
  elif command -v sudo > /dev/null; then
    sudo=(sudo -n)
  else
    echo "check-alerts.sh: no promtool, and neither root nor sudo to install it" >&2
    exit 2
  fi
  echo "check-alerts.sh: installing prometheus (for promtool) with apt-get"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus
fi
echo "check-alerts.sh: $(promtool --version 2>&1 | head -n 1)"

cd "$root/ops/prometheus"
promtool check rules alerts.yml
promtool test rules alerts.test.yml
echo "alert rules: all checks passed"
