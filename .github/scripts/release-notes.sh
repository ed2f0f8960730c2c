#!/usr/bin/env bash
# Prints one version's section of a Keep-a-Changelog file: the lines under its "## [VERSION]"
# heading (or "## VERSION"), up to the next "## " heading, without the heading itself, the
# surrounding blank lines, or link reference definitions ("[x]: url"). release.yml uses it for
# the GitHub release notes of a tag.
#
# usage: .github/scripts/release-notes.sh VERSION [CHANGELOG.md]
#        VERSION without the tag's "v" (1.2.0, 1.2.0-rc.1), or Unreleased to preview
# exit status: 0 with the notes on stdout; 1 if the file has no such section or it is empty;
#              2 on bad usage
set -euo pipefail
if [[ $# -lt 1 || $# -gt 2 || -z "$1" ]]; then
  echo "usage: $0 VERSION [CHANGELOG.md]" >&2
  exit 2
fi
version="$1"
changelog="${2:-CHANGELOG.md}"
if [[ ! -f "$changelog" ]]; then
  echo "release-notes.sh: no file $changelog" >&2
  exit 2
fi

notes="$(
  awk -v version="$version" '
    # The version a "## " heading names: "[1.2.0] - 2026-12-01" or "1.2.0 - 2026-12-01".
    function heading_version(line) {
      sub(/^##[ \t]+/, "", line)
      if (match(line, /^\[[^]]+\]/)) return substr(line, 2, RLENGTH - 2)
      sub(/[ \t].*$/, "", line)
      return line
    }
    /^##[ \t]/ {
      if (inside) exit
      if (heading_version($0) == version) inside = 1
      next
    }
    inside && /^\[[^]]+\]:[ \t]/ { next }
    inside { lines[++n] = $0 }
    END {
      first = 1
      while (first <= n && lines[first] ~ /^[ \t]*$/) first++
      last = n
      while (last >= first && lines[last] ~ /^[ \t]*$/) last--
      for (i = first; i <= last; i++) print lines[i]
    }
  ' "$changelog"
)"

if [[ -z "$notes" ]]; then
  echo "release-notes.sh: $changelog has no section \"## [$version]\", or it is empty" >&2
  exit 1
fi
printf '%s\n' "$notes"
