package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDanglingSchemaRef(t *testing.T) {
	doc, log := run(t, "", `
contact:
  type: object
  properties:
    custom_attributes:
      $ref: '#/components/schemas/custom_attributes'
`)
	got := schema(doc, "custom_attributes")
	require.NotNil(t, got, "missing schema defined")
	assert.True(t, got.Type.Is("object"))
	require.NotNil(t, got.AdditionalProperties.Schema, "free-form values")
	assert.True(t, isAnyValue(got.AdditionalProperties.Schema.Value))
	// the property now resolves to the new definition
	assert.Same(t, got, schema(doc, "contact").Properties["custom_attributes"].Value)
	ch := changesOf(log, "dangling-schema-ref")
	require.Len(t, ch, 2)
	assert.Equal(t, "/components/schemas/contact/properties/custom_attributes", ch[0].Pointer)
	assert.Equal(t, "/components/schemas/custom_attributes", ch[1].Pointer)
}

func TestDanglingSchemaRefLeavesDefinedRefsAlone(t *testing.T) {
	_, log := run(t, "", `
a: {type: string}
b: {type: object, properties: {x: {$ref: '#/components/schemas/a'}}}
`)
	assert.Empty(t, changesOf(log, "dangling-schema-ref"))
}
