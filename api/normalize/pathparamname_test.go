package normalize

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStrayPathParamsAreRenamedOrRemoved(t *testing.T) {
	doc, log := run(t, `
/articles/{article_id}:
  delete:
    operationId: deleteArticle
    parameters:
    - {name: id, in: path, required: true, schema: {type: integer}}
    responses: {'200': {description: ok}}
  get:
    operationId: showArticle
    parameters:
    - {name: article_id, in: path, required: true, schema: {type: integer}}
    - {name: extra, in: path, required: true, schema: {type: string}}
    responses: {'200': {description: ok}}
`, "")
	require.NoError(t, Validate(context.Background(), doc))
	item := doc.Paths.Value("/articles/{article_id}")
	require.Len(t, item.Delete.Parameters, 1)
	assert.Equal(t, "article_id", item.Delete.Parameters[0].Value.Name)
	assert.True(t, item.Delete.Parameters[0].Value.Schema.Value.Type.Is("integer"), "the declared type is kept")
	require.Len(t, item.Get.Parameters, 1, "a stray with no template name left is removed")
	assert.Equal(t, "article_id", item.Get.Parameters[0].Value.Name)
	ch := changesOf(log, "stray-path-param")
	require.Len(t, ch, 2)
	assert.Contains(t, ch[0].Detail, `"extra" is not in the template`) // GET is visited first
	assert.Contains(t, ch[0].Detail, "removed")
	assert.Contains(t, ch[1].Detail, `"id" renamed "article_id"`)
	assert.Empty(t, changesOf(log, "path-param-in-query"), "nothing is left undeclared")
}
