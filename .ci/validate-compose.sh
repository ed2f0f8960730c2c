#!/usr/bin/env bash
# Validates the operations files without a Docker engine:
#   - docker-compose.yml, after compose-style ${VAR} interpolation with the values documented in
#     .env.example, against the Compose Specification JSON schema (the copy the dclint npm package
#     ships), plus what the schema cannot express (depends_on targets and their healthchecks,
#     declared volumes, existing bind-mount sources, host port clashes, secrets only as ${VAR});
#   - ops/prometheus/prometheus.yml and the Grafana provisioning files parse as YAML and point at
#     the right services; the Grafana dashboard parses as JSON and every panel has a query;
#   - with promtool installed (Debian package `prometheus`): `promtool check config` on the
#     Prometheus configuration and `promtool check rules` on every dashboard query as PromQL.
#     Without it those two checks are reported as SKIPPED (MDS_REQUIRE_PROMTOOL=1 makes that fail).
# Not checked: that the images exist, that containers start, or what the services do at run time.
#
# usage: .ci/validate-compose.sh [compose-file]        exit status 0 only if every check passed
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
compose_file="$(realpath "${1:-$root/docker-compose.yml}")"

# npm packages, pinned, installed once into a cache directory outside the work tree.
packages=(ajv@8.20.0 yaml@2.9.1 dclint@3.1.0)
tools="${MDS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/market-data-service}/validate-compose-$(echo "${packages[*]}" | sha1sum | cut -c1-12)"
if [[ ! -f "$tools/.installed" ]]; then
  echo "installing ${packages[*]} into $tools"
  mkdir -p "$tools"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tools" "${packages[@]}" >&2
  touch "$tools/.installed"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
node "$root/.ci/validate-compose.mjs" "$tools" "$root" "$compose_file" "$work/dashboard-queries.yml" || status=1

if command -v promtool > /dev/null; then
  if promtool check config --syntax-only "$root/ops/prometheus/prometheus.yml" > "$work/promtool.log" 2>&1; then
    echo "ok    promtool check config: ops/prometheus/prometheus.yml"
  else
    echo "FAIL  promtool check config: ops/prometheus/prometheus.yml"; sed 's/^/      /' "$work/promtool.log"; status=1
  fi
  if [[ -f "$work/dashboard-queries.yml" ]]; then
    if promtool check rules "$work/dashboard-queries.yml" > "$work/promtool.log" 2>&1; then
      echo "ok    promtool check rules: every dashboard query is valid PromQL ($(grep -c 'expr:' "$work/dashboard-queries.yml") queries)"
    else
      echo "FAIL  promtool check rules: a dashboard query is not valid PromQL"; sed 's/^/      /' "$work/promtool.log"; status=1
    fi
  fi
elif [[ "${MDS_REQUIRE_PROMTOOL:-0}" == 1 ]]; then
  echo "FAIL  promtool is not installed (apt-get install prometheus) and MDS_REQUIRE_PROMTOOL=1"; status=1
else
  echo "SKIPPED promtool checks (Prometheus config semantics, PromQL of the dashboard): promtool not installed"
fi

if [[ $status -eq 0 ]]; then echo "compose and ops files: all checks passed"; else echo "compose and ops files: checks FAILED"; fi
exit $status
