package normalize

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWireOnlyRemovesGoOnlyProperties(t *testing.T) {
	doc, log := run(t, trafficPaths, trafficSchemas)
	added := len(changesOf(log, "undeclared-members")) + len(changesOf(log, "object-sent-as-string"))
	require.Positive(t, added)

	assert.Equal(t, added, WireOnly(doc), "every Go-only property the rules added")
	eachSchema(doc, func(ptr string, ref *openapi3.SchemaRef) {
		if ref.Value == nil {
			return
		}
		for name, p := range ref.Value.Properties {
			assert.NotEqual(t, true, p.Value.Extensions[extGoOnly], "%s/properties/%s is still there", ptr, name)
		}
	})
	c := schema(doc, "contact").Properties
	assert.NotContains(t, c, undeclaredProperty)
	assert.NotContains(t, c["avatar"].Value.Properties, "sent_as_string")
	assert.Contains(t, c, "owner_id", "wire members stay")
	assert.Contains(t, c["avatar"].Value.Properties, "image_url", "wire members stay")
	assert.Equal(t, "int-or-string", intercomTag(c["owner_id"]), "other annotations stay")
	assert.Zero(t, WireOnly(doc), "a second pass removes nothing")
}
