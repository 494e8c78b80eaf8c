package oauth

import (
	"context"
	"encoding/json"
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

// tokenServer is an Intercom token endpoint checking the request it gets.
func tokenServer(t *testing.T, status int, answer string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, http.MethodPost, r.Method, "request")
		assert.Equal(t, "/auth/eagle/token", r.URL.Path, "request")
		assert.Equal(t, "application/x-www-form-urlencoded", r.Header.Get("Content-Type"), "Content-Type")
		assert.NoError(t, r.ParseForm())
		assert.Equal(t, "the-code", r.PostForm.Get("code"), "form = %v", r.PostForm)
		assert.Equal(t, "cid", r.PostForm.Get("client_id"), "form = %v", r.PostForm)
		assert.Equal(t, "csecret", r.PostForm.Get("client_secret"), "form = %v", r.PostForm)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(answer))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func testConfig(srv *httptest.Server) *Config {
	return &Config{ClientID: "cid", ClientSecret: "csecret", Region: Region{APIBase: srv.URL}, HTTPClient: srv.Client()}
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

func TestState(t *testing.T) {
	a, err := NewState()
	require.NoError(t, err)
	b, _ := NewState()
	require.NotEqual(t, b, a, "states %q %q: want distinct, 43 URL-safe characters", a, b)
	require.Equal(t, 43, len(a), "states %q %q: want distinct, 43 URL-safe characters", a, b)
	require.False(t, strings.ContainsAny(a, "+/="), "states %q %q: want distinct, 43 URL-safe characters", a, b)
	require.NoError(t, CheckState(a, a))
	for _, got := range []string{b, "", a[:42], a + "x"} {
		assert.ErrorIs(t, CheckState(a, got), ErrStateMismatch, "CheckState(%q)", got)
	}
	assert.ErrorIs(t, CheckState("", ""), ErrStateMismatch, "empty expected state matched")
}

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
