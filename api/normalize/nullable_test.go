package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A required nullable property of a received schema must become optional
// (a pointer in Go), or null would read as the zero value; one reachable
// from a request keeps both required and nullable.
func TestNullableRequiredBecomesOptional(t *testing.T) {
	doc, log := run(t, `
/contacts/{id}:
  put:
    operationId: updateContact
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    requestBody:
      content:
        application/json:
          schema: {$ref: '#/components/schemas/update_request'}
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema: {$ref: '#/components/schemas/contact'}
`, `
update_request:
  type: object
  required: [owner_id]
  properties:
    owner_id: {type: integer, nullable: true}
avatar:
  type: object
  nullable: true
  properties:
    image_url: {type: string}
contact:
  type: object
  required: [id, last_seen_at, avatar, wrapped]
  properties:
    id: {type: string}
    last_seen_at: {type: integer, nullable: true}
    avatar: {$ref: '#/components/schemas/avatar'}
    wrapped:
      allOf:
      - {$ref: '#/components/schemas/avatar'}
`)
	c := schema(doc, "contact")
	assert.Equal(t, []string{"id"}, c.Required, "nullable members, direct, by $ref or through allOf, are no longer required")
	assert.False(t, c.Properties["last_seen_at"].Value.Nullable)
	r := schema(doc, "update_request")
	assert.Equal(t, []string{"owner_id"}, r.Required, "a request schema is left alone")
	assert.True(t, r.Properties["owner_id"].Value.Nullable)
	var required []string
	for _, ch := range changesOf(log, "nullable-response-only") {
		if ch.Pointer == "/components/schemas/contact/required" {
			required = append(required, ch.Detail)
		}
	}
	require.Len(t, required, 3)
	assert.Contains(t, required[0], "last_seen_at is nullable")
}

// nullable beside a $ref is ignored by OpenAPI 3.0 and by the generator,
// but says what Intercom sends; and an allOf member's required list may
// name a nullable property only the outer schema declares.
func TestNullableBesideRefAndThroughAllOf(t *testing.T) {
	doc, log := run(t, "", `
stats:
  type: object
  properties:
    views: {type: integer}
list_item:
  type: object
  required: [id, statistics, translated]
  properties:
    id: {type: string}
    translated: {$ref: '#/components/schemas/stats', nullable: true}
article:
  type: object
  allOf:
  - {$ref: '#/components/schemas/list_item'}
  properties:
    statistics: {$ref: '#/components/schemas/stats', nullable: true}
`)
	assert.Equal(t, []string{"id"}, schema(doc, "list_item").Required)
	var details []string
	for _, ch := range changesOf(log, "nullable-response-only") {
		if ch.Pointer == "/components/schemas/list_item/required" {
			details = append(details, ch.Detail)
		}
	}
	assert.Len(t, details, 2, "statistics (through article's allOf) and translated (nullable beside its $ref)")
}

func TestNullableResponseOnly(t *testing.T) {
	doc, log := run(t, `
/collections/{id}:
  put:
    operationId: updateCollection
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    requestBody:
      content:
        application/json:
          schema: {$ref: '#/components/schemas/update_collection_request'}
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema: {$ref: '#/components/schemas/collection'}
`, `
update_collection_request:
  type: object
  properties:
    parent_id: {type: string, nullable: true}
    nested: {$ref: '#/components/schemas/nested'}
nested:
  type: object
  properties:
    x: {type: string, nullable: true}
collection:
  type: object
  properties:
    parent_id: {type: string, nullable: true}
`)
	assert.True(t, schema(doc, "update_collection_request").Properties["parent_id"].Value.Nullable, "requests can send null")
	assert.True(t, schema(doc, "nested").Properties["x"].Value.Nullable, "reachable from a request through a $ref")
	assert.False(t, schema(doc, "collection").Properties["parent_id"].Value.Nullable, "only received")
	ch := changesOf(log, "nullable-response-only")
	require.Len(t, ch, 1)
	assert.Equal(t, "/components/schemas/collection/properties/parent_id/nullable", ch[0].Pointer)
}
