#!/usr/bin/env bash
# Runs every Fuzz target of the module, one at a time, for a bounded time
# each (go test allows -fuzz on one target per run). Usage: fuzz.sh 10s
set -euo pipefail
fuzztime="${1:-30s}"
for pkg in $(go list ./... | grep -v '/gen/'); do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    echo "== fuzz $pkg $target ($fuzztime)"
    go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"
  done
done
