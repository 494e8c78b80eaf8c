package facade

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

	"github.com/intercom-go/intercom/gen/preview"
	"github.com/intercom-go/intercom/gen/v2_11"
	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
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
		if rec.last == nil {
			t.Errorf("%s %s built no request: %v", version, name, out[len(out)-1].Interface())
			continue
		}
		ops = append(ops, recordedOperation{
			version: version, name: name, method: rec.last.Method,
			path: operationPath(rec.last.URL, basePathOf(base)),
		})
		if got := rec.last.URL.EscapedPath(); len(got) < len("/base/") || got[:len("/base/")] != "/base/" {
			t.Errorf("%s %s: path %q does not keep the base path", version, name, got)
		}
	}
	return ops
}

// typedTables pairs each generated version's client with the retry table
// its typed constructor hands to its Core.
func typedTables(t *testing.T) []struct {
	version string
	table   *retryTable
	ops     []recordedOperation
} {
	t.Helper()
	const base = "http://127.0.0.1:1/base"
	type vt = struct {
		version string
		table   *retryTable
		ops     []recordedOperation
	}
	var out []vt
	{
		rec := &requestRecorder{}
		c, err := v2_11.NewClient(base, v2_11.WithHTTPClient(rec))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, vt{v2_11.Version, retryV2_11, generatedOperations(t, v2_11.Version, c, rec, base)})
	}
	{
		rec := &requestRecorder{}
		c, err := v2_14.NewClient(base, v2_14.WithHTTPClient(rec))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, vt{v2_14.Version, retryV2_14, generatedOperations(t, v2_14.Version, c, rec, base)})
	}
	{
		rec := &requestRecorder{}
		c, err := v2_16.NewClient(base, v2_16.WithHTTPClient(rec))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, vt{v2_16.Version, retryV2_16, generatedOperations(t, v2_16.Version, c, rec, base)})
	}
	{
		rec := &requestRecorder{}
		c, err := preview.NewClient(base, preview.WithHTTPClient(rec))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, vt{preview.Version, retryPreview, generatedOperations(t, preview.Version, c, rec, base)})
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
		used := map[*route]bool{}
		bodyOps, safeBody := 0, 0
		for _, op := range v.ops {
			req := &http.Request{Method: op.method, URL: &url.URL{Path: "/base" + op.path}}
			class, r := v.table.classify(req, "/base")
			if r != nil {
				used[r] = true
			}
			if safeMethods[op.method] {
				continue
			}
			bodyOps++
			if class == classSafe {
				safeBody++
				if !strings.HasSuffix(op.path, "/search") && !strings.HasSuffix(op.path, "/list") && !strings.HasSuffix(op.path, "/preview") {
					t.Errorf("%s %s: %s %s is safe but is no search, list or preview", v.version, op.name, op.method, op.path)
				}
			}
			if strings.HasSuffix(op.path, "/search") && class != classSafe {
				t.Errorf("%s %s: %s %s is a search but classed %v", v.version, op.name, op.method, op.path, class)
			}
		}
		// The generated packages hold dozens of body operations each; a
		// low count means the reflection walk stopped seeing them.
		if bodyOps < 40 || safeBody < 3 {
			t.Errorf("%s: only %d POST/PATCH operations seen, %d of them safe", v.version, bodyOps, safeBody)
		}
		var stale []string
		for i := range v.table.routes {
			if !used[&v.table.routes[i]] {
				stale = append(stale, v.table.routes[i].method+" "+v.table.routes[i].path)
			}
		}
		sort.Strings(stale)
		for _, s := range stale {
			t.Errorf("%s: retry table entry %s matches no generated operation", v.version, s)
		}
	}
}

// TestTypedClientsUseTheirVersionsTable: each constructor hands its own
// version's table to the Core.
func TestTypedClientsUseTheirVersionsTable(t *testing.T) {
	c16, err := New(WithToken("t"))
	if err != nil {
		t.Fatal(err)
	}
	c11, err := NewV2_11(WithToken("t"))
	if err != nil {
		t.Fatal(err)
	}
	cp, err := NewPreview(WithToken("t"))
	if err != nil {
		t.Fatal(err)
	}
	if c16.cfg.retry.table != retryV2_16 || c11.cfg.retry.table != retryV2_11 || cp.cfg.retry.table != retryPreview {
		t.Fatal("a typed client does not carry its version's retry table")
	}
	// Every entry of the table reaches the client: a concrete request
	// for it is classed as the entry says, where by method it would not be.
	for _, r := range retryV2_16.routes {
		path := strings.NewReplacer("{", "", "}", "").Replace(r.path)
		req := &http.Request{Method: r.method, URL: &url.URL{Path: path}}
		if got, rt := c16.cfg.retry.table.classify(req, ""); got != r.class || rt == nil {
			t.Errorf("2.16 %s %s: %v, want %v", r.method, path, got, r.class)
		}
	}
}

func TestRetryTableHasNoDuplicateShapes(t *testing.T) {
	for name, tbl := range map[string]*retryTable{"2.11": retryV2_11, "2.14": retryV2_14, "2.16": retryV2_16, "Preview": retryPreview} {
		seen := map[string]string{}
		for _, r := range tbl.routes {
			shape := r.method
			for _, s := range r.segs {
				if len(s) > 1 && s[0] == '{' {
					s = "{}"
				}
				shape += "/" + s
			}
			if prev, ok := seen[shape]; ok {
				t.Errorf("%s: %s and %s have the same shape", name, prev, r.path)
			}
			seen[shape] = r.path
		}
	}
}

// testTable has routes of each kind a generated table holds; the matcher
// is tested on it rather than on a generated table, whose operations
// change with the descriptions.
var testTable = newRetryTable([]route{
	{method: http.MethodGet, path: "/companies/scroll", class: classWrite},
	{method: http.MethodPost, path: "/contacts/search", class: classSafe},
	{method: http.MethodPost, path: "/companies/list", class: classSafe},
	{method: http.MethodPost, path: "/contacts/merge/preview", class: classSafe},
	{method: http.MethodPost, path: "/tickets/search", class: classSafe},
	{method: http.MethodPost, path: "/contacts/{id}/search", class: classSafe},
	{method: http.MethodPost, path: "/contacts/{id}/{other}", class: classWrite, quota: true},
	{method: http.MethodPost, path: "/export/content/data", class: classWrite, quota: true},
})

func TestClassify(t *testing.T) {
	cases := []struct {
		method, base, path string
		want               retryClass
		quota              bool
	}{
		{http.MethodGet, "", "/conversations", classSafe, false},
		// Every arrival moves the scroll on: not safe to repeat.
		{http.MethodGet, "", "/companies/scroll", classWrite, false},
		{http.MethodGet, "/v1/proxy", "/v1/proxy/companies/scroll", classWrite, false},
		{http.MethodGet, "", "/companies", classSafe, false},
		{http.MethodGet, "", "/companies/c1", classSafe, false},
		{http.MethodPut, "", "/contacts/1", classSafe, false},
		{http.MethodDelete, "", "/contacts/1", classSafe, false},
		{http.MethodHead, "", "/me", classSafe, false},
		{http.MethodPost, "", "/contacts/search", classSafe, false},
		{http.MethodPost, "", "/companies/list", classSafe, false},
		{http.MethodPost, "", "/contacts/merge/preview", classSafe, false},
		{http.MethodPost, "/v1/proxy", "/v1/proxy/tickets/search", classSafe, false},
		// The entry with more literal segments wins.
		{http.MethodPost, "", "/contacts/7/search", classSafe, false},
		{http.MethodPost, "", "/contacts/7/tags", classWrite, true},
		{http.MethodPost, "", "/contacts//search", classWrite, false}, // an empty segment matches no {id}
		{http.MethodPost, "", "/conversations", classWrite, false},
		{http.MethodPost, "", "/contacts/merge", classWrite, false},
		{http.MethodPost, "", "/export/content/data", classWrite, true},
		{http.MethodPatch, "", "/contacts/search", classWrite, false}, // method must match
		// Unknown POSTs fall back to the conservative class.
		{http.MethodPost, "", "/something/new/search", classWrite, false},
		// A base path that is not a prefix is not stripped.
		{http.MethodPost, "/v1", "/contacts/search", classSafe, false},
		{http.MethodPost, "/v1", "/v2/contacts/search", classWrite, false},
	}
	for _, c := range cases {
		req := &http.Request{Method: c.method, URL: &url.URL{Path: c.path}}
		got, r := testTable.classify(req, c.base)
		quota := r != nil && r.quota
		if got != c.want || quota != c.quota {
			t.Errorf("%s %s (base %q): got %v quota=%v, want %v quota=%v", c.method, c.path, c.base, got, quota, c.want, c.quota)
		}
	}
}

// TestClassifyWithoutTable: a Core given no table (or an operation no
// table knows) is classed by method alone.
func TestClassifyWithoutTable(t *testing.T) {
	var none *retryTable
	for _, c := range []struct {
		method string
		want   retryClass
	}{
		{http.MethodGet, classSafe}, {http.MethodPut, classSafe}, {http.MethodDelete, classSafe},
		{http.MethodPost, classWrite}, {http.MethodPatch, classWrite}, {"PROPFIND", classWrite},
	} {
		req := &http.Request{Method: c.method, URL: &url.URL{Path: "/contacts/search"}}
		if got, r := none.classify(req, ""); got != c.want || r != nil {
			t.Errorf("%s without a table: %v %+v, want %v", c.method, got, r, c.want)
		}
	}
}

func TestClassifyEscapedSlashStaysInItsSegment(t *testing.T) {
	// A contact id containing "/" must not make /contacts/{id}/tags look
	// like some other (read-only) route with more segments, nor match
	// a shorter one.
	u, err := url.Parse("http://x/contacts/search%2Fx")
	if err != nil {
		t.Fatal(err)
	}
	req := &http.Request{Method: http.MethodPost, URL: u}
	if got, r := testTable.classify(req, ""); got != classWrite || r != nil {
		t.Fatalf("got %v %+v, want unknown write", got, r)
	}
}

func TestBasePathOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://api.intercom.io":          "",
		"https://api.intercom.io/":         "",
		"http://127.0.0.1:8080/proxy/":     "/proxy",
		"http://127.0.0.1:8080/a%2Fb/base": "/a%2Fb/base",
	} {
		if got := basePathOf(in); got != want {
			t.Errorf("basePathOf(%q) = %q, want %q", in, got, want)
		}
	}
}
