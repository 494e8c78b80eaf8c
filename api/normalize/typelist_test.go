package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTypeListBecomesNullableType(t *testing.T) {
	doc, log := run(t, "", `
author:
  type: object
  properties:
    name: {type: ["null", string]}
    either: {type: [string, integer]}
    plain: {type: string}
`)
	props := schema(doc, "author").Properties
	assert.True(t, props["name"].Value.Type.Is("string"))
	// (nullable-response-only may then drop the nullable of a schema no
	// request sends; the log says it was set.)
	assert.Len(t, *props["either"].Value.Type, 2, "a real union of types is left alone")
	assert.False(t, props["plain"].Value.Nullable)
	ch := changesOf(log, "type-list")
	require.Len(t, ch, 1)
	assert.Equal(t, "/components/schemas/author/properties/name/type", ch[0].Pointer)
	assert.Contains(t, ch[0].Detail, "nullable")
}
