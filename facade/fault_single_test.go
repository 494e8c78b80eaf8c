package facade_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
)

// faultCase is one injected failure and what a write (non-idempotent
// POST) must do about it; safe requests always recover.
type faultCase struct {
	name   string
	faults []fault
	refuse int // dials refused before the request reaches the server
	// writeRetried: the write is re-sent (and succeeds); otherwise it is
	// sent exactly once and its error returned.
	writeRetried bool
	// status is the *Error status a write gets when not retried; 0 when
	// the failure is not an HTTP status.
	status int
	slow   bool // needs a client timeout
}

func faultCases() []faultCase {
	soon := time.Now().Add(2 * time.Second)
	return []faultCase{
		{name: "429", faults: []fault{rateLimited(soon)}, writeRetried: true},
		{name: "429-burst", faults: []fault{rateLimited(soon), rateLimited(soon), rateLimited(soon)}, writeRetried: true},
		{name: "408", faults: []fault{answer(408)}, status: 408},
		{name: "500", faults: []fault{answer(500)}, status: 500},
		{name: "502", faults: []fault{answer(502)}, status: 502},
		{name: "503", faults: []fault{answer(503)}, status: 503},
		{name: "504", faults: []fault{answer(504)}, status: 504},
		{name: "5xx-burst", faults: []fault{answer(502), answer(503), answer(500)}, status: 502},
		{name: "connection-refused", refuse: 1, writeRetried: true},
		{name: "reset-before-headers", faults: []fault{resetBeforeHeaders}},
		{name: "reset-after-headers", faults: []fault{resetAfterHeaders}},
		{name: "short-body", faults: []fault{shortBody}},
		{name: "truncated-json", faults: []fault{truncatedJSON}},
		{name: "headers-slower-than-timeout", faults: []fault{slowHeaders}, slow: true},
		{name: "200-garbage", faults: []fault{garbage200}},
	}
}

// TestFaultSingleCall injects every listed fault into a GET, a read-only
// POST and a non-idempotent POST: the first two must recover with the
// right data and a replayed body; the write must be re-sent only after a
// 429 or a refused connection, and otherwise reach the server exactly
// once and return an error. Every case must close every body and
// connection and leave no goroutine behind.
func TestFaultSingleCall(t *testing.T) {
	for _, fc := range faultCases() {
		for _, o := range testOps {
			t.Run(fc.name+"/"+o.name, func(t *testing.T) {
				facade.CheckGoroutines(t)
				f := newFakeAPI(t, fc.faults...)
				tt := newTestTransport(t, false)
				tt.refuseNext.Store(int64(fc.refuse))
				// Only the slow-headers case needs a client timeout; elsewhere
				// one would close leaked bodies and hide them.
				var timeout time.Duration
				if fc.slow {
					timeout = 300 * time.Millisecond
				}
				c, sl := newRetryClient(t, f, tt, timeout)

				err := o.check(c, context.Background())
				hits := f.hitCount(o.key)
				recovered := o.safe || fc.writeRetried
				if recovered {
					if err != nil {
						t.Fatalf("call failed: %v", err)
					}
					if want := len(fc.faults) + 1; hits != want {
						t.Errorf("server saw %d requests, want %d", hits, want)
					}
					if want := len(fc.faults) + fc.refuse; len(sl.get()) != want {
						t.Errorf("waited %d times (%v), want %d", len(sl.get()), sl.get(), want)
					}
				} else {
					if err == nil {
						t.Fatal("write succeeded despite the fault")
					}
					if hits != 1 {
						t.Errorf("write reached the server %d times, want exactly 1", hits)
					}
					if len(sl.get()) != 0 {
						t.Errorf("write waited to retry: %v", sl.get())
					}
					var e *facade.Error
					if fc.status != 0 {
						if !errors.As(err, &e) || e.StatusCode != fc.status {
							t.Errorf("error %v (%T), want *Error with status %d", err, err, fc.status)
						}
					} else if errors.As(err, &e) {
						t.Errorf("error is an HTTP status (%d), want the transport or decoding failure", e.StatusCode)
					}
				}
				for i, b := range f.bodiesOf(o.key) {
					if b != o.body {
						t.Errorf("attempt %d sent body %q, want %q", i+1, b, o.body)
					}
				}
				if fc.refuse > 0 && tt.c.dialsRefused.Load() != int64(fc.refuse) {
					t.Errorf("refused %d dials, want %d", tt.c.dialsRefused.Load(), fc.refuse)
				}
				tt.c.assertNoLeaks(t, tt.Transport)
			})
		}
	}
}

// TestFaultPersistentEndsWithError checks that a fault that never goes
// away ends, after MaxRetries re-sends, with the last failure rather
// than hanging or succeeding with partial data.
func TestFaultPersistentEndsWithError(t *testing.T) {
	soon := time.Now().Add(2 * time.Second)
	cases := []struct {
		name   string
		f      fault
		status int
	}{
		{"429", rateLimited(soon), 429},
		{"503", answer(503), 503},
		{"reset-before-headers", resetBeforeHeaders, 0},
		{"reset-after-headers", resetAfterHeaders, 0},
		{"truncated-json", truncatedJSON, 0},
		{"200-garbage", garbage200, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			facade.CheckGoroutines(t)
			f := newFakeAPI(t, tc.f, tc.f, tc.f, tc.f, tc.f, tc.f)
			tt := newTestTransport(t, false)
			c, sl := newRetryClient(t, f, tt, 0)
			_, err := c.API.ListTagsWithResponse(context.Background())
			if err == nil {
				t.Fatal("succeeded against a permanent fault")
			}
			if got := f.hitCount("GET /tags"); got != 4 {
				t.Errorf("server saw %d requests, want 1 + 3 retries", got)
			}
			if len(sl.get()) != 3 {
				t.Errorf("waited %d times, want 3", len(sl.get()))
			}
			var e *facade.Error
			if tc.status != 0 && (!errors.As(err, &e) || e.StatusCode != tc.status) {
				t.Errorf("error %v, want *Error %d", err, tc.status)
			}
			tt.c.assertNoLeaks(t, tt.Transport)
		})
	}
}

// TestFaultKeepAliveNoLeaks repeats a mix of faults over one pooled
// connection set: connections must be reused or closed, never held by an
// unclosed body.
func TestFaultKeepAliveNoLeaks(t *testing.T) {
	facade.CheckGoroutines(t)
	soon := time.Now().Add(2 * time.Second)
	f := newFakeAPI(t,
		answer(503), nil, rateLimited(soon), nil, garbage200, nil,
		answer(500), // the write gets this one and returns it
		answer(404), // and a non-retryable status for the GET
	)
	tt := newTestTransport(t, true)
	c, _ := newRetryClient(t, f, tt, 0)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if err := testOps[0].check(c, ctx); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if err := testOps[2].check(c, ctx); err == nil {
		t.Fatal("write succeeded despite a 500")
	}
	var e *facade.Error
	if err := testOps[0].check(c, ctx); !errors.As(err, &e) || e.StatusCode != http.StatusNotFound {
		t.Fatalf("got %v, want a 404 *Error", err)
	}
	if reqs := f.hitCount("GET /tags") + f.hitCount("POST /contacts"); tt.c.dials.Load() >= int64(reqs) {
		t.Errorf("no connection was reused: %d dials for %d requests", tt.c.dials.Load(), reqs)
	}
	tt.c.assertNoLeaks(t, tt.Transport)
}
