package intercomtest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestNotes(t *testing.T) {
	srv, c := newClient(t)
	bob := srv.AddAdmin(v2_16.Admin{Name: facade.Ptr("Bob"), Email: facade.Ptr("bob@example.com")})
	ct := srv.AddContact(v2_16.Contact{Email: facade.Ptr("n@example.com")})

	// The typed createNote takes an integer contact id (a defect of the
	// description, contact ids are hex strings), so send it raw.
	r := raw(t, srv, "POST", "/contacts/"+*ct.Id+"/notes", map[string]any{"body": "<p>Called them</p>", "admin_id": *bob.Id})
	require.Equal(t, http.StatusOK, r.status, "create note: %s", r.body)
	notes, err := c.API.ListNotesWithResponse(ctx(t), *ct.Id, nil)
	require.NoError(t, err, "notes")
	require.Len(t, notes.JSON200.Data, 1, "notes")
	require.Equal(t, "Bob", *notes.JSON200.Data[0].Author.Name, "notes")
	note, err := c.API.RetrieveNoteWithResponse(ctx(t), mustAtoi(t, *notes.JSON200.Data[0].Id))
	require.NoError(t, err, "note")
	require.Equal(t, "<p>Called them</p>", *note.JSON200.Body, "note")
	require.Equal(t, *ct.Id, *note.JSON200.Contact.Id, "note")
	got, _ := srv.Contact(*ct.Id)
	require.Equal(t, 1, *got.Notes.TotalCount, "contact does not list its note")
	errorList(t, raw(t, srv, "POST", "/contacts/"+*ct.Id+"/notes", map[string]any{"admin_id": *bob.Id}), http.StatusBadRequest, "parameter_not_found")
}
