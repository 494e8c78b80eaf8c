package normalize

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagedSpec holds one operation of each shape the rule must tell apart.
const pagedSpec = `
openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /contacts:
    get:
      operationId: ListContacts
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/contact_list'}
  /articles:
    get:
      operationId: listArticles
      parameters:
      - {name: page, in: query, schema: {type: integer}}
      - {name: per_page, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/contact_list'}
  /macros:
    get:
      operationId: listMacros
      parameters:
      - {name: starting_after, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/contact_list'}
  /companies/{id}/contacts:
    parameters:
    - {name: id, in: path, required: true, schema: {type: string}}
    get:
      operationId: listLinked
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: string}}
                  pages: {$ref: '#/components/schemas/pages_link'}
  /audiences:
    get:
      operationId: listAudiences
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                allOf:
                - type: object
                  properties:
                    data: {type: array, items: {type: string}}
                - type: object
                  properties:
                    total_pages: {type: integer}
  /companies/scroll:
    get:
      operationId: scroll
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
  /tags:
    get:
      operationId: listTags
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: string}}
  /contacts/search:
    post:
      operationId: searchContacts
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/search_request'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/contact_list'}
  /tickets/search:
    post:
      operationId: searchTickets
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/search_request'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/contact_list'}
  /conversations/search:
    post:
      operationId: searchConversations
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                query: {type: object}
                pagination: {$ref: '#/components/schemas/starting_after_paging'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/contact_list'}
components:
  schemas:
    contact_list:
      type: object
      properties:
        data: {type: array, items: {type: string}}
        pages: {$ref: '#/components/schemas/cursor_pages'}
    cursor_pages:
      type: object
      properties:
        page: {type: integer}
        total_pages: {type: integer}
        next: {$ref: '#/components/schemas/starting_after_paging'}
    pages_link:
      type: object
      properties:
        page: {type: integer}
        total_pages: {type: integer}
        next: {type: string}
    starting_after_paging:
      type: object
      properties:
        per_page: {type: integer}
        starting_after: {type: string}
    search_request:
      type: object
      properties:
        query: {type: object}
`

func loadPaged(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(pagedSpec))
	require.NoError(t, err)
	return doc
}

// queryNames lists the query parameters an operation declares, in order.
func queryNames(op *openapi3.Operation) []string {
	var out []string
	for _, p := range op.Parameters {
		if p.Value.In == openapi3.ParameterInQuery {
			out = append(out, p.Value.Name)
		}
	}
	return out
}

func TestDeclarePaginationParamsQuery(t *testing.T) {
	doc := loadPaged(t)
	log := &Log{}
	declarePaginationParams(doc, log)

	for _, tc := range []struct {
		path string
		want []string
	}{
		// cursor_pages carries both a page number and a next cursor.
		{"/contacts", []string{"page", "starting_after", "per_page"}},
		// page already declared: nothing to guess.
		{"/articles", []string{"page", "per_page"}},
		// a declared cursor without per_page gets per_page only.
		{"/macros", []string{"starting_after", "per_page"}},
		// a link in pages.next plus page numbers: page style.
		{"/companies/{id}/contacts", []string{"page", "per_page"}},
		// total_pages at the top level, inside allOf.
		{"/audiences", []string{"page", "per_page"}},
		// scroll and unpaged lists are left alone.
		{"/companies/scroll", nil},
		{"/tags", nil},
	} {
		got := queryNames(doc.Paths.Value(tc.path).Get)
		assert.True(t, slices.Equal(got, tc.want), "%s: query parameters %v, want %v", tc.path, got, tc.want)
	}
	// Types: the cursor is a string, the numbers integers.
	for _, p := range doc.Paths.Value("/contacts").Get.Parameters {
		want := openapi3.TypeInteger
		if p.Value.Name == "starting_after" {
			want = openapi3.TypeString
		}
		assert.True(t, p.Value.Schema.Value.Type.Is(want), "%s has type %v, want %s", p.Value.Name, p.Value.Schema.Value.Type, want)
	}
	// Every change is logged with the pointer of the new parameter.
	var ptrs []string
	for _, c := range log.Changes {
		assert.Equal(t, "undeclared-pagination-params", c.Rule, "change logged under rule")
		ptrs = append(ptrs, c.Pointer)
	}
	for _, want := range []string{
		"/paths/~1contacts/get/parameters/0",
		"/paths/~1contacts/get/parameters/2",
		"/paths/~1macros/get/parameters/1",
		"/paths/~1companies~1{id}~1contacts/get/parameters/1",
	} {
		assert.Contains(t, ptrs, want, "no change logged")
	}
}

func TestDeclarePaginationParamsSearchBody(t *testing.T) {
	doc := loadPaged(t)
	log := &Log{}
	declarePaginationParams(doc, log)

	search := doc.Components.Schemas["search_request"].Value
	pg := search.Properties["pagination"]
	require.NotNil(t, pg, "search_request has no pagination property")
	assert.Equal(t, "#/components/schemas/starting_after_paging", pg.Ref, "pagination refers to %q, want the type of pages.next", pg.Ref)
	// Shared by two searches, changed and logged once, at the component.
	var body []Change
	for _, c := range log.Changes {
		if strings.Contains(c.Pointer, "pagination") {
			body = append(body, c)
		}
	}
	assert.Len(t, body, 1, "body changes %v, want one at the component", body)
	assert.Equal(t, "/components/schemas/search_request/properties/pagination", body[0].Pointer, "body changes %v, want one at the component", body)
	// A search that declares pagination keeps its own.
	conv := doc.Paths.Value("/conversations/search").Post.RequestBody.Value.Content.Get("application/json").Schema.Value
	assert.Len(t, conv.Properties, 2, "searchConversations body changed")
}

func TestDeclarePaginationParamsIdempotent(t *testing.T) {
	doc := loadPaged(t)
	first := &Log{}
	declarePaginationParams(doc, first)
	require.NotEqual(t, 0, len(first.Changes), "first run changed nothing")
	again := &Log{}
	declarePaginationParams(doc, again)
	assert.Empty(t, again.Changes, "second run changed")
}

// The rule is registered and its output is a valid description that
// Normalize accepts end to end.
func TestDeclarePaginationParamsRegistered(t *testing.T) {
	doc, log, err := Normalize([]byte(pagedSpec))
	require.NoError(t, err)
	n := log.Count("undeclared-pagination-params")
	assert.Equal(t, 9, n, "Normalize logged %d pagination changes, want 9", n)
	assert.NoError(t, Validate(context.Background(), doc), "normalised fragment is invalid")
}
