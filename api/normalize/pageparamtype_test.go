package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStringPageParamsBecomeIntegers(t *testing.T) {
	doc, log := run(t, `
/companies/list:
  post:
    operationId: listAllCompanies
    parameters:
    - {name: page, in: query, schema: {type: string, example: "1"}}
    - {name: per_page, in: query, schema: {type: string}}
    - {name: order, in: query, schema: {type: string}}
    - {name: page, in: header, schema: {type: string}}
    responses: {'200': {description: ok}}
`, "")
	params := doc.Paths.Value("/companies/list").Post.Parameters
	assert.True(t, params[0].Value.Schema.Value.Type.Is("integer"))
	assert.Nil(t, params[0].Value.Schema.Value.Example, "a string example would not fit the integer")
	assert.True(t, params[1].Value.Schema.Value.Type.Is("integer"))
	assert.True(t, params[2].Value.Schema.Value.Type.Is("string"), "other query parameters keep their type")
	assert.True(t, params[3].Value.Schema.Value.Type.Is("string"), "only query parameters")
	assert.Len(t, changesOf(log, "string-page-param"), 2)
}
