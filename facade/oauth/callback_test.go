package oauth

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallback(t *testing.T) {
	req := func(q string) *http.Request { return httptest.NewRequest(http.MethodGet, "/oauth/callback?"+q, nil) }
	code, err := Callback(req("code=abc&state=s1"), "s1")
	require.NoError(t, err, "Callback")
	require.Equal(t, "abc", code, "Callback")
	_, err = Callback(req("code=abc&state=s2"), "s1")
	assert.ErrorIs(t, err, ErrStateMismatch, "other state")
	_, err = Callback(req("code=abc"), "s1")
	assert.ErrorIs(t, err, ErrStateMismatch, "no state")
	var ce *CallbackError
	_, err = Callback(req("error=access_denied&error_description=declined&state=s1"), "s1")
	assert.ErrorAs(t, err, &ce, "error redirect")
	assert.Equal(t, "access_denied", ce.Code, "error redirect")
	assert.Equal(t, "declined", ce.Description, "error redirect")
	_, err = Callback(req("state=s1"), "s1")
	assert.ErrorIs(t, err, ErrNoCode, "no code")
}
