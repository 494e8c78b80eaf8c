package intercomtest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/gen/v2_16"
)

// Each resource's 404 is Intercom's own: the code and wording differ by
// resource, and lookup answers them as the handlers always have.
func TestLookupOfAMissingIDAnswersTheResourcesOwn404(t *testing.T) {
	cases := []struct {
		name    string
		missing func() *apiError
		code    string
		message string
	}{
		{"contact", errContactNotFound, "not_found", "User Not Found"},
		{"company", errCompanyNotFound, "company_not_found", "Company Not Found"},
		{"company named by POST /tags", errTaggedCompanyNotFound, "not_found", "Company Not Found"},
		{"conversation", errConversationNotFound, "not_found", "Conversation not found"},
		{"tag", errTagNotFound, "not_found", "Tag Not Found"},
		{"admin", errAdminNotFound, "not_found", "Admin Not Found"},
		{"team", errTeamNotFound, "not_found", "Team Not Found"},
		{"note", errNoteNotFound, "not_found", "Note Not Found"},
	}
	stored := map[string]*tagRec{"1": {v: v2_16.Tag{}}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := lookup(stored, "404", tc.missing)
			assert.Nil(t, r)
			var ae *apiError
			require.ErrorAs(t, err, &ae)

			rec := httptest.NewRecorder()
			respondError(rec, "req-1", ae)
			require.Equal(t, http.StatusNotFound, rec.Code)
			assert.JSONEq(t, `{"type":"error.list","request_id":"req-1","errors":[{"code":"`+tc.code+`","message":"`+tc.message+`"}]}`, rec.Body.String())
		})
	}
}

func TestLookupFindsAStoredRecord(t *testing.T) {
	want := &tagRec{seq: 1}
	got, err := lookup(map[string]*tagRec{"7": want}, "7", errTagNotFound)
	require.NoError(t, err)
	assert.Same(t, want, got)
}

// lookupWhere takes the first match in creation order, whatever the map's
// order.
func TestLookupWhereTakesTheFirstMatchInCreationOrder(t *testing.T) {
	m := map[string]*contactRec{}
	for i, ext := range []string{"a", "dup", "b", "dup"} {
		m[string(rune('p'+i))] = &contactRec{seq: int64(i + 1), v: v2_16.Contact{ExternalId: &ext}}
	}
	for range 20 { // map iteration order varies between runs of the loop
		got, err := lookupWhere(m, func(r *contactRec) bool { return r.v.GetExternalId() == "dup" }, errContactNotFound)
		require.NoError(t, err)
		assert.Equal(t, int64(2), got.seq)
	}
	_, err := lookupWhere(m, func(r *contactRec) bool { return false }, errContactNotFound)
	var ae *apiError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, apiError{status: http.StatusNotFound, code: "not_found", msg: "User Not Found"}, *ae)
}
