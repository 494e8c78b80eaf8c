package facade_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tableEntry is the part of an api/pagination/<package>.yaml entry the
// facade tests read.
type tableEntry struct {
	Operation, Method, Path, Name, Style, Items, Cursor, PerPage string
}

// readTable reads the operations of a generated pagination table. The
// tables are written by intercomgen in one fixed shape (a list of flat
// "key: value" maps), so this reader needs no YAML library: the client's
// module stays free of the generator's dependencies, which a user's
// go mod tidy would otherwise download for this test.
func readTable(data []byte) ([]tableEntry, error) {
	var out []tableEntry
	in := false
	for n, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			continue
		case line == "operations:":
			in = true
			continue
		case !strings.HasPrefix(line, " "):
			in = false
			continue
		case !in:
			continue
		}
		if rest, ok := strings.CutPrefix(trimmed, "- "); ok {
			out = append(out, tableEntry{})
			trimmed = rest
		}
		key, value, ok := strings.Cut(trimmed, ": ")
		if !ok || len(out) == 0 {
			return nil, fmt.Errorf("line %d: not a key: value member: %q", n+1, line)
		}
		value = strings.Trim(value, `"`)
		e := &out[len(out)-1]
		switch key {
		case "operation":
			e.Operation = value
		case "method":
			e.Method = value
		case "path":
			e.Path = value
		case "name":
			e.Name = value
		case "style":
			e.Style = value
		case "items":
			e.Items = value
		case "cursor":
			e.Cursor = value
		case "per_page":
			e.PerPage = value
		}
	}
	return out, nil
}

func loadTables(t *testing.T) map[string][]tableEntry {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "api", "pagination", "*.yaml"))
	require.NoError(t, err)
	out := map[string][]tableEntry{}
	for _, f := range files {
		pkg := strings.TrimSuffix(filepath.Base(f), ".yaml")
		if pkg == "overrides" {
			continue
		}
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		ops, err := readTable(data)
		require.NoError(t, err, f)
		require.NotEmpty(t, ops, f)
		out[pkg] = ops
	}
	require.Len(t, out, len(clientsByPackage), "one table per generated version")
	return out
}

// TestEveryTableEntryHasWorkingIterators calls, through reflection, both
// iterators of every paged operation of every version against a fake that
// speaks the entry's style and reads the position and page size exactly
// where the table says: 7 items, 3 per page. It proves that each generated
// iterator exists, sends its cursor and page size where they belong and
// decodes its items from the right field.
func TestEveryTableEntryHasWorkingIterators(t *testing.T) {
	for pkg, entries := range loadTables(t) {
		newClient := clientsByPackage[pkg]
		require.NotNil(t, newClient, "no client constructor for %s in this test", pkg)
		for _, e := range entries {
			if e.Style == "none" {
				continue
			}
			t.Run(pkg+"/"+e.Name, func(t *testing.T) {
				f := &fakeList{
					method:  e.Method,
					path:    pathPattern(e.Path),
					style:   e.Style,
					cursor:  loc(e.Cursor),
					perPage: loc(e.PerPage),
					items:   strings.Split(e.Items, "."),
					total:   7,
					defPer:  3,
					item:    func(int) string { return "{}" },
				}
				srv := f.start(t)
				client, err := newClient(facade.WithToken("tok"), facade.WithBaseURL(srv.URL))
				require.NoError(t, err)
				var opts []facade.PageOption
				if e.PerPage != "" {
					opts = append(opts, facade.PageSize(3))
				}
				wantRequests := 3
				if e.Style == "scroll" {
					wantRequests = 4
				}

				items, errs := rangeReflect(t, client, e.Name, opts)
				assert.Empty(t, errs)
				assert.Equal(t, 7, items)
				assert.EqualValues(t, wantRequests, f.requests.Load())
				if e.PerPage != "" {
					for _, s := range f.pageSizes() {
						assert.Equal(t, 3, s, "per_page at %s", e.PerPage)
					}
				}
				pos := f.positions()
				require.Len(t, pos, wantRequests)
				if e.Style == "page" {
					assert.Equal(t, []string{"1", "2", "3"}, pos, "page numbers at %s", e.Cursor)
				} else {
					assert.Empty(t, pos[0], "the first request starts the list")
					for i, p := range pos[1:] {
						assert.NotEmpty(t, p, "request %d carries its position at %s", i+2, e.Cursor)
					}
				}

				pages, errs := rangeReflect(t, client, e.Name+"Pages", opts)
				assert.Empty(t, errs)
				assert.Equal(t, wantRequests, pages)
			})
		}
	}
}

// rangeReflect calls method (ctx, path arguments "x", nil params, zero
// body, opts...) and ranges over the iter.Seq2 it returns, counting the
// values and collecting the errors.
func rangeReflect(t *testing.T, client any, method string, opts []facade.PageOption) (int, []error) {
	t.Helper()
	m := reflect.ValueOf(client).MethodByName(method)
	require.True(t, m.IsValid(), "%T has no method %s", client, method)
	mt := m.Type()
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	for i := 1; i < mt.NumIn()-1; i++ {
		in := mt.In(i)
		switch in.Kind() {
		case reflect.String:
			args = append(args, reflect.ValueOf("x").Convert(in))
		case reflect.Int, reflect.Int32, reflect.Int64:
			args = append(args, reflect.ValueOf(1).Convert(in))
		default: // params pointer (nil) or body struct (zero)
			args = append(args, reflect.Zero(in))
		}
	}
	args = append(args, reflect.ValueOf(opts))
	seq := m.CallSlice(args)[0]

	n := 0
	var errs []error
	yieldType := seq.Type().In(0)
	yield := reflect.MakeFunc(yieldType, func(in []reflect.Value) []reflect.Value {
		if err, _ := in[1].Interface().(error); err != nil {
			errs = append(errs, err)
		} else {
			n++
		}
		return []reflect.Value{reflect.ValueOf(true)}
	})
	seq.Call([]reflect.Value{yield})
	return n, errs
}
