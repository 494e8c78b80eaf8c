package pagination

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/intercom-go/intercom/api/lock"
	"github.com/intercom-go/intercom/api/overrides"
	"github.com/intercom-go/intercom/api/pipeline"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeriveStyles(t *testing.T) {
	tbl, err := Derive(load(t, fragment), "2.16", nil)
	require.NoError(t, err)
	want := []Entry{
		{Operation: "listArticles", Method: "GET", Path: "/articles", Name: "ListArticles", Style: Page,
			Items: "data", Cursor: "query.page", PerPage: "query.per_page", MaxPerPage: 25, Next: "pages.total_pages, pages.next"},
		{Operation: "searchArticles", Method: "GET", Path: "/articles/search", Name: "SearchArticles", Style: Cursor,
			Items: "data.articles", Cursor: "query.starting_after", Next: "pages.next.starting_after"},
		{Operation: "listAudiences", Method: "GET", Path: "/audiences", Name: "ListAudiences", Style: Page,
			Items: "data", Cursor: "query.page", Next: "total_pages"},
		{Operation: "scrollCompanies", Method: "GET", Path: "/companies/scroll", Name: "ScrollCompanies", Style: Scroll,
			Items: "data", Cursor: "query.scroll_param", Next: "scroll_param; an empty page ends the list"},
		// starting_after and page both declared: the cursor wins.
		{Operation: "ListContacts", Method: "GET", Path: "/contacts", Name: "ListContacts", Style: Cursor,
			Items: "data", Cursor: "query.starting_after", PerPage: "query.per_page", MaxPerPage: 150, Next: "pages.next.starting_after"},
		{Operation: "searchContacts", Method: "POST", Path: "/contacts/search", Name: "SearchContacts", Style: Search,
			Items: "data", Cursor: "body.pagination.starting_after", PerPage: "body.pagination.per_page", Next: "pages.next.starting_after"},
		{Operation: "mergeHistory", Method: "GET", Path: "/contacts/{id}/merge_history", Name: "MergeHistory", Style: NextCursor,
			Items: "data", Cursor: "query.cursor", Next: "next_cursor, has_more"},
		{Operation: "searchLogs", Method: "POST", Path: "/logs/search", Name: "SearchLogs", Style: Page,
			Items: "logs", Cursor: "body.page", PerPage: "body.per_page", MaxPerPage: 250, Next: "pages.total_pages, pages.next"},
	}
	assert.Equal(t, want, tbl.Entries)
	assert.Nil(t, tbl.Find("listTags"), "an unpaged list has no entry")
}

func TestDeriveOverrides(t *testing.T) {
	ovs := []Override{
		{Common: overrides.Common{Operation: "ListContacts", Why: "because"}, Style: Page, Name: "Contacts", MaxPerPage: 50},
		{Common: overrides.Common{Operation: "searchContacts", Versions: []string{"Preview"}, Why: "only in Preview"}, Name: "Find"},
		{Common: overrides.Common{Operation: "listTags", Why: "forced in"}, Style: None},
	}
	tbl, err := Derive(load(t, fragment), "2.16", ovs)
	require.NoError(t, err)
	c := tbl.Find("ListContacts")
	require.NotNil(t, c)
	assert.Equal(t, Entry{Operation: "ListContacts", Method: "GET", Path: "/contacts", Name: "Contacts", Style: Page,
		Items: "data", Cursor: "query.page", PerPage: "query.per_page", MaxPerPage: 50,
		Next: "pages.total_pages, pages.next", Reason: "because"}, *c)
	assert.Equal(t, "SearchContacts", tbl.Find("searchContacts").Name, "a Preview-only override stays out of 2.16")
	tags := tbl.Find("listTags")
	require.NotNil(t, tags, "an override with a style brings in an operation the derivation skips")
	assert.Equal(t, None, tags.Style)

	prev, err := Derive(load(t, fragment), "Preview", ovs)
	require.NoError(t, err)
	assert.Equal(t, "Find", prev.Find("searchContacts").Name)
}

func TestDeriveErrors(t *testing.T) {
	cases := map[string]struct {
		ovs  []Override
		src  string
		want string
	}{
		"style without its parameter": {
			ovs: []Override{{Common: overrides.Common{Operation: "listArticles", Why: "x"}, Style: Cursor}}, src: fragment,
			want: "needs the query parameter starting_after",
		},
		"no input to page with": {
			src: strings.Replace(fragment, "- {name: page, in: query, schema: {type: integer}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                allOf:",
				"responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                allOf:", 1),
			want: "listAudiences): cannot tell how it pages",
		},
		"two arrays": {
			src:  strings.Replace(fragment, "data: {type: array, items: {type: string}}\n        total_count", "data: {type: array, items: {type: string}}\n        more: {type: array, items: {type: string}}\n        total_count", 1),
			want: "cannot tell which array holds the items",
		},
		"name clash": {
			ovs: []Override{{Common: overrides.Common{Operation: "listArticles", Why: "x"}, Name: "ListContacts"}}, src: fragment,
			want: "iterator name ListContacts",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Derive(load(t, tc.src), "2.16", tc.ovs)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestMaxOf(t *testing.T) {
	for text, want := range map[string]int{
		"How many results to display per page. Defaults to 25. Max 25.":   25,
		"The number of results to return per page (default 50, max 150).": 150,
		"Defaults to 50, maximum 250.":                                    250,
		"The maximum is 60":                                               60,
		"How many results per page":                                       0,
	} {
		assert.Equal(t, want, maxOf(nil, text), text)
	}
	hundred := 100.0
	assert.Equal(t, 100, maxOf(&openapi3.Schema{Max: &hundred, Description: "max 5"}, ""), "the schema's maximum wins")
}

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
