package oauth

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthorizeURL(t *testing.T) {
	c := Config{ClientID: "client 1", RedirectURL: "https://example.com/cb?x=1"}
	raw, err := c.AuthorizeURL("st&te")
	require.NoError(t, err)
	u, err := url.Parse(raw)
	require.NoError(t, err)
	require.Equal(t, "https", u.Scheme, "URL = %s", raw)
	require.Equal(t, "app.intercom.io", u.Host, "URL = %s", raw)
	require.Equal(t, "/oauth", u.Path, "URL = %s", raw)
	q := u.Query()
	require.Equal(t, "client 1", q.Get("client_id"), "query")
	require.Equal(t, "st&te", q.Get("state"), "query")
	require.Equal(t, "https://example.com/cb?x=1", q.Get("redirect_uri"), "query")
	require.Len(t, q, 3, "query")

	c = Config{ClientID: "id", Region: EU}
	raw, _ = c.AuthorizeURL("s")
	require.True(t, strings.HasPrefix(raw, "https://app.eu.intercom.com/oauth?"), "EU without redirect")
	require.NotContains(t, raw, "redirect_uri", "EU without redirect")
	c = Config{ClientID: "id", Region: Region{AppBase: "http://127.0.0.1:9/"}}
	raw, _ = c.AuthorizeURL("s")
	require.Equal(t, "http://127.0.0.1:9/oauth?client_id=id&state=s", raw, "custom base")
	_, err = (&Config{}).AuthorizeURL("s")
	assert.Error(t, err, "empty client ID accepted")
	_, err = (&Config{ClientID: "id"}).AuthorizeURL("")
	assert.Error(t, err, "empty state accepted")
}

func TestExchange(t *testing.T) {
	for name, c := range map[string]struct{ answer, want string }{
		"both":         {`{"token_type":"Bearer","token":"dG9rZW4=","access_token":"dG9rZW4="}`, "dG9rZW4="},
		"token only":   {`{"token_type":"Bearer","token":"legacy"}`, "legacy"},
		"access token": {`{"access_token":"modern"}`, "modern"},
	} {
		srv := tokenServer(t, http.StatusOK, c.answer)
		got, err := testConfig(srv).Exchange(context.Background(), "the-code")
		require.NoError(t, err, "%s: Exchange = %q, %v; want %q", name, got, err, c.want)
		assert.Equal(t, c.want, got, "%s: Exchange = %q, %v; want %q", name, got, err, c.want)
	}
}

func TestExchangeValidatesAndHonoursContext(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c := testConfig(srv)
	_, err := c.Exchange(context.Background(), "")
	assert.Error(t, err, "empty code accepted")
	_, err = (&Config{ClientID: "cid", Region: c.Region}).Exchange(context.Background(), "x")
	assert.Error(t, err, "missing secret accepted")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = c.Exchange(ctx, "the-code")
	assert.ErrorIs(t, err, context.Canceled, "cancelled context")
	n := hits.Load()
	assert.Equal(t, int32(0), n, "%d requests sent for invalid exchanges", n)
}

// The exchanged token is what facade.WithToken takes: a client built with
// it authenticates its API calls with that token.
func TestExchangedTokenWorksWithFacade(t *testing.T) {
	tokens := tokenServer(t, http.StatusOK, `{"token_type":"Bearer","token":"installed-token","access_token":"installed-token"}`)
	token, err := testConfig(tokens).Exchange(context.Background(), "the-code")
	require.NoError(t, err)
	var auth string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"type": "list", "data": []any{}})
	}))
	defer api.Close()
	client, err := v2_16.New(facade.WithToken(token), facade.WithBaseURL(api.URL), facade.WithHTTPClient(api.Client()))
	require.NoError(t, err)
	_, err = client.API.ListTagsWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, "Bearer installed-token", auth, "Authorization")
}

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
