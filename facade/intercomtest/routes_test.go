package intercomtest

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestUnknownRoute(t *testing.T) {
	srv := New(t)
	e := errorList(t, raw(t, srv, "GET", "/articles", nil), http.StatusNotFound, "not_found")
	require.Contains(t, *e.Errors[0].Message, "GET /articles")
}

// A path parameter holding a slash travels escaped (crm%2F42) and is one
// parameter: the server matches the escaped path, as Intercom does.
func TestEscapedPathParameter(t *testing.T) {
	srv, c := newClient(t)
	created := createContact(t, c, v2_16.CreateContactRequest{Email: facade.Ptr("crm@example.com"), ExternalId: facade.Ptr("crm/42")})
	got, err := c.API.ShowContactByExternalIdWithResponse(ctx(t), "crm/42", nil)
	require.NoError(t, err, "find by external id crm/42")
	require.NotNil(t, got.JSON200, "find by external id crm/42: %s", got.Body)
	require.Equal(t, *created.Id, *got.JSON200.Id, "find by external id crm/42: %s", got.Body)
	r := raw(t, srv, http.MethodGet, "/contacts/find_by_external_id/crm%2F42", nil)
	require.Equal(t, http.StatusOK, r.status, "escaped path: %s", r.body)
	// Unescaped, the slash splits the path: no such route.
	r = raw(t, srv, http.MethodGet, "/contacts/find_by_external_id/crm/42", nil)
	require.Equal(t, http.StatusNotFound, r.status, "unescaped slash: %s", r.body)
	require.Equal(t, http.StatusOK, raw(t, srv, http.MethodGet, "/contacts/"+url.PathEscape(*created.Id), nil).status, "escaped plain id")
}
