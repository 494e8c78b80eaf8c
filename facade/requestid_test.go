package facade_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/require"
)

func TestRequestIDAndRateLimitOfResponses(t *testing.T) {
	srv := newJSONServer(t, http.StatusOK, http.Header{
		"X-Request-Id":          {"req-7"},
		"X-Ratelimit-Limit":     {"167"},
		"X-Ratelimit-Remaining": {"166"},
		"X-Ratelimit-Reset":     {"1487332510"},
	}, tagsBody)
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)
	if _, ok := c.LastRateLimit(); ok {
		t.Fatal("rate limit before any request")
	}
	resp, err := c.API.ListTagsWithResponse(context.Background())
	require.NoError(t, err)
	if id := facade.RequestID(resp.HTTPResponse); id != "req-7" {
		t.Errorf("RequestID = %q", id)
	}
	want := facade.RateLimit{Limit: 167, Remaining: 166, Reset: time.Unix(1487332510, 0)}
	if rl, ok := facade.RateLimitOf(resp.HTTPResponse); !ok || rl != want {
		t.Errorf("RateLimitOf = %+v, %v; want %+v", rl, ok, want)
	}
	if rl, ok := c.LastRateLimit(); !ok || rl != want {
		t.Errorf("LastRateLimit = %+v, %v; want %+v", rl, ok, want)
	}
	if facade.RequestID(nil) != "" {
		t.Error("RequestID(nil)")
	}
	if _, ok := facade.RateLimitOf(nil); ok {
		t.Error("RateLimitOf(nil)")
	}
}

// A token in the request id of a successful response is scrubbed by the
// exported RequestID too, also after a redirect within the API host.
func TestRequestIDScrubsCredential(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/tags" {
			http.Redirect(w, r, "/tags2", http.StatusFound)
			return
		}
		w.Header().Set("X-Request-Id", "id-"+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"type":"list","data":[]}`)
	}))
	defer srv.Close()
	c, err := v2_16.New(facade.WithToken(testToken), facade.WithBaseURL(srv.URL))
	require.NoError(t, err)
	resp, err := c.API.ListTagsWithResponse(context.Background())
	require.NoError(t, err)
	if got := facade.RequestID(resp.HTTPResponse); got != "id-"+facade.Redacted {
		t.Fatalf("RequestID = %q", got)
	}
}
