#!/usr/bin/env bash
# What a user's module pays for the client: builds a throwaway module that
# imports facade (as README's first program does) against this checkout,
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
cat >"$work/main.go" <<'GO'
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/intercom-go/intercom/facade"
)

func main() {
	c, err := facade.New(facade.WithToken(os.Getenv("INTERCOM_TOKEN")))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for contact, err := range c.ListContacts(context.Background(), nil) {
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(contact.Id)
	}
}
GO

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
