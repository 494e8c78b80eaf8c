#!/usr/bin/env bash
# Installs what CI needs on a fresh machine that has Go, Node and the usual
# build tools. Idempotent: a machine that already has everything skips it.
set -euo pipefail

need=()
command -v git >/dev/null || need+=(git)
command -v make >/dev/null || need+=(make)
command -v gcc >/dev/null || need+=(gcc) # cgo, for make race
command -v redis-server >/dev/null || need+=(redis-server) # facade/redislimit's tests
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${need[@]}"
fi
go mod download
(cd facade/redislimit && go mod download)
# The generator and the conformance suite are modules of their own.
(cd api && go mod download)
(cd conformance && go mod download)
