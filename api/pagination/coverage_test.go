package pagination

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/overrides"
	"github.com/intercom-go/intercom/api/pipeline"
)

// pagedMarkers are the response fields that mean "this list continues".
var pagedMarkers = []string{"pages", "scroll_param", "next_cursor", "has_more"}

// pagedOperations finds, independently of Derive, every operation with a
// 2xx JSON response that carries a paging field at its top level, looking
// through allOf, oneOf and anyOf.
func pagedOperations(doc *openapi3.T) []string {
	var out []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.Responses == nil {
				continue
			}
			for code, r := range op.Responses.Map() {
				if len(code) != 3 || code[0] != '2' || r.Value == nil {
					continue
				}
				for _, mt := range r.Value.Content {
					if mt.Schema != nil && hasMarker(mt.Schema.Value, 0) {
						out = append(out, fmt.Sprintf("%s %s (%s)", method, path, op.OperationID))
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func hasMarker(s *openapi3.Schema, depth int) bool {
	if s == nil || depth > 8 {
		return false
	}
	for _, m := range pagedMarkers {
		if s.Properties[m] != nil {
			return true
		}
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, sub := range group {
			if sub != nil && hasMarker(sub.Value, depth+1) {
				return true
			}
		}
	}
	return false
}

// TestEveryPagedOperationHasAnEntry runs over every generated version of
// api/versions.lock: each operation whose response has pages, scroll_param,
// next_cursor or has_more must have an entry in the committed table, and
// the committed table must be what Derive makes of the description today,
// so that a new version, or a description change, cannot silently lack
// iterators.
func TestEveryPagedOperationHasAnEntry(t *testing.T) {
	p := pipeline.ForTest(t)
	ovs, err := DefaultOverrides()
	require.NoError(t, err)

	usage := overrides.NewUsage(ovs)
	generated := p.Lock.Generated()
	require.NotEmpty(t, generated)
	for _, e := range generated {
		t.Run(lock.Header(e.Version), func(t *testing.T) {
			doc, _, err := p.Normalized(context.Background(), e)
			require.NoError(t, err)
			committed, err := Load(p.Path("api", "pagination", lock.Package(e.Version)+".yaml"))
			require.NoError(t, err, "run make generate")

			paged := pagedOperations(doc)
			require.NotEmpty(t, paged)
			for _, op := range paged {
				assert.NotNil(t, committed.Find(idOf(op)), "%s is paged but has no entry in api/pagination/%s.yaml", op, lock.Package(e.Version))
			}

			derived, err := Derive(doc, lock.Header(e.Version), ovs)
			require.NoError(t, err)
			assert.Equal(t, derived, committed, "api/pagination/%s.yaml is stale: run make generate", lock.Package(e.Version))
			for _, en := range derived.Entries {
				usage.Applied(en.Operation, e.Version)
			}
		})
	}
	assert.Empty(t, usage.Unused(), "overrides that apply to no generated version: remove them")
}

// idOf returns the operationId of a pagedOperations line.
func idOf(line string) string {
	open := len(line) - 1
	for open > 0 && line[open] != '(' {
		open--
	}
	return line[open+1 : len(line)-1]
}

// TestDeriveEveryPinnedVersion derives the table of every pinned version,
// "check" ones included, so that promoting one to "generate" cannot fail on
// its pagination: each paged operation gets an entry.
func TestDeriveEveryPinnedVersion(t *testing.T) {
	p := pipeline.ForTest(t)
	ovs, err := DefaultOverrides()
	require.NoError(t, err)
	for _, e := range p.Lock.Entries {
		t.Run(lock.Header(e.Version), func(t *testing.T) {
			doc, _, err := p.Normalized(context.Background(), e)
			require.NoError(t, err)
			tbl, err := Derive(doc, lock.Header(e.Version), ovs)
			require.NoError(t, err)
			for _, op := range pagedOperations(doc) {
				assert.NotNil(t, tbl.Find(idOf(op)), "%s is paged but gets no entry", op)
			}
		})
	}
}
