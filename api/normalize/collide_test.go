package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGoNameCollisionInlineEnum(t *testing.T) {
	doc, log := run(t, "", `
ticket:
  type: object
  properties:
    type: {type: string, enum: [ticket]}
ticket_type:
  type: object
  properties:
    name: {type: string}
`)
	typ := schema(doc, "ticket").Properties["type"].Value
	assert.Equal(t, "TicketTypeEnum", typ.Extensions["x-go-type-name"])
	assert.NotNil(t, doc.Components.Schemas["ticket_type"], "the component keeps its name")
	assert.Len(t, changesOf(log, "go-name-collision"), 1)
}

func TestGoNameCollisionEnumConstant(t *testing.T) {
	doc, log := run(t, `
/x:
  get:
    operationId: getX
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema: {$ref: '#/components/schemas/intercom_version_preview'}
`, `
intercom_version: {type: string, enum: ['2.16', Preview]}
intercom_version_preview: {type: string, enum: [preview]}
`)
	assert.Nil(t, doc.Components.Schemas["intercom_version_preview"])
	require.NotNil(t, doc.Components.Schemas["intercom_version_preview_schema"])
	got := doc.Paths.Value("/x").Get.Responses.Value("200").Value.Content["application/json"].Schema.Ref
	assert.Equal(t, "#/components/schemas/intercom_version_preview_schema", got, "refs follow the rename")
	assert.Len(t, changesOf(log, "go-name-collision"), 1)
}

func TestGoNameCollisionOperationWrapper(t *testing.T) {
	doc, log := run(t, `
/articles/search:
  get:
    operationId: searchArticles
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema: {$ref: '#/components/schemas/search_articles_response'}
`, `
search_articles_response: {type: object, properties: {total_count: {type: integer}}}
`)
	assert.NotNil(t, doc.Components.Schemas["search_articles_response_schema"])
	assert.Len(t, changesOf(log, "go-name-collision"), 1)
}

func TestNoCollisionNoChange(t *testing.T) {
	_, log := run(t, "", `
contact: {type: object, properties: {role: {type: string, enum: [user, lead]}}}
company: {type: object}
`)
	assert.Empty(t, changesOf(log, "go-name-collision"))
}
