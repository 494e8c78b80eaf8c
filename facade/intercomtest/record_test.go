package intercomtest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRequestsRecord(t *testing.T) {
	srv, c := newClient(t)
	_, err := c.API.ListContactsWithResponse(ctx(t), nil, query("per_page", "5"))
	require.NoError(t, err)
	raw(t, srv, "POST", "/contacts", map[string]any{"email": "r@example.com"})
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	first := reqs[0]
	require.Equal(t, "GET", first.Method, "first %+v", first)
	require.Equal(t, "/contacts", first.Path, "first %+v", first)
	require.Equal(t, "5", first.Query.Get("per_page"), "first %+v", first)
	require.Equal(t, "2.16", first.Header.Get("Intercom-Version"), "first %+v", first)
	require.Equal(t, http.StatusOK, first.Status, "first %+v", first)
	second := reqs[1]
	require.Equal(t, "POST", second.Method, "second %+v", second)
	require.Contains(t, string(second.Body), "r@example.com", "second %+v", second)
	reqs[0].Header.Set("Intercom-Version", "changed")
	require.Equal(t, "2.16", srv.Requests()[0].Header.Get("Intercom-Version"), "Requests returned shared state")
	srv.ResetRequests()
	require.Empty(t, srv.Requests(), "ResetRequests kept requests")
}
