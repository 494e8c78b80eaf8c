# Intercom Go client: code generation and tests. See README.md.
GO ?= go
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

# Where descriptions come from: a local copy of intercom/Intercom-OpenAPI when
# one sits beside the checkout (as in CI), otherwise the pinned upstream commit.
INTERCOM_OPENAPI_DIR ?= $(abspath $(wildcard ../shared/intercom-openapi))
export INTERCOM_OPENAPI_DIR

# The generator is a module of its own (api/go.mod), so that the client's
# users download none of its dependencies; it finds the repository root itself.
GEN := $(GO) -C api run ./cmd/intercomgen

# Modules of this repository besides the client's: the generator and the
# Prism conformance suite (each with a replace to the client beside it).
# facade/redislimit, a module of its own too, needs Redis: make redislimit.
DEV_MODULES := api conformance

.PHONY: usercost all generate fetch check-versions diff test unit race vet redislimit examples fuzz example prism conformance bench bench-smoke test-codec fuzz-codec

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

## vet: go vet (every module of the repository) and gofmt
vet:
	$(GO) vet ./...
	@for m in $(DEV_MODULES); do echo "$(GO) -C $$m vet ./..."; $(GO) -C $$m vet ./... || exit 1; done
	$(GO) -C conformance vet -tags conformance ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^gen/')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## test: all tests: vet, unit tests, what a user's module pays, the race detector on the concurrent code, the Redis limiter's module, Prism conformance, then the per-version example counts
test: vet unit usercost race redislimit conformance examples

## redislimit: vet and test the separate module facade/redislimit (with -race) against a real redis-server:
## REDIS_ADDR, or one it starts from redis-server on PATH; under CI=true a missing Redis fails
redislimit:
	cd facade/redislimit && $(GO) vet ./... && $(GO) test -race -count=1 ./...

## unit: go test in every module of the repository (no external tools needed)
unit:
	$(GO) test ./...
	@for m in $(DEV_MODULES); do echo "$(GO) -C $$m test ./..."; $(GO) -C $$m test ./... || exit 1; done

## usercost: build a throwaway user module against this checkout, offline, and fail if it needs a generator module (scripts/usercost.sh)
usercost:
	scripts/usercost.sh

## race: the facade (iterators read ahead on goroutines, the pacer, retries) and jsonx under the race detector
race:
	$(GO) test -race ./facade/... ./internal/jsonx/

## examples: decode every JSON example of each generated version into its types and print the counts
examples:
	@$(GO) -C api test -count=1 -v -run TestDescriptionExamples ./examplecheck/ | grep -E 'response examples|example does not decode|^(ok|FAIL|---)'

## fuzz: run every fuzz target of the module for FUZZTIME each (their seed corpora also run in make test)
FUZZTIME ?= 30s
fuzz:
	scripts/fuzz.sh $(FUZZTIME)

## prism: install the pinned Stoplight Prism (tools/prism/package-lock.json) under tools/prism/node_modules
PRISM := tools/prism/node_modules/.bin/prism
prism: $(PRISM)
$(PRISM): tools/prism/package.json tools/prism/package-lock.json
	npm ci --prefix tools/prism --no-audit --no-fund
	@touch $@

## conformance: drive every operation of every generated version against Prism (needs npm and the descriptions)
CONFORMANCE_VERSIONS := 2.11 2.14 2.16 0
conformance: prism
	@mkdir -p .cache/wire
	@for v in $(CONFORMANCE_VERSIONS); do $(GEN) normalize -wire -version $$v -o $(CURDIR)/.cache/wire/$$v.json || exit 1; done
	$(GO) -C conformance test -tags conformance -count=1 -v ./... | grep -E '^(conformance|ok|FAIL|---|panic)|operations|violation|Error'

## example: run the quickstart against intercomtest, or against Intercom when INTERCOM_TOKEN is set
example:
	$(GO) run ./examples/quickstart

## bench: every benchmark on loopback, printed as one Markdown table (BENCHMARKS.md); installs the Node SDK into .cache/bench-node
bench:
	$(GO) run ./bench/cmd/bench $(BENCHFLAGS)

## bench-smoke: the benchmark harness end to end with tiny sizes (CI)
bench-smoke:
	$(GO) run ./bench/cmd/bench -contacts 1500 -runs 1 -stream-small 1500 -stream-big 15000 -generate=false -cold=false -jsonv2=false -pacer-requests 40 -pacer-limit 20 \
		-net-contacts 3000 -net-latency 20ms -shared-contacts 3000 -shared-limit 100

## test-codec: the decoder differential tests under encoding/json's GOEXPERIMENT=jsonv2 implementation, and with the intercom_stdjson tag (with the facade's tests)
test-codec:
	GOEXPERIMENT=jsonv2 $(GO) test ./internal/codectest/ ./internal/jsonx/
	$(GO) test -tags intercom_stdjson ./internal/codectest/ ./internal/jsonx/ ./facade/...

## fuzz-codec: fuzz DecodeJSON against encoding/json for FUZZTIME
fuzz-codec:
	$(GO) test ./internal/codectest/ -run '^$$' -fuzz FuzzDecodeLikeEncodingJSON -fuzztime $(FUZZTIME)
