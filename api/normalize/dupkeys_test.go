package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDuplicateMappingKeysKeepTheLast(t *testing.T) {
	doc, log := run(t, "", `
merge_contacts_request:
  type: object
  required: [from]
  properties:
    from: {type: string}
    into: {type: string}
  required: [from, into]
`)
	assert.Equal(t, []string{"from", "into"}, schema(doc, "merge_contacts_request").Required)
	ch := changesOf(log, "duplicate-mapping-key")
	require.Len(t, ch, 1)
	assert.Equal(t, "/components/schemas/merge_contacts_request/required", ch[0].Pointer)
}
