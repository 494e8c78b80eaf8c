package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPathParamInQuery(t *testing.T) {
	doc, log := run(t, `
/export/{job_identifier}:
  get:
    operationId: getJob
    parameters:
    - {name: job_identifier, in: query, schema: {type: string}}
    - {name: other, in: query, schema: {type: string}}
    responses: {'200': {description: ok}}
`, "")
	params := doc.Paths.Value("/export/{job_identifier}").Get.Parameters
	assert.Equal(t, "path", params[0].Value.In)
	assert.True(t, params[0].Value.Required)
	assert.Equal(t, "query", params[1].Value.In, "a real query parameter stays")
	ch := changesOf(log, "path-param-in-query")
	require.Len(t, ch, 1)
	assert.Equal(t, "/paths/~1export~1{job_identifier}/get/parameters/0", ch[0].Pointer)
}

func TestPathParamUndeclared(t *testing.T) {
	doc, log := run(t, `
/things/{id}:
  delete:
    operationId: deleteThing
    responses: {'200': {description: ok}}
`, "")
	params := doc.Paths.Value("/things/{id}").Delete.Parameters
	require.Len(t, params, 1)
	assert.Equal(t, "id", params[0].Value.Name)
	assert.Equal(t, "path", params[0].Value.In)
	assert.Len(t, changesOf(log, "path-param-in-query"), 1)
}

func TestPathParamCopiesSharedParameter(t *testing.T) {
	// A $ref'd parameter used as a real query parameter elsewhere must not
	// be moved to the path there.
	raw := []byte(`openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /a/{id}:
    get:
      parameters: [{$ref: '#/components/parameters/id'}]
      responses: {'200': {description: ok}}
  /b:
    get:
      parameters: [{$ref: '#/components/parameters/id'}]
      responses: {'200': {description: ok}}
components:
  parameters:
    id: {name: id, in: query, schema: {type: string}}
`)
	doc, _, err := Normalize(raw)
	require.NoError(t, err)
	assert.Equal(t, "path", doc.Paths.Value("/a/{id}").Get.Parameters[0].Value.In)
	assert.Equal(t, "query", doc.Paths.Value("/b").Get.Parameters[0].Value.In)
}
