package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDiff214To216 runs the whole "make diff FROM=2.14 TO=2.16" pipeline
// (normaliser, pinned oasdiff, Go API diff of gen/v2_14 and gen/v2_16) and
// checks that changes known to be in those versions are reported.
func TestDiff214To216(t *testing.T) {
	prj := checkoutProject(t)
	var log bytes.Buffer
	prj.stderr = &log
	var out bytes.Buffer
	err := prj.diff(context.Background(), "2.14", "2.16", &out)
	require.NoError(t, err, "diff: %v\n%s", err, log.String())
	got := out.String()
	for _, want := range []string{
		"# Intercom API 2.14 -> 2.16",
		// Operations: one renamed, some added.
		"~ GET /custom_object_instances/{custom_object_type_identifier}: getCustomObjectInstancesByExternalId -> listCustomObjectInstances",
		"+ GET /brands (listBrands)",
		"+ DELETE /audiences/{id} (deleteAudience)",
		// oasdiff: contact owner_id became a string, in requests and responses.
		"error   GET /contacts (ListContacts): the `data/items/owner_id` response's property `type` changed from `integer` to `string` for status `200` [response-property-type-changed]",
		"error   POST /contacts (CreateContact): the `owner_id` request property `type` changed from `integer` to `string` [request-property-type-changed]",
		"error   GET /tickets/{ticket_id} (getTicket): the `admin_assignee_id` response's property `type` changed from `string` to `integer`",
		"[request-parameter-enum-value-removed]",
		// Go API.
		"## Go API: gen/v2_14 -> gen/v2_16",
		"~ field Contact.OwnerId: *int -> *string",
		"~ field CreateContactRequest.OwnerId: nullable.Nullable[int] -> nullable.Nullable[string]",
		"~ field ConversationSource.Author: *ConversationPartAuthor -> *ConversationSourceAuthor",
		"- type ConversationSourceType string",
		"- method ClientWithResponses.GetCustomObjectInstancesByExternalIdWithResponse",
		"- const ConversationPriorityNotPriority ConversationPriority = \"not_priority\"",
		"~ const Version: = \"2.14\" -> = \"2.16\"",
		"+ method ClientWithResponses.ListBrandsWithResponse",
	} {
		assert.Contains(t, got, want, "diff output lacks")
	}
	if t.Failed() {
		t.Logf("output:\n%s", got)
	}
	assert.Contains(t, got, "removed: 0\n", "2.14 -> 2.16 removes no operation, yet the output lists some")
}

func TestDiffNeedsBothVersions(t *testing.T) {
	p := &project{}
	require.Error(t, p.diff(context.Background(), "2.14", "", &bytes.Buffer{}), "diff without -to accepted")
}
