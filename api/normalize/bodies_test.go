package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInlineUnionRequestBody(t *testing.T) {
	doc, log := run(t, `
/contacts:
  post:
    operationId: CreateContact
    requestBody:
      content:
        application/json:
          schema:
            oneOf:
            - {$ref: '#/components/schemas/by_email'}
            - {$ref: '#/components/schemas/by_role'}
    responses: {'200': {description: ok}}
/tags:
  post:
    operationId: createTag
    requestBody:
      content:
        application/json:
          schema: {$ref: '#/components/schemas/by_email'}
    responses: {'200': {description: ok}}
`, `
by_email: {type: object, properties: {email: {type: string}}}
by_role: {type: object, properties: {role: {type: string}}}
`)
	body := doc.Paths.Value("/contacts").Post.RequestBody.Value.Content["application/json"].Schema
	assert.Equal(t, "#/components/schemas/create_contact_request_body", body.Ref)
	hoisted := schema(doc, "create_contact_request_body")
	require.NotNil(t, hoisted)
	assert.Len(t, hoisted.OneOf, 2)
	assert.Equal(t, "#/components/schemas/by_email",
		doc.Paths.Value("/tags").Post.RequestBody.Value.Content["application/json"].Schema.Ref, "$ref bodies stay")
	ch := changesOf(log, "inline-union-request-body")
	require.Len(t, ch, 1)
	assert.Equal(t, "/paths/~1contacts/post/requestBody/content/application~1json/schema", ch[0].Pointer)
}
