# Intercom Go client: code generation and tests. See README.md.
GO ?= go
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

# Where descriptions come from: a local copy of intercom/Intercom-OpenAPI when
# one sits beside the checkout (as in CI), otherwise the pinned upstream commit.
INTERCOM_OPENAPI_DIR ?= $(abspath $(wildcard ../shared/intercom-openapi))
export INTERCOM_OPENAPI_DIR

GEN := $(GO) run ./api/cmd/intercomgen

.PHONY: all generate fetch check-versions diff test vet examples

all: generate test

## generate: regenerate gen/ for every pinned version; VERSION=2.15 adds or refreshes one (COMMIT= to move its pin)
generate:
	$(GEN) generate $(if $(VERSION),-version $(VERSION)) $(if $(COMMIT),-commit $(COMMIT))

## fetch: download (or copy) and verify every pinned description into .cache/
fetch:
	$(GEN) fetch $(if $(VERSION),-version $(VERSION))

## check-versions: generate, build and vet every pinned upstream version in .cache/check
check-versions:
	$(GEN) check-versions

## diff: what changes between two pinned versions, e.g. make diff FROM=2.14 TO=2.16
diff:
	@test -n "$(FROM)" -a -n "$(TO)" || { echo "usage: make diff FROM=2.14 TO=2.16"; exit 2; }
	$(GEN) diff -from $(FROM) -to $(TO)

## vet: go vet and gofmt
vet:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^gen/')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## test: every test of the module, then the per-version example counts
test: vet
	$(GO) test ./...
	@$(MAKE) --no-print-directory examples

## examples: decode every JSON example of each generated version into its types and print the counts
examples:
	@$(GO) test -count=1 -v -run TestDescriptionExamples ./gen/... | grep -E 'response examples|example does not decode|^(ok|FAIL|---)'
