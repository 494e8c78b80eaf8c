package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSingleArmUnionBecomesItsMember(t *testing.T) {
	doc, log := run(t, `
/contacts:
  post:
    operationId: createContact
    requestBody:
      content:
        application/json:
          schema:
            oneOf:
            - $ref: '#/components/schemas/create_contact_request'
    responses:
      '200': {description: ok}
`, `
create_contact_request:
  type: object
  properties:
    email: {type: string}
wrapper:
  anyOf:
  - $ref: '#/components/schemas/create_contact_request'
two_arms:
  oneOf:
  - $ref: '#/components/schemas/create_contact_request'
  - type: string
typed_wrapper:
  type: object
  properties:
    a: {type: string}
  oneOf:
  - $ref: '#/components/schemas/create_contact_request'
`)
	body := doc.Paths.Value("/contacts").Post.RequestBody.Value.Content["application/json"].Schema
	assert.Equal(t, "#/components/schemas/create_contact_request", body.Ref, "the body is the member itself")
	assert.Equal(t, "#/components/schemas/create_contact_request", doc.Components.Schemas["wrapper"].Ref)
	assert.Len(t, schema(doc, "two_arms").OneOf, 2, "a real union stays")
	assert.Len(t, schema(doc, "typed_wrapper").OneOf, 1, "a union beside properties is not only a wrapper")
	changes := changesOf(log, "single-arm-union")
	require.Len(t, changes, 2)
	assert.Empty(t, changesOf(log, "inline-union-request-body"), "nothing left to hoist")
}

func TestRequiredOnlyAlternativesAreDropped(t *testing.T) {
	doc, log := run(t, "", `
create_contact_request:
  type: object
  description: Payload to create a contact
  properties:
    email: {type: string}
    external_id: {type: string}
    role: {type: string}
  anyOf:
  - required: [email]
    title: Create contact with email
  - required: [external_id]
  - required: [role]
mixed:
  type: object
  properties:
    a: {type: string}
  oneOf:
  - required: [a]
  - type: object
    properties:
      b: {type: string}
unknown_name:
  type: object
  properties:
    a: {type: string}
  anyOf:
  - required: [zzz]
`)
	s := schema(doc, "create_contact_request")
	assert.Empty(t, s.AnyOf)
	assert.Equal(t, "Payload to create a contact\n\nSet at least one of: email; external_id; role.", s.Description)
	assert.Equal(t, [][]string{{"email"}, {"external_id"}, {"role"}}, s.Extensions[requiredOneOfExtension])
	assert.Len(t, schema(doc, "mixed").OneOf, 2, "an arm with properties is a real alternative")
	assert.Len(t, schema(doc, "unknown_name").AnyOf, 1, "an arm requiring a name the object lacks is left alone")
	require.Len(t, changesOf(log, "required-only-alternatives"), 1)
}

func TestSharedInlineResponse(t *testing.T) {
	inline := `
        content:
          application/json:
            schema:
              allOf:
              - $ref: '#/components/schemas/contact'
              properties:
                enabled_push_messaging: {type: boolean}`
	doc, log := run(t, `
/contacts:
  post:
    operationId: createContact
    responses:
      '200':
        description: ok`+inline+`
/contacts/{id}:
  get:
    operationId: showContact
    parameters:
    - {name: id, in: path, required: true, schema: {type: string}}
    responses:
      '200':
        description: ok`+inline+`
  delete:
    operationId: deleteContact
    parameters:
    - {name: id, in: path, required: true, schema: {type: string}}
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema:
              properties:
                deleted: {type: boolean}
`, `
contact:
  type: object
  properties:
    id: {type: string}
`)
	for _, p := range []string{"/contacts", "/contacts/{id}"} {
		item := doc.Paths.Value(p)
		op := item.Post
		if op == nil {
			op = item.Get
		}
		ref := op.Responses.Value("200").Value.Content["application/json"].Schema.Ref
		assert.Equal(t, "#/components/schemas/contact_response", ref, p)
	}
	del := doc.Paths.Value("/contacts/{id}").Delete.Responses.Value("200").Value.Content["application/json"].Schema
	assert.Empty(t, del.Ref, "a schema only one operation declares stays inline")
	require.NotNil(t, doc.Components.Schemas["contact_response"])
	assert.Len(t, changesOf(log, "shared-inline-response"), 2)
}
