#!/usr/bin/env bash
# What a user's module pays for the client: builds README's first program as
# a throwaway module against this checkout,
# offline from the module cache, and fails when `go mod tidy` puts a code
# generation module in its go.sum (the generator is a module of its own,
# api/go.mod, so none should be reachable from the client's packages or
# their tests), or when a program pinned to one version compiles another
# version's package.
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
# The program is README's first two Go blocks, as a new user would paste
# them: the imports, then the body of main.
block() { awk -v want="$1" '/^```go$/ {n++; if (n == want) {on=1; next}} on && /^```$/ {exit} on {print}' "$root/README.md"; }
{
  cat <<'GO'
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
)

GO
  block 1
  echo
  echo "func main() {"
  echo "	ctx := context.Background()"
  block 2 | sed 's/^/\t/'
  echo "}"
} >"$work/main.go"
grep -q 'gen/v2_16"' "$work/main.go" || { echo "usercost: README's first program does not import gen/v2_16" >&2; exit 1; }

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
got=$(go list -deps . | grep '/gen/' | sed 's#.*/gen/##' | tr '\n' ' ')
if [ "$got" != "v2_16 " ]; then
  echo "usercost: README's program (API 2.16) compiles gen packages: $got" >&2
  exit 1
fi
echo "usercost: README's program compiles gen/v2_16 and no other gen package"

# A program pinned to each version compiles that version's package and no
# other gen/ package (facade imports none).
for pkg in $(cd "$root/gen" && ls -d */ | tr -d /); do
  mkdir -p "pin_$pkg"
  cat >"pin_$pkg/main.go" <<GO
package main

import (
	"fmt"
	"log"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/$pkg"
)

func main() {
	c, err := $pkg.New(facade.WithToken("token"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Version(), len(c.Operations()))
}
GO
  go build -o /dev/null "./pin_$pkg"
  got=$(go list -deps "./pin_$pkg" | grep '/gen/' | sed 's#.*/gen/##' | tr '\n' ' ')
  if [ "$got" != "$pkg " ]; then
    echo "usercost: a program pinned to gen/$pkg compiles gen packages: $got" >&2
    exit 1
  fi
  echo "usercost: pinned to gen/$pkg, a program compiles gen/$pkg and no other gen package"
done

# The engine is compiled once, in facade. A generated package may
# instantiate only the facade's small typed helpers (per listing, the shell
# Paginate and Items; the services' ErrSeq, FirstNonNil, Deref), never the
# listing's loop, fetcher or read-ahead: instantiated once per operation,
# those were a tenth of a version's compile (issue 15).
allowed='facade\.(Paginate|Items|Page|ErrSeq|FirstNonNil|Deref|DerefNullable|Ptr)\['
for pkg in $(cd "$root/gen" && ls -d */ | tr -d /); do
  obj=$(go list -export -f '{{.Export}}' "github.com/intercom-go/intercom/gen/$pkg")
  extra=$(go tool nm "$obj" | awk '$2 == "T" {print $3}' | grep -oE 'intercom-go/intercom/facade\.[^[]*\[' | sort -u | grep -vE "$allowed" || true)
  if [ -n "$extra" ]; then
    echo "usercost: gen/$pkg compiles its own copy of these facade generics:" >&2
    echo "$extra" >&2
    exit 1
  fi
  # Whole-document decodes go through one run<T> function per type over
  # jsonx.RunFunc: a generic entry (jsonx.Run, RunBody) is compiled twice
  # per type, and an inlined run<T> compiles its closure at every call.
  dup=$(go tool nm "$obj" | awk '$2 == "T" {print $3}' | grep -E 'internal/jsonx\.(Run|RunBody)\[|gen/'"$pkg"'\.[^ ]+\.run[A-Z][A-Za-z0-9_]*\.func[0-9]+$' || true)
  if [ -n "$dup" ]; then
    echo "usercost: gen/$pkg compiles per-type or per-call copies of its decode entries, such as:" >&2
    echo "$dup" | head -5 >&2
    exit 1
  fi
  # The decoders' tables are laid out by the compiler, not set by the
  # package's init function, which would keep every table in every binary.
  init=$(go tool nm -size "$obj" | awk '$3 == "T" && $4 ~ /gen\/'"$pkg"'\.init$/ {print $2}')
  if [ "${init:-0}" -gt 4096 ]; then
    echo "usercost: gen/$pkg's init function is $init bytes: a package-level variable is no longer statically initialised" >&2
    exit 1
  fi
done
echo "usercost: gen packages instantiate only the facade's typed shells, one decode entry per type, and set no tables at init"
