package intercomtest

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
)

func TestListensOnLoopbackOnly(t *testing.T) {
	srv := New(t)
	u, err := url.Parse(srv.URL())
	require.NoError(t, err)
	host, _, _ := net.SplitHostPort(u.Host)
	require.Equal(t, "127.0.0.1", host, "listening on %s", u.Host)
}

func TestUnauthorized(t *testing.T) {
	srv := New(t, WithToken("right"))
	r := raw(t, srv, "GET", "/me", nil, "Authorization", "Bearer wrong")
	e := errorList(t, r, http.StatusUnauthorized, "unauthorized")
	require.Equal(t, "Access Token Invalid", *e.Errors[0].Message)
	errorList(t, raw(t, srv, "GET", "/me", nil, "Authorization", ""), http.StatusUnauthorized, "unauthorized")
	require.Equal(t, http.StatusOK, raw(t, srv, "GET", "/me", nil, "Authorization", "Bearer right").status, "right token")
}

func TestRejectsUndefinedIntercomVersion(t *testing.T) {
	srv := New(t)
	errorList(t, raw(t, srv, "GET", "/me", nil, "Intercom-Version", "9.99"), http.StatusBadRequest, "intercom_version_invalid")
	for _, v := range []string{"2.11", "2.16", "Preview", "1.0"} {
		assert.Equal(t, http.StatusOK, raw(t, srv, "GET", "/me", nil, "Intercom-Version", v).status, "version %s", v)
	}
	// The client refuses an unknown version before sending anything.
	_, err := srv.Client(facade.WithVersion("3.0"))
	require.ErrorIs(t, err, facade.ErrConfig, "client pinned to 3.0")
}

func TestCloseEndsHeldRequestsWithoutLeaks(t *testing.T) {
	before := runtime.NumGoroutine()
	srv, err := Start()
	require.NoError(t, err)
	srv.AddFault(Fault{Latency: time.Hour})
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest("GET", srv.URL()+"/me", nil)
		req.Header.Set("Authorization", "Bearer "+srv.Token())
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		done <- err
	}()
	deadline := time.Now().Add(5 * time.Second)
	for len(srv.Requests()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		require.FailNow(t, "Close waited for the injected latency")
	}
	<-done
	srv.Close() // idempotent
	http.DefaultClient.CloseIdleConnections()
	for time.Now().Before(deadline) && runtime.NumGoroutine() > before {
		time.Sleep(10 * time.Millisecond)
	}
	n := runtime.NumGoroutine()
	require.LessOrEqual(t, n, before, "%d goroutines after Close, %d before", n, before)
}

func TestConcurrentClients(t *testing.T) {
	srv, c := newClient(t)
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			_, err := c.API.CreateContactWithBodyWithResponse(ctx(t), "application/json",
				jsonBody(`{"email":"p`+strconv.Itoa(i)+`@example.com"}`))
			errs <- err
		}()
	}
	for range 8 {
		require.NoError(t, <-errs)
	}
	require.Len(t, srv.Contacts(), 8)
}
