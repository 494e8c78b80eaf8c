package normalize

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEnumDefaultOutsideValuesIsAdded(t *testing.T) {
	doc, log := run(t, "", `
intercom_version:
  type: string
  enum: ["2.10", "2.11", "Unstable"]
  default: "2.14"
  example: "2.14"
color:
  type: string
  enum: [red, blue]
  example: green
fine:
  type: string
  enum: [a, b]
  default: a
  example: b
`)
	require.NoError(t, Validate(context.Background(), doc), "the repaired description validates")
	v := schema(doc, "intercom_version")
	assert.Equal(t, []any{"2.10", "2.11", "Preview", "2.14"}, v.Enum)
	assert.Equal(t, "2.14", v.Example, "an example that is a value now stays")
	c := schema(doc, "color")
	assert.Nil(t, c.Example, "an example outside the values is dropped")
	assert.Equal(t, []any{"red", "blue"}, c.Enum)
	ch := changesOf(log, "enum-value-outside-values")
	require.Len(t, ch, 2)
	assert.Equal(t, "/components/schemas/color/example", ch[0].Pointer)
	assert.Equal(t, "/components/schemas/intercom_version/enum", ch[1].Pointer)
	assert.Contains(t, ch[1].Detail, `"2.14"`)
}

func TestEnumOutsideValuesRejectedWithoutTheRule(t *testing.T) {
	// The defect is real: the same fragment, unrepaired, fails validation.
	doc, _ := run(t, "", `
v: {type: string, enum: ["2.11"], default: "2.14"}
`)
	doc.Components.Schemas["v"].Value.Enum = []any{"2.11"}
	assert.Error(t, Validate(context.Background(), doc))
}
