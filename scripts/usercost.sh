#!/usr/bin/env bash
# What a user's module pays for the client: builds README's first program as
# a throwaway module against this checkout,
# offline from the module cache, and fails when `go mod tidy` puts a code
# generation module in its go.sum (the generator is a module of its own,
# api/go.mod, so none should be reachable from the client's packages or
# their tests). It also prints which gen/ packages the program compiles.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/go.mod" <<MOD
module example.com/usercost

go 1.25.0

require github.com/intercom-go/intercom v0.0.0

replace github.com/intercom-go/intercom => $root
MOD
# The program is README's first Go block, as a new user would paste it.
{
  cat <<'GO'
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/search"
)

func main() {
	ctx := context.Background()
GO
  awk '/^```go$/ {on=1; next} on && /^```$/ {exit} on {print "\t" $0}' "$root/README.md"
  echo "}"
} >"$work/main.go"

cd "$work"
# Offline: everything must already be in the module cache (go mod download
# of the client's module fills it), as it is for a user after go get.
export GOPROXY=off GONOSUMDB='*'
export GOFLAGS=-mod=mod
go mod tidy
go build -o /dev/null .

# Modules that only the generator needs: none may reach a user's go.sum.
generator='^(github\.com/oapi-codegen/oapi-codegen/v2|github\.com/getkin/kin-openapi|github\.com/speakeasy-api/|golang\.org/x/tools|gopkg\.in/yaml\.v3|github\.com/oasdiff/|github\.com/pb33f/)[ /]'
if grep -E "$generator" go.sum; then
  echo "usercost: a user's go.sum names the code generator's modules above" >&2
  exit 1
fi
echo "usercost: go.sum names $(cut -d' ' -f1 go.sum | sort -u | wc -l) modules, no generator module"
echo "usercost: gen packages compiled into the program:"
go list -deps . | grep '/gen/' | sed 's/^/  /'
