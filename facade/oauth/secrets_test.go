package oauth

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const distinctSecret = "cs-Zq9/+<&>\"x\\-SECRET-4242"

// Printing a Config, with any verb or through log/slog, never shows the
// client secret.
func TestConfigNeverPrintsSecret(t *testing.T) {
	c := Config{ClientID: "cid", ClientSecret: distinctSecret, Region: EU}
	var out strings.Builder
	for _, v := range []any{c, &c} {
		fmt.Fprintf(&out, "%v|%+v|%#v|%s|%q|%x|%d\n", v, v, v, v, v, v, v)
		slog.New(slog.NewTextHandler(&out, nil)).Info("cfg", "config", v)
		slog.New(slog.NewJSONHandler(&out, nil)).Info("cfg", "config", v)
	}
	for _, f := range []string{distinctSecret, fmt.Sprintf("%x", distinctSecret), strings.Trim(jsonString(distinctSecret), `"`)} {
		require.NotContains(t, out.String(), f, "secret printed")
	}
	require.Contains(t, out.String(), `ClientID:"cid"`, "config not described")
	require.Contains(t, out.String(), redacted, "config not described")
}

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }

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

// The exchange never follows a redirect to another origin: the other host
// receives nothing, whatever the status (307 and 308 would re-send the
// form with the secret and the code). A redirect within the origin is
// followed.
func TestExchangeRefusesCrossOriginRedirect(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"stolen"}`)
	}))
	defer other.Close()
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == tokenPath {
				http.Redirect(w, r, other.URL+"/steal", status)
				return
			}
		}))
		for _, hc := range []Doer{nil, srv.Client(), &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}} {
			c := &Config{ClientID: "cid", ClientSecret: distinctSecret, Region: Region{APIBase: srv.URL}, HTTPClient: hc}
			tok, err := c.Exchange(context.Background(), "the-code")
			assert.ErrorIs(t, err, ErrRedirectRefused, "%d: Exchange = %q", status, tok)
			assert.Empty(t, tok, "%d: Exchange = %q", status, tok)
		}
		srv.Close()
	}
	n := elsewhere.Load()
	require.Equal(t, int32(0), n, "the other origin received %d requests", n)

	same := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == tokenPath {
			http.Redirect(w, r, "/v2"+tokenPath, http.StatusTemporaryRedirect)
			return
		}
		_ = r.ParseForm()
		assert.Equal(t, distinctSecret, r.PostForm.Get("client_secret"), "same-origin redirect lost the form: %v", r.PostForm)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"ok"}`)
	}))
	defer same.Close()
	c := &Config{ClientID: "cid", ClientSecret: distinctSecret, Region: Region{APIBase: same.URL}}
	tok, err := c.Exchange(context.Background(), "the-code")
	require.NoError(t, err, "same-origin redirect")
	require.Equal(t, "ok", tok, "same-origin redirect")
}

// The endpoints can be set outright; AuthorizeEndpoint keeps its own query.
func TestEndpointOverrides(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/custom/token", r.URL.Path, "token request to %s", r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"t"}`)
	}))
	defer srv.Close()
	c := &Config{ClientID: "cid", ClientSecret: "secret", Region: EU,
		AuthorizeEndpoint: "https://auth.example/oauth?x=1", TokenEndpoint: srv.URL + "/custom/token"}
	u, err := c.AuthorizeURL("st")
	require.NoError(t, err, "AuthorizeURL")
	require.Equal(t, "https://auth.example/oauth?client_id=cid&state=st&x=1", u, "AuthorizeURL")
	tok, err := c.Exchange(context.Background(), "code")
	require.NoError(t, err, "Exchange")
	require.Equal(t, "t", tok, "Exchange")
	_, err = (&Config{ClientID: "cid", AuthorizeEndpoint: "/relative"}).AuthorizeURL("st")
	require.Error(t, err, "relative authorize endpoint accepted")
}

// A token response longer than the limit fails with ErrResponseTooLarge.
func TestExchangeResponseLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"t","pad":"%s"}`, strings.Repeat("a", 4096))
	}))
	defer srv.Close()
	c := &Config{ClientID: "cid", ClientSecret: "secret", Region: Region{APIBase: srv.URL}, MaxResponseBytes: 1024}
	_, err := c.Exchange(context.Background(), "code")
	require.ErrorIs(t, err, ErrResponseTooLarge)
	c.MaxResponseBytes = 0
	tok, err := c.Exchange(context.Background(), "code")
	require.NoError(t, err, "default limit")
	require.Equal(t, "t", tok, "default limit")
}
