package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestArrayWithoutItems(t *testing.T) {
	doc, log := run(t, "", `
team:
  type: object
  properties:
    admin_ids: {type: array}
    names: {type: array, items: {type: string}}
`)
	props := schema(doc, "team").Properties
	require.NotNil(t, props["admin_ids"].Value.Items)
	assert.True(t, isAnyValue(props["admin_ids"].Value.Items.Value))
	assert.True(t, props["names"].Value.Items.Value.Type.Is("string"), "declared items stay")
	ch := changesOf(log, "array-without-items")
	require.Len(t, ch, 1)
	assert.Equal(t, "/components/schemas/team/properties/admin_ids", ch[0].Pointer)
}

func TestCustomAttributesAnyValue(t *testing.T) {
	doc, log := run(t, "", `
contact:
  type: object
  properties:
    custom_attributes:
      type: object
      additionalProperties: {type: string}
    tags:
      type: object
      additionalProperties: {type: string}
`)
	props := schema(doc, "contact").Properties
	assert.True(t, isAnyValue(props["custom_attributes"].Value.AdditionalProperties.Schema.Value))
	assert.True(t, props["tags"].Value.AdditionalProperties.Schema.Value.Type.Is("string"), "other maps stay typed")
	ch := changesOf(log, "custom-attributes-any-value")
	require.Len(t, ch, 1)
	assert.Equal(t, "/components/schemas/contact/properties/custom_attributes/additionalProperties", ch[0].Pointer)
}

func TestStrictStringFormat(t *testing.T) {
	doc, log := run(t, "", `
error:
  type: object
  properties:
    request_id: {type: string, format: uuid}
    email: {type: string, format: email}
    created: {type: string, format: date-time}
`)
	props := schema(doc, "error").Properties
	assert.Empty(t, props["request_id"].Value.Format)
	assert.Empty(t, props["email"].Value.Format)
	assert.Equal(t, "date-time", props["created"].Value.Format, "other formats stay")
	assert.Len(t, changesOf(log, "strict-string-format"), 2)
}
