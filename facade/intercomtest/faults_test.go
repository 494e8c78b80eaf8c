package intercomtest

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
)

func TestFaultStatusesAreCountedAndMatched(t *testing.T) {
	srv := New(t)
	srv.AddFault(Fault{Method: "GET", Path: "/contacts/{id}", Status: http.StatusServiceUnavailable, Times: 2})
	srv.AddFault(Fault{Path: "/tags", Status: http.StatusTooManyRequests})
	require.Equal(t, http.StatusOK, raw(t, srv, "GET", "/me", nil).status, "unmatched request")
	errorList(t, raw(t, srv, "GET", "/contacts/abc", nil), http.StatusServiceUnavailable, "server_error")
	errorList(t, raw(t, srv, "GET", "/contacts/def", nil), http.StatusServiceUnavailable, "server_error")
	errorList(t, raw(t, srv, "GET", "/contacts/abc", nil), http.StatusNotFound, "not_found") // used up
	r := raw(t, srv, "GET", "/tags", nil)
	errorList(t, r, http.StatusTooManyRequests, "rate_limit_exceeded")
	require.Equal(t, "0", r.header.Get("X-RateLimit-Remaining"), "429 headers %v", r.header)
	require.NotEmpty(t, r.header.Get("X-RateLimit-Reset"), "429 headers %v", r.header)
	srv.AddFault(Fault{Status: http.StatusInternalServerError, Times: -1})
	for range 3 {
		errorList(t, raw(t, srv, "GET", "/me", nil), http.StatusInternalServerError, "server_error")
	}
	srv.ClearFaults()
	require.Equal(t, http.StatusOK, raw(t, srv, "GET", "/me", nil).status, "after ClearFaults")
}

func TestFaultReset(t *testing.T) {
	srv, c := newClient(t)
	// Every attempt is reset, so the outcome does not depend on retries.
	srv.AddFault(Fault{Path: "/me", Reset: true, Times: -1})
	_, err := c.API.IdentifyAdminWithResponse(ctx(t))
	require.Error(t, err, "reset connection reported no error")
	var fe *facade.Error
	require.False(t, errors.As(err, &fe), "a reset came back as an HTTP answer: %v", err)
	srv.ClearFaults()
	_, err = c.API.IdentifyAdminWithResponse(ctx(t))
	require.NoError(t, err, "next request")
	reqs := srv.Requests()
	require.GreaterOrEqual(t, len(reqs), 2, "record %+v", reqs)
	require.Equal(t, http.StatusOK, reqs[len(reqs)-1].Status, "record %+v", reqs)
	for _, r := range reqs[:len(reqs)-1] {
		require.Zero(t, r.Status, "a reset request recorded a status")
	}
}

func TestFaultLatencyAndClientTimeout(t *testing.T) {
	srv, c := newClient(t)
	srv.AddFault(Fault{Path: "/me", Latency: 5 * time.Second})
	cctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.API.IdentifyAdminWithResponse(cctx)
	require.ErrorIs(t, err, context.DeadlineExceeded, "want the client's deadline")
	require.LessOrEqual(t, time.Since(start), 4*time.Second, "the server held the request past the client's deadline")

	srv.AddFault(Fault{Path: "/me", Latency: 50 * time.Millisecond})
	start = time.Now()
	_, err = c.API.IdentifyAdminWithResponse(ctx(t))
	require.NoError(t, err)
	require.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond, "latency not applied")
}
