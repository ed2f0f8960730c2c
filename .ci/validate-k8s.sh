#!/usr/bin/env bash
# Validates the Kubernetes manifests under deploy/k8s without a cluster (see validate-k8s.mjs for
# what is checked): each object against the Kubernetes OpenAPI schemas that the npm package
# kubernetes-models ships, plus the references and settings the schemas cannot express, plus the
# README configuration table for every environment variable. Then it proves the checks bite: the
# broken manifests in .ci/fixtures/k8s-broken must fail, each with the failure it was made for.
# Not checked: that a cluster accepts them (admission, quotas), that the image runs, what it does.
#
#   MDS_TOOLS_DIR  cache for the npm-installed packages (default ~/.cache/market-data-service)
#
# usage: .ci/validate-k8s.sh [manifest-dir]        exit status 0 only if every check passed
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
manifests="$(realpath "${1:-$root/deploy/k8s}")"

# npm packages, pinned (kubernetes-models' own dependencies too), installed once into a cache
# directory outside the work tree.
packages=(kubernetes-models@5.1.0 @kubernetes-models/validate@5.0.2 @kubernetes-models/base@6.0.1
  @kubernetes-models/apimachinery@3.0.2 yaml@2.9.1)
tools="${MDS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/market-data-service}/validate-k8s-$(echo "${packages[*]}" | sha1sum | cut -c1-12)"
if [[ ! -f "$tools/.installed" ]]; then
  echo "installing ${packages[*]} into $tools"
  mkdir -p "$tools"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tools" "${packages[@]}" >&2
  touch "$tools/.installed"
fi

status=0
node "$root/.ci/validate-k8s.mjs" "$tools" "$root" "$manifests" || status=1

# The negative check: each broken fixture must fail, with the message its defect should cause.
fixtures="$root/.ci/fixtures/k8s-broken"
expected=(
  "schema (apps/v1 Deployment): /spec/replicas must be integer"
  "schema (apps/v1 Deployment): /spec/template/spec/containers/0/ports/0/containerPort must be integer"
  'unknown kind "Deploymnet" for apiVersion "apps/v1"'
  'unknown kind "HorizontalPodAutoscaler" for apiVersion "autoscaling/v9"'
  "YAML: Map keys must be unique"
  "readinessProbe must probe /health/ready, not /health/live"
  "terminationGracePeriodSeconds 30 must exceed MDS_SHUTDOWN_TIMEOUT_SECONDS 30"
  "sets MDS_POLL_INTERVAL, which is not in the README configuration table"
  "MDS_DATABASE_URL must be empty or a REPLACE_ME placeholder"
)
if out="$(node "$root/.ci/validate-k8s.mjs" "$tools" "$root" "$fixtures" 2>&1)"; then
  echo "FAIL  the validator accepted the broken fixtures in .ci/fixtures/k8s-broken"; status=1
else
  missing=0
  for e in "${expected[@]}"; do
    if ! grep -qF -- "$e" <<< "$out"; then echo "FAIL  broken fixture not reported: $e"; missing=1; fi
  done
  if [[ $missing -eq 0 ]]; then
    echo "ok    the validator rejects the broken fixtures with all ${#expected[@]} expected failures"
  else
    status=1; echo "      the validator said:"; sed 's/^/      /' <<< "$out"
  fi
fi

if [[ $status -eq 0 ]]; then echo "Kubernetes manifests: all checks passed"; else echo "Kubernetes manifests: checks FAILED"; fi
exit $status
