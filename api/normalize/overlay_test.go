package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOverlayStrictAndLenient(t *testing.T) {
	ov := []byte(`overlay: 1.0.0
info: {title: t, version: '1'}
actions:
  - target: $.components.schemas.a.properties.x.type
    description: x is documented as object but holds strings
    remove: true
  - target: $.components.schemas.missing
    description: only some versions have it
    update: {type: string}
`)
	lenient, err := ParseOverlay("all.yaml", ov, false)
	require.NoError(t, err)
	raw := spec("", "a: {type: object, properties: {x: {type: object}}}")
	doc, log, err := Normalize(raw, lenient)
	require.NoError(t, err)
	assert.Nil(t, schema(doc, "a").Properties["x"].Value.Type)
	ch := changesOf(log, "overlay:all.yaml")
	require.Len(t, ch, 2)
	assert.Contains(t, ch[1].Detail, "skipped, no match")

	strict, err := ParseOverlay("2.16.yaml", ov, true)
	require.NoError(t, err)
	_, _, err = Normalize(raw, strict)
	assert.ErrorContains(t, err, "components.schemas.missing")
}

func TestOverlayNeedsDescriptions(t *testing.T) {
	_, err := ParseOverlay("x.yaml", []byte(`overlay: 1.0.0
info: {title: t, version: '1'}
actions:
  - target: $.info
    update: {title: u}
`), false)
	assert.ErrorContains(t, err, "no description")
}
