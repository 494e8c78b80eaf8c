//go:build tools

// Package tools records where this repository's tools are pinned. Nothing
// here is imported: the client module's go.mod lists only what its users
// build (the oapi-codegen runtime, nullable, and testify for tests), so that
// adding the client downloads no code generator.
//
//   - oapi-codegen, kin-openapi and the normaliser's other dependencies: the
//     generator's own module, api/go.mod (pinned by api/tools.go); `make
//     generate` runs it with `go -C api run ./cmd/intercomgen`.
//   - oasdiff (`make diff`): api/cmd/oasdiff/go.mod.
//   - Prism (`make conformance`) and the official Node SDK (`make bench`):
//     tools/prism/package-lock.json and bench/node, installed with npm.
package tools
