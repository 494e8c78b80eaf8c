#!/usr/bin/env bash
# Runs every Fuzz target of the module, one at a time, for a bounded time
# each (go test allows -fuzz on one target per run). Usage: fuzz.sh 10s, or 10000x for a count
set -euo pipefail
fuzztime="${1:-30s}"
grep -l --include='*_test.go' -r -E '^func Fuzz[A-Za-z0-9_]*\(' . | grep -v -e '^./gen/' -e '/.cache/' |
  while read -r file; do
    dir=$(dirname "$file")
    for target in $(grep -o -E '^func Fuzz[A-Za-z0-9_]*' "$file" | sed 's/^func //'); do
      echo "== fuzz $dir $target ($fuzztime)"
      go test "$dir" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"
    done
  done
