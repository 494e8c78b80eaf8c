package normalize

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func intercomTag(p *openapi3.SchemaRef) string {
	for _, ext := range []map[string]any{p.Extensions, p.Value.Extensions} {
		if tags, _ := ext[extExtraTags].(map[string]any); tags != nil {
			s, _ := tags[lenientTagKey].(string)
			return s
		}
	}
	return ""
}

const trafficPaths = `
/articles:
  get:
    operationId: listArticles
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema: {$ref: '#/components/schemas/article_list'}
  post:
    operationId: createArticle
    requestBody:
      content:
        application/json:
          schema: {$ref: '#/components/schemas/create_request'}
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema: {$ref: '#/components/schemas/contact'}
`

const trafficSchemas = `
create_request:
  type: object
  properties:
    author_id: {type: integer}
article_list:
  type: object
  properties:
    pages: {$ref: '#/components/schemas/cursor_pages'}
    total_count: {type: integer}
cursor_pages:
  type: object
  properties:
    per_page: {type: integer}
    total_count: {type: integer}
    next: {$ref: '#/components/schemas/starting_after_paging'}
starting_after_paging:
  type: object
  properties:
    per_page: {type: integer}
    starting_after: {type: string}
contact:
  type: object
  properties:
    owner_id: {type: integer}
    name: {type: string}
    last_closed_by_id: {type: string, x-intercom-lenient: string-or-number}
    avatar:
      type: object
      properties:
        type: {type: string}
        image_url: {type: string, format: uri}
    state:
      type: object
      x-intercom-string-form: category
      properties:
        category: {type: string}
        id: {type: string}
`

func TestNumberStringMismatch(t *testing.T) {
	doc, log := run(t, trafficPaths, trafficSchemas)
	c := schema(doc, "contact").Properties
	assert.Equal(t, "int-or-string", intercomTag(c["owner_id"]), "an integer id of a received schema")
	assert.Equal(t, "", intercomTag(c["name"]))
	assert.Equal(t, "string-or-number", intercomTag(c["last_closed_by_id"]), "marked by an overlay")
	assert.Nil(t, c["last_closed_by_id"].Value.Extensions[extLenient], "the mark is consumed")
	pages := schema(doc, "cursor_pages").Properties
	assert.Equal(t, "int-or-string", intercomTag(pages["per_page"]), "a paging counter of a pages object")
	assert.Equal(t, "", intercomTag(pages["total_count"]), "not a paging counter of the class")
	assert.Equal(t, "", intercomTag(schema(doc, "article_list").Properties["total_count"]))
	assert.Equal(t, "", intercomTag(schema(doc, "create_request").Properties["author_id"]), "requests are left alone")
	assert.Len(t, changesOf(log, "number-string-mismatch"), 3)
}

func TestObjectSentAsString(t *testing.T) {
	doc, log := run(t, trafficPaths, trafficSchemas)
	c := schema(doc, "contact").Properties
	form := func(s *openapi3.Schema) string {
		p := s.Properties["sent_as_string"]
		if p == nil {
			return ""
		}
		assert.Equal(t, true, p.Value.Extensions["x-go-json-ignore"])
		assert.Equal(t, "SentAsString", p.Value.Extensions["x-go-name"])
		return intercomTag(p)
	}
	assert.Equal(t, "string-form=image_url", form(c["avatar"].Value), "a link object")
	assert.Equal(t, "string-form=category", form(c["state"].Value), "marked by an overlay")
	assert.Equal(t, "string-form=url-query", form(schema(doc, "starting_after_paging")), "the next cursor of a pages object")
	assert.Equal(t, "", form(schema(doc, "cursor_pages")))
	assert.Len(t, changesOf(log, "object-sent-as-string"), 3)
}

// A second pass over a normalised description changes nothing.
func TestTrafficRulesAreIdempotent(t *testing.T) {
	doc, _ := run(t, trafficPaths, trafficSchemas)
	log := &Log{}
	looseNumbers(doc, log)
	objectsAsStrings(doc, log)
	require.Empty(t, log.Changes)
}

func TestUndeclaredMembers(t *testing.T) {
	doc, log := run(t, trafficPaths, trafficSchemas+`
free:
  type: object
  additionalProperties: true
  properties:
    a: {type: string}
`)
	has := func(s *openapi3.Schema) bool { return s.Properties[undeclaredProperty] != nil }
	assert.True(t, has(schema(doc, "contact")), "a received schema")
	assert.True(t, has(schema(doc, "contact").Properties["avatar"].Value), "an inline received object")
	assert.False(t, has(schema(doc, "create_request")), "a request schema")
	assert.False(t, has(schema(doc, "free")), "additionalProperties keep extra members already")
	p := schema(doc, "contact").Properties[undeclaredProperty].Value
	assert.Equal(t, "map[string]json.RawMessage", p.Extensions["x-go-type"])
	assert.Equal(t, true, p.Extensions["x-go-json-ignore"])
	assert.Equal(t, "undeclared", intercomTag(schema(doc, "contact").Properties[undeclaredProperty]))
	n := len(changesOf(log, "undeclared-members"))
	assert.Positive(t, n)
	again := &Log{}
	keepUndeclaredMembers(doc, again)
	assert.Empty(t, again.Changes, "a second pass changes nothing")
}
