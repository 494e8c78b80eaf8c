# Intercom Go client: code generation and tests. See README.md.
GO ?= go

# Where descriptions come from: a local copy of intercom/Intercom-OpenAPI when
# one sits beside the checkout (as in CI), otherwise the pinned upstream commit.
INTERCOM_OPENAPI_DIR ?= $(abspath $(wildcard ../shared/intercom-openapi))
export INTERCOM_OPENAPI_DIR

GEN := $(GO) run ./api/cmd/intercomgen

.PHONY: all generate fetch check-versions test vet example bench bench-smoke test-codec fuzz-codec

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

## bench: every benchmark on loopback, printed as one Markdown table (BENCHMARKS.md); installs the Node SDK into .cache/bench-node
bench:
	$(GO) run ./bench/cmd/bench $(BENCHFLAGS)

## bench-smoke: the benchmark harness end to end with tiny sizes (CI)
bench-smoke:
	$(GO) run ./bench/cmd/bench -contacts 1500 -runs 1 -stream-small 1500 -stream-big 15000 -generate=false -cold=false -jsonv2=false

## test-codec: the decoder differential tests under encoding/json's GOEXPERIMENT=jsonv2 implementation, and with the intercom_stdjson tag
test-codec:
	GOEXPERIMENT=jsonv2 $(GO) test ./internal/codectest/ ./internal/jsonx/
	$(GO) test -tags intercom_stdjson ./internal/codectest/ ./internal/jsonx/

## fuzz-codec: fuzz DecodeJSON against encoding/json for FUZZTIME (default 60s)
fuzz-codec:
	$(GO) test ./internal/codectest/ -run '^$$' -fuzz FuzzDecodeLikeEncodingJSON -fuzztime $(or $(FUZZTIME),60s)
