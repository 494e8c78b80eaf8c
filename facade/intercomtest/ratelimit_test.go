package intercomtest

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRateLimitHeadersAnd429(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	srv := New(t, WithRateLimit(2, 10*time.Second), WithClock(func() time.Time { return now }))
	r1 := raw(t, srv, "GET", "/me", nil)
	require.Equal(t, "2", r1.header.Get("X-RateLimit-Limit"), "headers %v", r1.header)
	require.Equal(t, "1", r1.header.Get("X-RateLimit-Remaining"), "headers %v", r1.header)
	reset, _ := strconv.ParseInt(r1.header.Get("X-RateLimit-Reset"), 10, 64)
	require.Equal(t, now.Unix()+10, reset, "reset")
	raw(t, srv, "GET", "/me", nil)
	r3 := raw(t, srv, "GET", "/me", nil)
	errorList(t, r3, http.StatusTooManyRequests, "rate_limit_exceeded")
	require.Equal(t, "0", r3.header.Get("X-RateLimit-Remaining"))
	now = now.Add(10 * time.Second) // the next window
	require.Equal(t, http.StatusOK, raw(t, srv, "GET", "/me", nil).status, "after reset")
}

// TestDefaultRateLimitIsIntercoms10SecondWindow: without WithRateLimit
// the headers describe Intercom's 10-second windows (10,000 a minute is
// 1,667 per 10 seconds), not a one-minute window.
func TestDefaultRateLimitIsIntercoms10SecondWindow(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	srv := New(t, WithClock(func() time.Time { return now }))
	r := raw(t, srv, "GET", "/me", nil)
	require.Equal(t, "1667", r.header.Get("X-RateLimit-Limit"))
	require.Equal(t, "1666", r.header.Get("X-RateLimit-Remaining"))
	reset, _ := strconv.ParseInt(r.header.Get("X-RateLimit-Reset"), 10, 64)
	require.Equal(t, now.Unix()+10, reset, "X-RateLimit-Reset, want now+10s")
}
