package facade_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/preview"
	"github.com/intercom-go/intercom/gen/v2_11"
	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requestRecorder is a Doer that keeps the request and sends nothing.
type requestRecorder struct{ last *http.Request }

var errRecorded = errors.New("recorded, not sent")

func (r *requestRecorder) Do(req *http.Request) (*http.Response, error) {
	r.last = req
	return nil, errRecorded
}

// recordedOperation is the request one generated method builds.
type recordedOperation struct {
	version, name, method, path string
}

// generatedOperations calls every method of a generated *Client (which
// has one or two per operation) with placeholder arguments and records
// the request each one builds. Doing it through the generated code
// rather than through the descriptions tests exactly what send() sees.
func generatedOperations(t *testing.T, version string, client any, rec *requestRecorder, base string) []recordedOperation {
	t.Helper()
	v := reflect.ValueOf(client)
	ctxType := reflect.TypeFor[context.Context]()
	readerType := reflect.TypeFor[io.Reader]()
	var ops []recordedOperation
	for i := 0; i < v.NumMethod(); i++ {
		name := v.Type().Method(i).Name
		m := v.Method(i)
		mt := m.Type()
		n := mt.NumIn()
		if mt.IsVariadic() {
			n-- // request editors: none
		}
		if n == 0 || mt.In(0) != ctxType {
			continue // not an operation
		}
		args := make([]reflect.Value, n)
		for j := 0; j < n; j++ {
			at := mt.In(j)
			switch {
			case at == ctxType:
				args[j] = reflect.ValueOf(context.Background())
			case at == readerType:
				args[j] = reflect.ValueOf(io.Reader(bytes.NewReader([]byte("{}"))))
			default:
				a := reflect.New(at).Elem()
				switch at.Kind() {
				case reflect.String:
					a.SetString("p")
				case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
					a.SetInt(7)
				}
				args[j] = a
			}
		}
		rec.last = nil
		out := m.Call(args)
		if !assert.NotNil(t, rec.last, "%s %s built no request: %v", version, name, out[len(out)-1].Interface()) {
			continue
		}
		ops = append(ops, recordedOperation{
			version: version, name: name, method: rec.last.Method,
			path: facade.OperationPath(rec.last.URL, facade.BasePathOf(base)),
		})
		got := rec.last.URL.EscapedPath()
		assert.True(t, strings.HasPrefix(got, "/base/"), "%s %s: path %q does not keep the base path", version, name, got)
	}
	return ops
}

// tableOf is the retry table the typed client of pkg carries.
func tableOf(t *testing.T, pkg string) *facade.RetryTable {
	t.Helper()
	c, err := clientsByPackage[pkg](facade.WithToken("t"))
	require.NoError(t, err)
	return facade.RetryTableOf(coreOf(t, c))
}

// typedTables pairs each generated version's client with the retry table
// its typed constructor hands to its Core.
func typedTables(t *testing.T) []struct {
	version string
	table   *facade.RetryTable
	ops     []recordedOperation
} {
	t.Helper()
	const base = "http://127.0.0.1:1/base"
	type vt = struct {
		version string
		table   *facade.RetryTable
		ops     []recordedOperation
	}
	var out []vt
	{
		rec := &requestRecorder{}
		c, err := v2_11.NewClient(base, v2_11.WithHTTPClient(rec))
		require.NoError(t, err)
		out = append(out, vt{v2_11.Version, tableOf(t, "v2_11"), generatedOperations(t, v2_11.Version, c, rec, base)})
	}
	{
		rec := &requestRecorder{}
		c, err := v2_14.NewClient(base, v2_14.WithHTTPClient(rec))
		require.NoError(t, err)
		out = append(out, vt{v2_14.Version, tableOf(t, "v2_14"), generatedOperations(t, v2_14.Version, c, rec, base)})
	}
	{
		rec := &requestRecorder{}
		c, err := v2_16.NewClient(base, v2_16.WithHTTPClient(rec))
		require.NoError(t, err)
		out = append(out, vt{v2_16.Version, tableOf(t, "v2_16"), generatedOperations(t, v2_16.Version, c, rec, base)})
	}
	{
		rec := &requestRecorder{}
		c, err := preview.NewClient(base, preview.WithHTTPClient(rec))
		require.NoError(t, err)
		out = append(out, vt{preview.Version, tableOf(t, "preview"), generatedOperations(t, preview.Version, c, rec, base)})
	}
	return out
}

// TestRetryTablesMatchGeneratedOperations checks each generated table
// against the requests its version's generated client builds: every entry
// matches an operation of that version (none is stale or mistyped), the
// reads Intercom takes in a body are safe, and the POSTs and PATCHes the
// table does not list stay writes.
func TestRetryTablesMatchGeneratedOperations(t *testing.T) {
	for _, v := range typedTables(t) {
		used := map[*facade.RetryRoute]bool{}
		bodyOps, safeBody := 0, 0
		for _, op := range v.ops {
			req := &http.Request{Method: op.method, URL: &url.URL{Path: "/base" + op.path}}
			class, r := facade.ClassifyRequest(v.table, req, "/base")
			if r != nil {
				used[r] = true
			}
			if facade.SafeMethods[op.method] {
				continue
			}
			bodyOps++
			if class == facade.RetrySafe {
				safeBody++
				assert.True(t, strings.HasSuffix(op.path, "/search") || strings.HasSuffix(op.path, "/list") || strings.HasSuffix(op.path, "/preview"),
					"%s %s: %s %s is safe but is no search, list or preview", v.version, op.name, op.method, op.path)
			}
			if strings.HasSuffix(op.path, "/search") {
				assert.Equal(t, facade.RetrySafe, class, "%s %s: %s %s is a search", v.version, op.name, op.method, op.path)
			}
		}
		// The generated packages hold dozens of body operations each; a
		// low count means the reflection walk stopped seeing them.
		assert.GreaterOrEqual(t, bodyOps, 40, "%s: only %d POST/PATCH operations seen, %d of them safe", v.version, bodyOps, safeBody)
		assert.GreaterOrEqual(t, safeBody, 3, "%s: only %d POST/PATCH operations seen, %d of them safe", v.version, bodyOps, safeBody)
		var stale []string
		routes := facade.Routes(v.table)
		for i := range routes {
			if !used[&routes[i]] {
				stale = append(stale, routes[i].Method+" "+routes[i].Path)
			}
		}
		sort.Strings(stale)
		assert.Empty(t, stale, "%s: retry table entries that match no generated operation", v.version)
	}
}

// TestTypedClientsUseTheirVersionsTable: each constructor hands its own
// version's table to the Core.
func TestTypedClientsUseTheirVersionsTable(t *testing.T) {
	tables := map[string]*facade.RetryTable{}
	for pkg, build := range clientsByPackage {
		c, err := build(facade.WithToken("t"))
		require.NoError(t, err)
		tables[pkg] = facade.RetryTableOf(coreOf(t, c))
		require.NotNil(t, tables[pkg], "%s: the client carries no retry table", pkg)
		require.NotEmpty(t, facade.Routes(tables[pkg]), "%s: the client carries no retry table", pkg)
	}
	require.NotSame(t, tables["v2_16"], tables["v2_11"], "two versions' clients share one retry table")
	require.NotSame(t, tables["v2_16"], tables["preview"], "two versions' clients share one retry table")
	require.NotSame(t, tables["v2_11"], tables["preview"], "two versions' clients share one retry table")
	// Every entry of the table reaches the client: a concrete request
	// for it is classed as the entry says, where by method it would not be.
	for _, r := range facade.Routes(tables["v2_16"]) {
		path := strings.NewReplacer("{", "", "}", "").Replace(r.Path)
		req := &http.Request{Method: r.Method, URL: &url.URL{Path: path}}
		got, rt := facade.ClassifyRequest(tables["v2_16"], req, "")
		assert.Equal(t, r.Class, got, "2.16 %s %s", r.Method, path)
		assert.NotNil(t, rt, "2.16 %s %s: no route", r.Method, path)
	}
}

func TestRetryTableHasNoDuplicateShapes(t *testing.T) {
	for name, build := range clientsByPackage {
		c, err := build(facade.WithToken("t"))
		require.NoError(t, err)
		seen := map[string]string{}
		for _, r := range facade.Routes(facade.RetryTableOf(coreOf(t, c))) {
			shape := r.Method
			for _, s := range strings.Split(strings.Trim(r.Path, "/"), "/") {
				if len(s) > 1 && s[0] == '{' {
					s = "{}"
				}
				shape += "/" + s
			}
			prev, ok := seen[shape]
			assert.False(t, ok, "%s: %s and %s have the same shape", name, prev, r.Path)
			seen[shape] = r.Path
		}
	}
}

// testTable has routes of each kind a generated table holds; the matcher
// is tested on it rather than on a generated table, whose operations
// change with the descriptions.
