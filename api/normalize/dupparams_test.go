package normalize

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDuplicateParametersAreDropped(t *testing.T) {
	doc, log := run(t, `
/contacts/{id}:
  get:
    operationId: ShowContact
    parameters:
    - {name: id, in: path, required: true, description: first, schema: {type: string}}
    - {name: id, in: path, required: true, description: again, schema: {type: string}}
    - {name: id, in: query, schema: {type: string}}
    responses: {'200': {description: ok}}
`, "")
	require.NoError(t, Validate(context.Background(), doc))
	params := doc.Paths.Value("/contacts/{id}").Get.Parameters
	require.Len(t, params, 2, "the same name in another place is another parameter")
	assert.Equal(t, "first", params[0].Value.Description)
	ch := changesOf(log, "duplicate-parameter")
	require.Len(t, ch, 1)
	assert.Equal(t, "/paths/~1contacts~1{id}/get/parameters/1", ch[0].Pointer)
}
