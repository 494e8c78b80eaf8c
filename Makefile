# Intercom Go client: code generation and tests. See README.md.
GO ?= go

# Where descriptions come from: a local copy of intercom/Intercom-OpenAPI when
# one sits beside the checkout (as in CI), otherwise the pinned upstream commit.
INTERCOM_OPENAPI_DIR ?= $(abspath $(wildcard ../shared/intercom-openapi))
export INTERCOM_OPENAPI_DIR

GEN := $(GO) run ./api/cmd/intercomgen

.PHONY: all generate fetch check-versions test vet example prism conformance

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

## prism: install the pinned Stoplight Prism (tools/prism/package-lock.json) under tools/prism/node_modules
PRISM := tools/prism/node_modules/.bin/prism
prism: $(PRISM)
$(PRISM): tools/prism/package.json tools/prism/package-lock.json
	npm ci --prefix tools/prism --no-audit --no-fund
	@touch $@

## conformance: drive every operation of every generated version against Prism (needs npm and the descriptions)
CONFORMANCE_VERSIONS := 2.11 2.14 2.16 0
conformance: prism
	@mkdir -p .cache/normalized
	@for v in $(CONFORMANCE_VERSIONS); do $(GEN) normalize -version $$v -o .cache/normalized/$$v.json || exit 1; done
	$(GO) test -tags conformance -count=1 -v ./conformance

## example: run the quickstart against intercomtest, or against Intercom when INTERCOM_TOKEN is set
example:
	$(GO) run ./examples/quickstart
