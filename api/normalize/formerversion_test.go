package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFormerPreviewNameInVersionEnum(t *testing.T) {
	doc, log := run(t, "", `
intercom_version:
  type: string
  enum: ["2.11", "Unstable", "Preview"]
  default: Unstable
other:
  type: string
  enum: [Unstable]
`)
	v := schema(doc, "intercom_version")
	assert.Equal(t, []any{"2.11", "Preview"}, v.Enum)
	assert.Equal(t, "Preview", v.Default)
	assert.Equal(t, []any{"Unstable"}, schema(doc, "other").Enum, "only the version enum is renamed")
	assert.Len(t, changesOf(log, "former-version-name"), 2)
}
