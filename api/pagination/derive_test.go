package pagination

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/api/overrides"
)

// fragment has one operation of each style, as normalised descriptions
// declare them.
const fragment = `
openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /contacts:
    get:
      operationId: ListContacts
      parameters:
      - {name: page, in: query, schema: {type: integer}}
      - {name: starting_after, in: query, schema: {type: string}}
      - {name: per_page, in: query, description: "How many. Max 150.", schema: {type: integer}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/contact_list'}}}}
  /articles:
    get:
      operationId: listArticles
      parameters:
      - {name: page, in: query, schema: {type: integer}}
      - {name: per_page, in: query, schema: {type: integer, maximum: 25}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/contact_list'}}}}
  /audiences:
    get:
      operationId: listAudiences
      parameters:
      - {name: page, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                allOf:
                - {type: object, properties: {data: {type: array, items: {type: string}}}}
                - {type: object, properties: {total_pages: {type: integer}}}
  /contacts/search:
    post:
      operationId: searchContacts
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                query: {type: object}
                pagination: {$ref: '#/components/schemas/starting_after_paging'}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/contact_list'}}}}
  /logs/search:
    post:
      operationId: searchLogs
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                page: {type: integer}
                per_page: {type: integer, description: "(default 20, max 250)"}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  logs: {type: array, items: {type: string}}
                  pages: {$ref: '#/components/schemas/cursor_pages'}
  /companies/scroll:
    get:
      operationId: scrollCompanies
      parameters:
      - {name: scroll_param, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: string}}
                  pages: {$ref: '#/components/schemas/cursor_pages'}
                  scroll_param: {type: string}
  /contacts/{id}/merge_history:
    get:
      operationId: mergeHistory
      parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: cursor, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: string}}
                  next_cursor: {type: string}
                  has_more: {type: boolean}
  /articles/search:
    get:
      operationId: searchArticles
      parameters:
      - {name: starting_after, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data:
                    type: object
                    properties:
                      articles: {type: array, items: {type: string}}
                  pages: {$ref: '#/components/schemas/cursor_pages'}
  /tags:
    get:
      operationId: listTags
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {data: {type: array, items: {type: string}}}}}}}
components:
  schemas:
    contact_list:
      type: object
      properties:
        type: {type: string}
        data: {type: array, items: {type: string}}
        total_count: {type: integer}
        pages: {$ref: '#/components/schemas/cursor_pages'}
    cursor_pages:
      type: object
      properties:
        page: {type: integer}
        total_pages: {type: integer}
        next: {$ref: '#/components/schemas/starting_after_paging'}
    starting_after_paging:
      type: object
      properties:
        per_page: {type: integer}
        starting_after: {type: string}
`

func load(t *testing.T, src string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(src))
	require.NoError(t, err)
	return doc
}

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

func TestTableRoundTrip(t *testing.T) {
	tbl, err := Derive(load(t, fragment), "2.16", []Override{{Common: overrides.Common{Operation: "listTags", Why: "not paged"}, Style: None}})
	require.NoError(t, err)
	data, err := tbl.Marshal()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), "# Code generated by intercomgen"))
	assert.Contains(t, string(data), "DO NOT EDIT.")
	back, err := Parse(data)
	require.NoError(t, err)
	assert.Equal(t, tbl, back)
}

func TestParseRejectsBadTables(t *testing.T) {
	for name, src := range map[string]string{
		"unknown field": "version: '2.16'\noperations:\n  - {operation: a, method: GET, path: /a, name: A, style: cursor, items: data, cursor: query.starting_after, colour: red}\n",
		"unknown style": "version: '2.16'\noperations:\n  - {operation: a, method: GET, path: /a, name: A, style: sideways, items: data, cursor: query.x}\n",
		"no items":      "version: '2.16'\noperations:\n  - {operation: a, method: GET, path: /a, name: A, style: cursor, cursor: query.starting_after}\n",
		"bad location":  "version: '2.16'\noperations:\n  - {operation: a, method: GET, path: /a, name: A, style: cursor, items: data, cursor: header.x}\n",
		"search query":  "version: '2.16'\noperations:\n  - {operation: a, method: POST, path: /a, name: A, style: search, items: data, cursor: query.starting_after}\n",
		"none no why":   "version: '2.16'\noperations:\n  - {operation: a, method: GET, path: /a, style: none}\n",
		"duplicate": "version: '2.16'\noperations:\n" +
			"  - {operation: a, method: GET, path: /a, name: A, style: cursor, items: data, cursor: query.starting_after}\n" +
			"  - {operation: b, method: GET, path: /b, name: APages, style: cursor, items: data, cursor: query.starting_after}\n",
	} {
		_, err := Parse([]byte(src))
		assert.Error(t, err, name)
	}
}

func TestParseOverrides(t *testing.T) {
	ovs, err := ParseOverrides([]byte("overrides:\n  - {operation: a, style: page, why: evidence}\n"))
	require.NoError(t, err)
	assert.Equal(t, []Override{{Common: overrides.Common{Operation: "a", Why: "evidence"}, Style: Page}}, ovs)
	for name, src := range map[string]string{
		"no why":        "overrides:\n  - {operation: a, style: page}\n",
		"no change":     "overrides:\n  - {operation: a, why: x}\n",
		"unknown style": "overrides:\n  - {operation: a, style: up, why: x}\n",
		"twice":         "overrides:\n  - {operation: a, style: page, why: x}\n  - {operation: a, name: B, why: y}\n",
		"unknown field": "overrides:\n  - {operation: a, style: page, why: x, because: y}\n",
	} {
		_, err := ParseOverrides([]byte(src))
		assert.Error(t, err, name)
	}
	// The committed file parses.
	_, err = DefaultOverrides()
	assert.NoError(t, err)
}

func TestParseLocation(t *testing.T) {
	l, err := ParseLocation("body.pagination.starting_after")
	require.NoError(t, err)
	assert.Equal(t, Location{In: "body", Path: []string{"pagination", "starting_after"}}, l)
	assert.Equal(t, "body.pagination.starting_after", l.String())
	for _, bad := range []string{"query", "query.", "query.a.b", "path.x", ".x"} {
		_, err := ParseLocation(bad)
		assert.Error(t, err, bad)
	}
}
