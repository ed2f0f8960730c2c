#!/usr/bin/env bash
# Lints the published OpenAPI document with an outside linter, Redocly CLI (its built-in
# "recommended" rules: structure, security declared on every operation, resolvable references,
# ...), and checks that docs/openapi.yaml is byte for byte the copy the service serves.
# Errors fail the script; warnings are printed and counted but do not fail it.
#
#   MDS_TOOLS_DIR  cache for the npm-installed linter (default ~/.cache/market-data-service)
#
# usage: .ci/lint-openapi.sh            exit status 0 only with zero errors and identical copies
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
document="$root/docs/openapi.yaml"
served="$root/adapters-http/src/main/resources/openapi.yaml"

# Pinned, installed once into a cache directory outside the work tree.
redocly_version=2.77.0
tools="${MDS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/market-data-service}/redocly-cli-$redocly_version"
if [[ ! -x "$tools/node_modules/.bin/redocly" ]]; then
  echo "lint-openapi.sh: installing @redocly/cli@$redocly_version into $tools"
  mkdir -p "$tools"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tools" \
    "@redocly/cli@$redocly_version" >&2
fi

status=0
if cmp -s "$document" "$served"; then
  echo "ok    docs/openapi.yaml is identical to the served copy"
else
  echo "FAIL  docs/openapi.yaml differs from adapters-http/src/main/resources/openapi.yaml"
  status=1
fi

# No telemetry from CI; the codeframe format shows each problem with its line.
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$tools/node_modules/.bin/redocly" lint --format=codeframe "$document" || status=1

if [[ $status -eq 0 ]]; then echo "OpenAPI lint: passed"; else echo "OpenAPI lint: FAILED"; fi
exit $status
