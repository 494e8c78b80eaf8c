// Package examplecheck decodes the JSON examples of an Intercom description
// into the Go types generated from it. Each gen/<version> package runs it
// from a generated test, so a normaliser change or a new upstream example
// that the types cannot hold fails the build's tests.
package examplecheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-go/intercom/api/internal/modroot"
	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/pipeline"
)

// Registry maps a description's names to generated Go code.
type Registry struct {
	// Schemas returns a new value of the Go type of each component schema.
	Schemas map[string]func() any
	// Responses parses a response of each operation (by operationId), as
	// the generated ParseXxxResponse does.
	Responses map[string]func(*http.Response) (any, error)
}

// Result counts what a run decoded.
type Result struct {
	Version                 string
	Responses, Schemas      int
	Failures                []string // pointer: error, for examples that did not decode
	ExpectedFailures, Fixed []string // listed exceptions that failed, or that now decode
}

// Run decodes every example of version's normalised description and fails t
// for each one that does not decode and is not a listed exception. It also
// fails for a listed exception that now decodes, so the list stays true.
func Run(t *testing.T, version string, reg Registry) {
	t.Helper()
	doc := Load(t, version)
	res := Check(version, doc, reg)
	t.Logf("%s: %d response examples, %d schema and property examples, %d listed exceptions", lock.Header(version), res.Responses, res.Schemas, len(res.ExpectedFailures))
	for _, f := range res.Failures {
		t.Errorf("%s: example does not decode: %s", version, f)
	}
	for _, f := range res.Fixed {
		t.Errorf("%s: %s decodes now; remove it from internal/examplecheck/exceptions.go", version, f)
	}
}

// Load returns the normalised description of version, failing t in CI
// when the descriptions are not available and skipping elsewhere.
func Load(t testing.TB, version string) *openapi3.T {
	t.Helper()
	dir := modroot.RequireDescriptions(t)
	root, err := modroot.Dir()
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.Open(root, dir)
	if err != nil {
		t.Fatal(err)
	}
	e, err := p.Entry(version)
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := p.Normalized(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// Check decodes every example of doc with reg.
func Check(version string, doc *openapi3.T, reg Registry) Result {
	res := Result{Version: version}
	run := func(ptr string, decode func() error) {
		err := decode()
		why, listed := exceptions[version+" "+ptr]
		if !listed {
			why, listed = exceptions["* "+ptr]
		}
		switch {
		case err != nil && listed:
			res.ExpectedFailures = append(res.ExpectedFailures, ptr+": "+why)
		case err != nil:
			res.Failures = append(res.Failures, ptr+": "+err.Error())
		case listed:
			res.Fixed = append(res.Fixed, ptr)
		}
	}
	for _, ex := range responseExamples(doc) {
		res.Responses++
		parse := reg.Responses[ex.op]
		run(ex.ptr, func() error {
			if parse == nil {
				return fmt.Errorf("no generated parser for operation %q", ex.op)
			}
			return decodeResponse(parse, ex.status, ex.body)
		})
	}
	if doc.Components != nil {
		for _, name := range sorted(doc.Components.Schemas) {
			s := doc.Components.Schemas[name]
			if s.Value == nil {
				continue
			}
			base := "/components/schemas/" + escape(name)
			newT := reg.Schemas[name]
			if newT == nil {
				res.Failures = append(res.Failures, base+": no generated type")
				continue
			}
			if s.Value.Example != nil {
				res.Schemas++
				run(base+"/example", func() error { return decodeInto(s.Value.Example, newT()) })
			}
			// Property examples decode into the Go type of the field that
			// holds the property, found by its json tag.
			goType := reflect.TypeOf(newT()).Elem()
			for _, prop := range sorted(s.Value.Properties) {
				p := s.Value.Properties[prop]
				if p == nil || p.Value == nil || p.Value.Example == nil {
					continue
				}
				field, ok := fieldByJSONName(goType, prop)
				if !ok {
					continue // not a struct, or a property folded into a union
				}
				res.Schemas++
				run(base+"/properties/"+escape(prop)+"/example", func() error {
					return decodeInto(p.Value.Example, reflect.New(field).Interface())
				})
			}
		}
	}
	return res
}

func decodeInto(example any, dst any) error {
	body, err := json.Marshal(example)
	if err != nil {
		return err
	}
	return json.Unmarshal(body, dst)
}

// fieldByJSONName returns the type of the struct field of t whose json tag
// names prop.
func fieldByJSONName(t reflect.Type, prop string) (reflect.Type, bool) {
	if t.Kind() != reflect.Struct {
		return nil, false
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == prop {
			return f.Type, true
		}
	}
	return nil, false
}

type responseExample struct {
	op, ptr string
	status  int
	body    []byte
}

// responseExamples lists every JSON example (named or single) of every
// response with a numeric status.
func responseExamples(doc *openapi3.T) []responseExample {
	var out []responseExample
	for _, path := range sorted(doc.Paths.Map()) {
		item := doc.Paths.Value(path)
		for _, method := range []string{"get", "put", "post", "delete", "patch", "head", "options"} {
			op := item.GetOperation(strings.ToUpper(method))
			if op == nil || op.Responses == nil {
				continue
			}
			for _, code := range sorted(op.Responses.Map()) {
				status, err := strconv.Atoi(code)
				r := op.Responses.Value(code)
				if err != nil || r == nil || r.Value == nil {
					continue
				}
				for _, mt := range sorted(r.Value.Content) {
					if !strings.Contains(mt, "json") {
						continue
					}
					m := r.Value.Content[mt]
					base := "/paths/" + escape(path) + "/" + method + "/responses/" + code + "/content/" + escape(mt)
					add := func(ptr string, v any) {
						body, err := json.Marshal(v)
						if err == nil {
							out = append(out, responseExample{op: op.OperationID, ptr: ptr, status: status, body: body})
						}
					}
					if m.Example != nil {
						add(base+"/example", m.Example)
					}
					for _, name := range sorted(m.Examples) {
						if ex := m.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
							add(base+"/examples/"+escape(name)+"/value", ex.Value.Value)
						}
					}
				}
			}
		}
	}
	return out
}

// decodeResponse runs a generated parser on a synthetic response and
// checks that the typed field for the status (JSON200, JSON404, ...) was
// filled, so an example the parser silently ignores does not count.
func decodeResponse(parse func(*http.Response) (any, error), status int, body []byte) error {
	resp := &http.Response{
		StatusCode: status,
		Header:     http.Header{"Content-Type": []string{"application/json"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	}
	out, err := parse(resp)
	if err != nil {
		return err
	}
	v := reflect.ValueOf(out)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByName("JSON" + strconv.Itoa(status))
	if f.IsValid() && f.IsNil() {
		return fmt.Errorf("parser left JSON%d empty", status)
	}
	return nil
}

func escape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func sorted[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
