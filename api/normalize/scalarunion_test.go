package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScalarUnionParamBecomesItsType(t *testing.T) {
	doc, log := run(t, `
/conversations/{id}/reply:
  post:
    operationId: replyConversation
    parameters:
    - name: id
      in: path
      required: true
      schema:
        oneOf:
        - {type: string, description: an id}
        - {type: string, enum: [last]}
    - name: mixed
      in: query
      schema:
        anyOf: [{type: string}, {type: integer}]
    - name: nested
      in: query
      schema:
        anyOf: [{type: integer, format: int64}, {oneOf: [{type: integer, format: int32}]}]
    responses: {'200': {description: ok}}
`, "")
	params := doc.Paths.Value("/conversations/{id}/reply").Post.Parameters
	id := params[0].Value.Schema.Value
	assert.True(t, id.Type.Is("string"))
	assert.Empty(t, id.OneOf)
	assert.Empty(t, params[1].Value.Schema.Value.Type, "string or integer stays a union")
	nested := params[2].Value.Schema.Value
	assert.True(t, nested.Type.Is("integer"))
	assert.Empty(t, nested.Format, "members disagree on the format")
	ch := changesOf(log, "scalar-union-param")
	require.Len(t, ch, 2)
	assert.Equal(t, "/paths/~1conversations~1{id}~1reply/post/parameters/0/schema", ch[0].Pointer)
}
