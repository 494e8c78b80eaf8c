package normalize

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNestedPathItemsMoveUp(t *testing.T) {
	doc, log, err := Normalize(spec(`
/tickets:
  get: {operationId: listTickets, responses: {'200': {description: ok}}}
  /tickets/enqueue:
    post: {operationId: enqueueCreateTicket, responses: {'200': {description: ok}}}
  /tickets/search:
    post: {operationId: staleCopy, responses: {'200': {description: ok}}}
/tickets/search:
  post: {operationId: searchTickets, responses: {'200': {description: ok}}}
`, ""))
	require.NoError(t, err)
	require.NoError(t, Validate(context.Background(), doc))
	require.NotNil(t, doc.Paths.Value("/tickets/enqueue"))
	assert.Equal(t, "enqueueCreateTicket", doc.Paths.Value("/tickets/enqueue").Post.OperationID)
	assert.Equal(t, "searchTickets", doc.Paths.Value("/tickets/search").Post.OperationID, "the top-level declaration wins")
	assert.Empty(t, doc.Paths.Value("/tickets").Extensions)
	assert.Len(t, changesOf(log, "nested-path-item"), 2)
}
