package intercomtest_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
)

func TestListensOnLoopbackOnly(t *testing.T) {
	srv := intercomtest.New(t)
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	if host, _, _ := net.SplitHostPort(u.Host); host != "127.0.0.1" {
		t.Fatalf("listening on %s", u.Host)
	}
}

func TestUnauthorized(t *testing.T) {
	srv := intercomtest.New(t, intercomtest.WithToken("right"))
	r := raw(t, srv, "GET", "/me", nil, "Authorization", "Bearer wrong")
	e := errorList(t, r, http.StatusUnauthorized, "unauthorized")
	if *e.Errors[0].Message != "Access Token Invalid" {
		t.Fatalf("message %q", *e.Errors[0].Message)
	}
	errorList(t, raw(t, srv, "GET", "/me", nil, "Authorization", ""), http.StatusUnauthorized, "unauthorized")
	if r := raw(t, srv, "GET", "/me", nil, "Authorization", "Bearer right"); r.status != http.StatusOK {
		t.Fatalf("right token: %d", r.status)
	}
}

func TestRejectsUndefinedIntercomVersion(t *testing.T) {
	srv := intercomtest.New(t)
	errorList(t, raw(t, srv, "GET", "/me", nil, "Intercom-Version", "9.99"), http.StatusBadRequest, "intercom_version_invalid")
	for _, v := range []string{"2.11", "2.16", "Preview", "1.0"} {
		if r := raw(t, srv, "GET", "/me", nil, "Intercom-Version", v); r.status != http.StatusOK {
			t.Errorf("version %s: %d", v, r.status)
		}
	}
	// The client refuses an unknown version before sending anything.
	if _, err := srv.Client(facade.WithVersion("3.0")); !errors.Is(err, facade.ErrConfig) {
		t.Fatalf("client pinned to 3.0: err = %v, want ErrConfig", err)
	}
}

func TestUnknownRoute(t *testing.T) {
	srv := intercomtest.New(t)
	e := errorList(t, raw(t, srv, "GET", "/articles", nil), http.StatusNotFound, "not_found")
	if !strings.Contains(*e.Errors[0].Message, "GET /articles") {
		t.Fatalf("message %q", *e.Errors[0].Message)
	}
}

func TestRateLimitHeadersAnd429(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	srv := intercomtest.New(t, intercomtest.WithRateLimit(2, 10*time.Second), intercomtest.WithClock(func() time.Time { return now }))
	r1 := raw(t, srv, "GET", "/me", nil)
	if r1.header.Get("X-RateLimit-Limit") != "2" || r1.header.Get("X-RateLimit-Remaining") != "1" {
		t.Fatalf("headers %v", r1.header)
	}
	if reset, _ := strconv.ParseInt(r1.header.Get("X-RateLimit-Reset"), 10, 64); reset != now.Unix()+10 {
		t.Fatalf("reset %d", reset)
	}
	raw(t, srv, "GET", "/me", nil)
	r3 := raw(t, srv, "GET", "/me", nil)
	errorList(t, r3, http.StatusTooManyRequests, "rate_limit_exceeded")
	if r3.header.Get("X-RateLimit-Remaining") != "0" {
		t.Fatalf("remaining %q", r3.header.Get("X-RateLimit-Remaining"))
	}
	now = now.Add(10 * time.Second) // the next window
	if r := raw(t, srv, "GET", "/me", nil); r.status != http.StatusOK {
		t.Fatalf("after reset: %d", r.status)
	}
}

func TestFaultStatusesAreCountedAndMatched(t *testing.T) {
	srv := intercomtest.New(t)
	srv.AddFault(intercomtest.Fault{Method: "GET", Path: "/contacts/{id}", Status: http.StatusServiceUnavailable, Times: 2})
	srv.AddFault(intercomtest.Fault{Path: "/tags", Status: http.StatusTooManyRequests})
	if r := raw(t, srv, "GET", "/me", nil); r.status != http.StatusOK {
		t.Fatalf("unmatched request: %d", r.status)
	}
	errorList(t, raw(t, srv, "GET", "/contacts/abc", nil), http.StatusServiceUnavailable, "server_error")
	errorList(t, raw(t, srv, "GET", "/contacts/def", nil), http.StatusServiceUnavailable, "server_error")
	errorList(t, raw(t, srv, "GET", "/contacts/abc", nil), http.StatusNotFound, "not_found") // used up
	r := raw(t, srv, "GET", "/tags", nil)
	errorList(t, r, http.StatusTooManyRequests, "rate_limit_exceeded")
	if r.header.Get("X-RateLimit-Remaining") != "0" || r.header.Get("X-RateLimit-Reset") == "" {
		t.Fatalf("429 headers %v", r.header)
	}
	srv.AddFault(intercomtest.Fault{Status: http.StatusInternalServerError, Times: -1})
	for range 3 {
		errorList(t, raw(t, srv, "GET", "/me", nil), http.StatusInternalServerError, "server_error")
	}
	srv.ClearFaults()
	if r := raw(t, srv, "GET", "/me", nil); r.status != http.StatusOK {
		t.Fatalf("after ClearFaults: %d", r.status)
	}
}

func TestFaultReset(t *testing.T) {
	srv, c := newClient(t)
	// Every attempt is reset, so the outcome does not depend on retries.
	srv.AddFault(intercomtest.Fault{Path: "/me", Reset: true, Times: -1})
	_, err := c.API.IdentifyAdminWithResponse(ctx(t))
	if err == nil {
		t.Fatal("reset connection reported no error")
	}
	var fe *facade.Error
	if errors.As(err, &fe) {
		t.Fatalf("a reset came back as an HTTP answer: %v", err)
	}
	srv.ClearFaults()
	if _, err := c.API.IdentifyAdminWithResponse(ctx(t)); err != nil {
		t.Fatalf("next request: %v", err)
	}
	reqs := srv.Requests()
	if len(reqs) < 2 || reqs[len(reqs)-1].Status != http.StatusOK {
		t.Fatalf("record %+v", reqs)
	}
	for _, r := range reqs[:len(reqs)-1] {
		if r.Status != 0 {
			t.Fatalf("a reset request recorded status %d", r.Status)
		}
	}
}

func TestFaultLatencyAndClientTimeout(t *testing.T) {
	srv, c := newClient(t)
	srv.AddFault(intercomtest.Fault{Path: "/me", Latency: 5 * time.Second})
	cctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.API.IdentifyAdminWithResponse(cctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the client's deadline", err)
	}
	if time.Since(start) > 4*time.Second {
		t.Fatal("the server held the request past the client's deadline")
	}

	srv.AddFault(intercomtest.Fault{Path: "/me", Latency: 50 * time.Millisecond})
	start = time.Now()
	if _, err := c.API.IdentifyAdminWithResponse(ctx(t)); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 50*time.Millisecond {
		t.Fatal("latency not applied")
	}
}

func TestCloseEndsHeldRequestsWithoutLeaks(t *testing.T) {
	before := runtime.NumGoroutine()
	srv, err := intercomtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	srv.AddFault(intercomtest.Fault{Latency: time.Hour})
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
		t.Fatal("Close waited for the injected latency")
	}
	<-done
	srv.Close() // idempotent
	http.DefaultClient.CloseIdleConnections()
	for time.Now().Before(deadline) && runtime.NumGoroutine() > before {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines after Close, %d before", n, before)
	}
}

func TestRequestsRecord(t *testing.T) {
	srv, c := newClient(t)
	if _, err := c.API.ListContactsWithResponse(ctx(t), nil, query("per_page", "5")); err != nil {
		t.Fatal(err)
	}
	raw(t, srv, "POST", "/contacts", map[string]any{"email": "r@example.com"})
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	if r := reqs[0]; r.Method != "GET" || r.Path != "/contacts" || r.Query.Get("per_page") != "5" ||
		r.Header.Get("Intercom-Version") != "2.16" || r.Status != http.StatusOK {
		t.Fatalf("first %+v", r)
	}
	if r := reqs[1]; r.Method != "POST" || !strings.Contains(string(r.Body), "r@example.com") {
		t.Fatalf("second %+v", r)
	}
	reqs[0].Header.Set("Intercom-Version", "changed")
	if srv.Requests()[0].Header.Get("Intercom-Version") != "2.16" {
		t.Fatal("Requests returned shared state")
	}
	srv.ResetRequests()
	if len(srv.Requests()) != 0 {
		t.Fatal("ResetRequests kept requests")
	}
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
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n := len(srv.Contacts()); n != 8 {
		t.Fatalf("%d contacts", n)
	}
}

// TestDefaultRateLimitIsIntercoms10SecondWindow: without WithRateLimit
// the headers describe Intercom's 10-second windows (10,000 a minute is
// 1,667 per 10 seconds), not a one-minute window.
func TestDefaultRateLimitIsIntercoms10SecondWindow(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	srv := intercomtest.New(t, intercomtest.WithClock(func() time.Time { return now }))
	r := raw(t, srv, "GET", "/me", nil)
	if got := r.header.Get("X-RateLimit-Limit"); got != "1667" {
		t.Fatalf("X-RateLimit-Limit %q, want 1667", got)
	}
	if got := r.header.Get("X-RateLimit-Remaining"); got != "1666" {
		t.Fatalf("X-RateLimit-Remaining %q", got)
	}
	if reset, _ := strconv.ParseInt(r.header.Get("X-RateLimit-Reset"), 10, 64); reset != now.Unix()+10 {
		t.Fatalf("X-RateLimit-Reset %d, want now+10s", reset)
	}
}
