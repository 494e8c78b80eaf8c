package oauth

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Helpers shared by the package's test files.

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

const distinctSecret = "cs-Zq9/+<&>\"x\\-SECRET-4242"

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }
