package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExplodedQueryObject(t *testing.T) {
	doc, log := run(t, `
/events:
  get:
    operationId: listEvents
    parameters:
    - name: filter
      in: query
      explode: true
      style: form
      required: true
      schema:
        type: object
        oneOf:
        - {type: object, properties: {user_id: {type: string}}, required: [user_id]}
        - {type: object, properties: {email: {type: string}}, required: [email]}
    - {name: type, in: query, required: true, schema: {type: string}}
    - name: nested
      in: query
      schema: {type: object, properties: {deep: {type: object}}}
    responses: {'200': {description: ok}}
`, "")
	var got []string
	for _, p := range doc.Paths.Value("/events").Get.Parameters {
		got = append(got, p.Value.Name+":"+p.Value.In)
		if p.Value.Name == "email" || p.Value.Name == "user_id" {
			assert.False(t, p.Value.Required, "each alternative is optional on its own")
			assert.True(t, p.Value.Schema.Value.Type.Is("string"))
		}
	}
	assert.Equal(t, []string{"email:query", "user_id:query", "type:query", "nested:query"}, got,
		"objects with non-scalar properties stay as they are")
	ch := changesOf(log, "exploded-query-object")
	require.Len(t, ch, 1)
	assert.Equal(t, "/paths/~1events/get/parameters/0", ch[0].Pointer)
}
