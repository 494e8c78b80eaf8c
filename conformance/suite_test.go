package conformance

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// perCall bounds one operation's round trip.
const perCall = 30 * time.Second

// result is the outcome of driving every operation of one version.
type result struct {
	version  string
	total    int
	passed   []string
	failures []failure
	// exampleDefects lists operations whose mocked answer (the
	// description's own example) breaks the description's schema.
	exampleDefects []string
}

// runSuite drives every operation of ops through the typed api (a
// generated *ClientWithResponses whose HTTP client is rec).
func runSuite(ctx context.Context, version string, api any, ops []operation, rec *recorder) result {
	methods := typedMethods(api)
	res := result{version: version, total: len(ops)}
	for _, op := range ops {
		m, ok := methods[methodKey(op.id)]
		if !ok {
			res.failures = append(res.failures, failure{op, "no typed method for operationId " + op.id})
			continue
		}
		cctx, cancel := context.WithTimeout(ctx, perCall)
		err := exercise(cctx, m, op, rec)
		cancel()
		if ex := rec.last(); ex != nil && ex.responseViolations() > 0 {
			res.exampleDefects = append(res.exampleDefects, op.id)
		}
		if err != nil {
			res.failures = append(res.failures, failure{op, err.Error()})
			continue
		}
		res.passed = append(res.passed, op.id)
	}
	return res
}

// report prints the ratio line and every failure.
func (r result) report(w io.Writer) {
	fmt.Fprintf(w, "conformance %s: %d/%d operations\n", r.version, len(r.passed), r.total)
	if len(r.exampleDefects) > 0 {
		fmt.Fprintf(w, "  note: %d response examples break their own schema (description defects, not client failures): %s\n",
			len(r.exampleDefects), strings.Join(r.exampleDefects, ", "))
	}
	for _, f := range r.failures {
		fmt.Fprintf(w, "  FAIL %s (%s %s): %s\n", f.op.id, strings.ToUpper(f.op.method), f.op.path, f.reason)
	}
}

// compareKnown checks the failures against the version's known-failure
// table: a new failure and a known failure that now passes are both
// reported, so the table always tells the truth.
func (r result) compareKnown(known map[string]string) []string {
	var problems []string
	failed := map[string]bool{}
	for _, f := range r.failures {
		failed[f.op.id] = true
		if _, ok := known[f.op.id]; !ok {
			problems = append(problems, fmt.Sprintf("%s fails: %s", f.op.id, f.reason))
		}
	}
	var fixed []string
	for id := range known {
		if !failed[id] {
			fixed = append(fixed, id)
		}
	}
	sort.Strings(fixed)
	for _, id := range fixed {
		problems = append(problems, fmt.Sprintf("%s is listed as a known failure but passes (or no longer exists): remove it from the table", id))
	}
	return problems
}
