package conformance

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/intercom-go/intercom/facade"
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

// runSuite drives every operation of ops through the services of client (a
// typed facade client whose HTTP client is rec): each operation by the
// service method that Client.Operations names for its method and path.
func runSuite(ctx context.Context, version string, client any, ops []operation, rec *recorder) result {
	methods := serviceMethods(client)
	res := result{version: version, total: len(ops)}
	for _, op := range ops {
		sm, ok := methods[strings.ToUpper(op.method)+" "+op.path]
		if !ok {
			res.failures = append(res.failures, failure{op, "no service method for operationId " + op.id})
			continue
		}
		cctx, cancel := context.WithTimeout(ctx, perCall)
		err := exerciseService(cctx, sm.m, sm.kind, op, rec)
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

// serviceMethod is the service method that sends one operation.
type serviceMethod struct {
	m    reflect.Value
	kind string
}

// serviceMethods indexes a client's service methods by "METHOD /path": for
// each operation the first one Client.Operations lists, which is the method
// taking the whole body (a union's per-arm methods follow it), and not the
// page iterator of a paged one.
func serviceMethods(client any) map[string]serviceMethod {
	out := map[string]serviceMethod{}
	lister, ok := client.(interface{ Operations() []facade.Operation })
	if !ok {
		return out
	}
	v := reflect.ValueOf(client)
	for _, o := range lister.Operations() {
		key := o.HTTPMethod + " " + o.Path
		if _, seen := out[key]; seen || strings.HasSuffix(o.Kind, "-pages") {
			continue
		}
		svc := v.Elem().FieldByName(o.Service)
		if !svc.IsValid() || svc.IsNil() {
			continue
		}
		if m := svc.MethodByName(o.Method); m.IsValid() {
			out[key] = serviceMethod{m, o.Kind}
		}
	}
	return out
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
