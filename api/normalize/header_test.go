package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVersionHeaderParam(t *testing.T) {
	doc, log := run(t, `
/tags:
  get:
    operationId: listTags
    parameters:
    - {name: Intercom-Version, in: header, schema: {$ref: '#/components/schemas/intercom_version'}}
    - {name: page, in: query, schema: {type: integer}}
    responses: {'200': {description: ok}}
`, `
intercom_version: {type: string, enum: ['2.16']}
`)
	params := doc.Paths.Value("/tags").Get.Parameters
	require.Len(t, params, 1)
	assert.Equal(t, "page", params[0].Value.Name)
	assert.Len(t, changesOf(log, "version-header-param"), 1)
	assert.NotNil(t, schema(doc, "intercom_version"), "the version type stays")
}
