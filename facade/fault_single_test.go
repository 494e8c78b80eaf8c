package facade_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
					require.NoError(t, err, "call failed")
					assert.Equal(t, len(fc.faults)+1, hits, "server saw requests")
					assert.Len(t, sl.get(), len(fc.faults)+fc.refuse, "waits")
				} else {
					require.Error(t, err, "write succeeded despite the fault")
					assert.Equal(t, 1, hits, "write reached the server, want exactly once")
					assert.Empty(t, sl.get(), "write waited to retry")
					var e *facade.Error
					if fc.status != 0 {
						if assert.ErrorAs(t, err, &e, "want *Error with status %d", fc.status) {
							assert.Equal(t, fc.status, e.StatusCode, "error %v, want *Error with status %d", err, fc.status)
						}
					} else {
						assert.NotErrorAs(t, err, &e, "error is an HTTP status, want the transport or decoding failure")
					}
				}
				for i, b := range f.bodiesOf(o.key) {
					assert.Equal(t, o.body, b, "attempt %d sent body", i+1)
				}
				if fc.refuse > 0 {
					assert.Equal(t, int64(fc.refuse), tt.c.dialsRefused.Load(), "refused dials")
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
			require.Error(t, err, "succeeded against a permanent fault")
			assert.Equal(t, 4, f.hitCount("GET /tags"), "server saw requests, want 1 + 3 retries")
			assert.Len(t, sl.get(), 3, "waits")
			var e *facade.Error
			if tc.status != 0 && assert.ErrorAs(t, err, &e, "want *Error %d", tc.status) {
				assert.Equal(t, tc.status, e.StatusCode, "error %v, want *Error %d", err, tc.status)
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
		require.NoError(t, testOps[0].check(c, ctx), "call %d", i)
	}
	require.Error(t, testOps[2].check(c, ctx), "write succeeded despite a 500")
	var e *facade.Error
	err := testOps[0].check(c, ctx)
	require.ErrorAs(t, err, &e, "want a 404 *Error")
	require.Equal(t, http.StatusNotFound, e.StatusCode, "got %v, want a 404 *Error", err)
	reqs := f.hitCount("GET /tags") + f.hitCount("POST /contacts")
	assert.Less(t, tt.c.dials.Load(), int64(reqs), "no connection was reused: dials for %d requests", reqs)
	tt.c.assertNoLeaks(t, tt.Transport)
}
