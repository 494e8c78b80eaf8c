// Package bench is the benchmark harness behind "make bench": a loopback
// server that serves realistic contacts built from the descriptions'
// examples, the export loops it times (bare transfer, a hand-written
// encoding/json loop, the generated client, the facade iterator), the
// official Node SDK run against the same server, streaming memory,
// codegen timing, and what a user's first program costs to build
// (buildcost.go). cmd/bench runs them and prints one table; see
// BENCHMARKS.md.
package bench
