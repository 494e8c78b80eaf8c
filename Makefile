# Intercom Go client: code generation and tests. See README.md.
GO ?= go

# Where descriptions come from: a local copy of intercom/Intercom-OpenAPI when
# one sits beside the checkout (as in CI), otherwise the pinned upstream commit.
INTERCOM_OPENAPI_DIR ?= $(abspath $(wildcard ../shared/intercom-openapi))
export INTERCOM_OPENAPI_DIR

GEN := $(GO) run ./api/cmd/intercomgen

.PHONY: all generate fetch check-versions test vet example fuzz-retries

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

## vet: go vet and gofmt
vet:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^gen/')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## test: every test of the module
test: vet
	$(GO) test ./...

## fuzz-retries: fuzz retry and rate-limit header handling for FUZZTIME (default 20s)
fuzz-retries:
	$(GO) test ./facade -run '^$$' -fuzz '^FuzzRetryHeaders$$' -fuzztime $(or $(FUZZTIME),20s)
