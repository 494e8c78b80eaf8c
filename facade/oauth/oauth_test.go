package oauth

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

func TestAuthorizeURL(t *testing.T) {
	c := Config{ClientID: "client 1", RedirectURL: "https://example.com/cb?x=1"}
	raw, err := c.AuthorizeURL("st&te")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if u.Scheme != "https" || u.Host != "app.intercom.io" || u.Path != "/oauth" {
		t.Fatalf("URL = %s", raw)
	}
	q := u.Query()
	if q.Get("client_id") != "client 1" || q.Get("state") != "st&te" || q.Get("redirect_uri") != "https://example.com/cb?x=1" || len(q) != 3 {
		t.Fatalf("query = %v", q)
	}

	c = Config{ClientID: "id", Region: EU}
	raw, _ = c.AuthorizeURL("s")
	if !strings.HasPrefix(raw, "https://app.eu.intercom.com/oauth?") || strings.Contains(raw, "redirect_uri") {
		t.Fatalf("EU without redirect = %s", raw)
	}
	c = Config{ClientID: "id", Region: Region{AppBase: "http://127.0.0.1:9/"}}
	if raw, _ = c.AuthorizeURL("s"); raw != "http://127.0.0.1:9/oauth?client_id=id&state=s" {
		t.Fatalf("custom base = %s", raw)
	}
	if _, err := (&Config{}).AuthorizeURL("s"); err == nil {
		t.Error("empty client ID accepted")
	}
	if _, err := (&Config{ClientID: "id"}).AuthorizeURL(""); err == nil {
		t.Error("empty state accepted")
	}
}

// tokenServer is an Intercom token endpoint checking the request it gets.
func tokenServer(t *testing.T, status int, answer string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/auth/eagle/token" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
			t.Errorf("Content-Type %q", ct)
		}
		if err := r.ParseForm(); err != nil {
			t.Error(err)
		}
		if r.PostForm.Get("code") != "the-code" || r.PostForm.Get("client_id") != "cid" || r.PostForm.Get("client_secret") != "csecret" {
			t.Errorf("form = %v", r.PostForm)
		}
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
		if err != nil || got != c.want {
			t.Errorf("%s: Exchange = %q, %v; want %q", name, got, err, c.want)
		}
	}
}

func TestExchangeErrors(t *testing.T) {
	srv := tokenServer(t, http.StatusUnauthorized, `{"type":"error.list","request_id":"r1","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`)
	_, err := testConfig(srv).Exchange(context.Background(), "the-code")
	var oe *Error
	if !errors.As(err, &oe) || oe.StatusCode != 401 || oe.Code != "unauthorized" || oe.Message != "Access Token Invalid" || !strings.Contains(string(oe.Body), "r1") {
		t.Fatalf("error list: %#v", err)
	}
	if !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "Access Token Invalid") {
		t.Fatalf("message %q", err)
	}

	srv = tokenServer(t, http.StatusBadRequest, `{"error":"invalid_grant","error_description":"code expired"}`)
	_, err = testConfig(srv).Exchange(context.Background(), "the-code")
	if !errors.As(err, &oe) || oe.StatusCode != 400 || oe.Code != "invalid_grant" || oe.Message != "code expired" {
		t.Fatalf("oauth error: %#v", err)
	}

	srv = tokenServer(t, http.StatusBadGateway, `<html>bad gateway</html>`)
	_, err = testConfig(srv).Exchange(context.Background(), "the-code")
	if !errors.As(err, &oe) || oe.StatusCode != 502 || oe.Code != "" || string(oe.Body) != "<html>bad gateway</html>" {
		t.Fatalf("non-JSON error: %#v", err)
	}

	srv = tokenServer(t, http.StatusOK, `{"token_type":"Bearer"}`)
	if _, err = testConfig(srv).Exchange(context.Background(), "the-code"); !errors.Is(err, ErrNoToken) {
		t.Fatalf("no token: %v", err)
	}
	srv = tokenServer(t, http.StatusOK, `not json`)
	if _, err = testConfig(srv).Exchange(context.Background(), "the-code"); err == nil {
		t.Fatal("undecodable answer accepted")
	}
}

func TestExchangeValidatesAndHonoursContext(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c := testConfig(srv)
	if _, err := c.Exchange(context.Background(), ""); err == nil {
		t.Error("empty code accepted")
	}
	if _, err := (&Config{ClientID: "cid", Region: c.Region}).Exchange(context.Background(), "x"); err == nil {
		t.Error("missing secret accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Exchange(ctx, "the-code"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests sent for invalid exchanges", n)
	}
}

// The exchanged token is what facade.WithToken takes: a client built with
// it authenticates its API calls with that token.
func TestExchangedTokenWorksWithFacade(t *testing.T) {
	tokens := tokenServer(t, http.StatusOK, `{"token_type":"Bearer","token":"installed-token","access_token":"installed-token"}`)
	token, err := testConfig(tokens).Exchange(context.Background(), "the-code")
	if err != nil {
		t.Fatal(err)
	}
	var auth string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"type": "list", "data": []any{}})
	}))
	defer api.Close()
	client, err := v2_16.New(facade.WithToken(token), facade.WithBaseURL(api.URL), facade.WithHTTPClient(api.Client()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.API.ListTagsWithResponse(context.Background()); err != nil {
		t.Fatal(err)
	}
	if auth != "Bearer installed-token" {
		t.Fatalf("Authorization = %q", auth)
	}
}

func TestState(t *testing.T) {
	a, err := NewState()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewState()
	if a == b || len(a) != 43 || strings.ContainsAny(a, "+/=") {
		t.Fatalf("states %q %q: want distinct, 43 URL-safe characters", a, b)
	}
	if err := CheckState(a, a); err != nil {
		t.Fatal(err)
	}
	for _, got := range []string{b, "", a[:42], a + "x"} {
		if err := CheckState(a, got); !errors.Is(err, ErrStateMismatch) {
			t.Errorf("CheckState(%q) = %v", got, err)
		}
	}
	if err := CheckState("", ""); !errors.Is(err, ErrStateMismatch) {
		t.Error("empty expected state matched")
	}
}

func TestCallback(t *testing.T) {
	req := func(q string) *http.Request { return httptest.NewRequest(http.MethodGet, "/oauth/callback?"+q, nil) }
	code, err := Callback(req("code=abc&state=s1"), "s1")
	if err != nil || code != "abc" {
		t.Fatalf("Callback = %q, %v", code, err)
	}
	if _, err := Callback(req("code=abc&state=s2"), "s1"); !errors.Is(err, ErrStateMismatch) {
		t.Errorf("other state: %v", err)
	}
	if _, err := Callback(req("code=abc"), "s1"); !errors.Is(err, ErrStateMismatch) {
		t.Errorf("no state: %v", err)
	}
	var ce *CallbackError
	if _, err := Callback(req("error=access_denied&error_description=declined&state=s1"), "s1"); !errors.As(err, &ce) || ce.Code != "access_denied" || ce.Description != "declined" {
		t.Errorf("error redirect: %v", err)
	}
	if _, err := Callback(req("state=s1"), "s1"); !errors.Is(err, ErrNoCode) {
		t.Errorf("no code: %v", err)
	}
}
