package normalize

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDuplicatePathTemplatesAreMerged(t *testing.T) {
	doc, log := run(t, duplicatePaths, "")
	require.NoError(t, Validate(context.Background(), doc))
	assert.Nil(t, doc.Paths.Value("/contacts/{id}/companies"), "the second spelling is gone")
	item := doc.Paths.Value("/contacts/{contact_id}/companies")
	require.NotNil(t, item)
	require.NotNil(t, item.Get)
	require.NotNil(t, item.Post, "the POST moved to the first spelling")
	var names []string
	for _, p := range item.Post.Parameters {
		names = append(names, p.Value.In+":"+p.Value.Name)
	}
	assert.ElementsMatch(t, []string{"query:verbose", "path:contact_id"}, names)
	ch := changesOf(log, "duplicate-path-template")
	require.Len(t, ch, 1)
	assert.Equal(t, "/paths/~1contacts~1{id}~1companies/post", ch[0].Pointer)
	assert.Contains(t, ch[0].Detail, "id -> contact_id")
}

func TestDuplicatePathTemplatesWithOverlappingMethodsAreLeft(t *testing.T) {
	_, log, err := Normalize(spec(`
/a/{x}:
  get: {operationId: one, parameters: [{name: x, in: path, required: true, schema: {type: string}}], responses: {'200': {description: ok}}}
/a/{y}:
  get: {operationId: two, parameters: [{name: y, in: path, required: true, schema: {type: string}}], responses: {'200': {description: ok}}}
`, ""))
	require.NoError(t, err)
	assert.Empty(t, changesOf(log, "duplicate-path-template"), "which GET Intercom serves cannot be told: left for validation")
}

const duplicatePaths = `
/contacts/{contact_id}/companies:
  get:
    operationId: listCompaniesForAContact
    parameters:
    - {name: contact_id, in: path, required: true, schema: {type: string}}
    responses: {'200': {description: ok}}
/contacts/{id}/companies:
  parameters:
  - {name: id, in: path, required: true, description: The contact, schema: {type: string}}
  post:
    operationId: attachContactToACompany
    parameters:
    - {name: verbose, in: query, schema: {type: boolean}}
    responses: {'200': {description: ok}}
`
