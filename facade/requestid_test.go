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
	"github.com/stretchr/testify/assert"
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
	_, ok := c.LastRateLimit()
	require.False(t, ok, "rate limit before any request")
	resp, err := c.API.ListTagsWithResponse(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "req-7", facade.RequestID(resp.HTTPResponse), "RequestID")
	want := facade.RateLimit{Limit: 167, Remaining: 166, Reset: time.Unix(1487332510, 0)}
	rl, ok := facade.RateLimitOf(resp.HTTPResponse)
	assert.True(t, ok, "RateLimitOf")
	assert.Equal(t, want, rl, "RateLimitOf")
	rl, ok = c.LastRateLimit()
	assert.True(t, ok, "LastRateLimit")
	assert.Equal(t, want, rl, "LastRateLimit")
	assert.Empty(t, facade.RequestID(nil), "RequestID(nil)")
	_, ok = facade.RateLimitOf(nil)
	assert.False(t, ok, "RateLimitOf(nil)")
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
	require.Equal(t, "id-"+facade.Redacted, facade.RequestID(resp.HTTPResponse), "RequestID")
}
