package oauth

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every error the package returns carries the module's prefix, so that a
// log line says which library failed; errors.Is on the sentinels is
// unaffected by the wording.
func TestErrorsCarryTheModulePrefix(t *testing.T) {
	_, authorize := (&Config{}).AuthorizeURL("s")
	_, exchange := (&Config{ClientID: "id"}).Exchange(context.Background(), "")
	_, region := ForRegion("mars")
	for _, err := range []error{
		ErrNoCode, ErrNoToken, ErrRedirectRefused, ErrResponseTooLarge, ErrStateMismatch,
		&Error{StatusCode: 400, Code: "invalid_grant"},
		&CallbackError{Code: "access_denied"}, &CallbackError{Code: "access_denied", Description: "declined"},
		authorize, exchange,
	} {
		assert.Regexp(t, `^intercom: oauth: `, err.Error())
	}
	assert.Regexp(t, `^intercom: `, region.Error())
}

func TestExchangeErrors(t *testing.T) {
	srv := tokenServer(t, http.StatusUnauthorized, `{"type":"error.list","request_id":"r1","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`)
	_, err := testConfig(srv).Exchange(context.Background(), "the-code")
	var oe *Error
	require.ErrorAs(t, err, &oe, "error list")
	require.Equal(t, 401, oe.StatusCode, "error list")
	require.Equal(t, "unauthorized", oe.Code, "error list")
	require.Equal(t, "Access Token Invalid", oe.Message, "error list")
	require.Contains(t, string(oe.Body), "r1", "error list")
	require.Contains(t, err.Error(), "401", "message %q", err)
	require.Contains(t, err.Error(), "Access Token Invalid", "message %q", err)

	srv = tokenServer(t, http.StatusBadRequest, `{"error":"invalid_grant","error_description":"code expired"}`)
	_, err = testConfig(srv).Exchange(context.Background(), "the-code")
	require.ErrorAs(t, err, &oe, "oauth error")
	require.Equal(t, 400, oe.StatusCode, "oauth error")
	require.Equal(t, "invalid_grant", oe.Code, "oauth error")
	require.Equal(t, "code expired", oe.Message, "oauth error")

	srv = tokenServer(t, http.StatusBadGateway, `<html>bad gateway</html>`)
	_, err = testConfig(srv).Exchange(context.Background(), "the-code")
	require.ErrorAs(t, err, &oe, "non-JSON error")
	require.Equal(t, 502, oe.StatusCode, "non-JSON error")
	require.Empty(t, oe.Code, "non-JSON error")
	require.Equal(t, "<html>bad gateway</html>", string(oe.Body), "non-JSON error")

	srv = tokenServer(t, http.StatusOK, `{"token_type":"Bearer"}`)
	_, err = testConfig(srv).Exchange(context.Background(), "the-code")
	require.ErrorIs(t, err, ErrNoToken, "no token")
	srv = tokenServer(t, http.StatusOK, `not json`)
	_, err = testConfig(srv).Exchange(context.Background(), "the-code")
	require.Error(t, err, "undecodable answer accepted")
}

// An error answer that echoes the form, raw or JSON-escaped, in its code,
// message or body shows neither the client secret nor the code.
func TestExchangeErrorScrubsSecret(t *testing.T) {
	const code = "the-code-0123456789"
	for _, echo := range []string{distinctSecret, strings.Trim(jsonString(distinctSecret), `"`), `\u0063\u0073\u002d` + strings.Trim(jsonString(distinctSecret[3:]), `"`)} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"error":"invalid_client %s","error_description":"client_secret=%s code=%s","echo":"%s"}`, echo, echo, code, r.PostForm.Encode())
		}))
		c := &Config{ClientID: "cid", ClientSecret: distinctSecret, Region: Region{APIBase: srv.URL}}
		_, err := c.Exchange(context.Background(), code)
		srv.Close()
		var oe *Error
		require.ErrorAs(t, err, &oe)
		require.Equal(t, http.StatusBadRequest, oe.StatusCode)
		shown := fmt.Sprintf("%v %+v %s %s %s", err, *oe, oe.Code, oe.Message, oe.Body)
		for _, f := range []string{distinctSecret, strings.Trim(jsonString(distinctSecret), `"`), code} {
			require.NotContains(t, shown, f, "echo %q: %q shown: %s", echo, f, shown)
		}
		require.Contains(t, oe.Message, "client_secret="+redacted, "message")
	}
}
