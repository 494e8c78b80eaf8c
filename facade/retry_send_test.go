package facade_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetryWaitsFollowFullJitterBackoff(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t, answer(503), answer(502), answer(500))
	tt := newTestTransport(t, true)
	c, sl := newRetryClient(t, f, tt, 0)
	require.NoError(t, testOps[0].check(c, context.Background()))
	// facade.MaxJitter draws the top of each range: ceilings 500ms, 1s, 2s.
	want := []time.Duration{500*time.Millisecond - 1, time.Second - 1, 2*time.Second - 1}
	assert.Equal(t, want, sl.get(), "waits")
}

func TestRetryNotOnOtherStatuses(t *testing.T) {
	for _, code := range []int{400, 401, 403, 404, 409, 422, 501} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			facade.CheckGoroutines(t)
			f := newFakeAPI(t, answer(code))
			tt := newTestTransport(t, true)
			c, sl := newRetryClient(t, f, tt, 0)
			err := testOps[0].check(c, context.Background())
			var e *facade.Error
			require.ErrorAs(t, err, &e, "want *Error %d", code)
			require.Equal(t, code, e.StatusCode, "got %v, want *Error %d", err, code)
			assert.Equal(t, 1, f.hitCount("GET /tags"), "retried a %d: requests", code)
			assert.Empty(t, sl.get(), "retried a %d: waits", code)
			tt.c.assertNoLeaks(t, tt.Transport)
		})
	}
}

// fixedNow is a retry clock stopped at a whole second.
var fixedNow = time.Unix(1_700_000_000, 0)

func TestRetry429WaitsUntilResetPlusJitter(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t, rateLimited(fixedNow.Add(7*time.Second)))
	tt := newTestTransport(t, true)
	sl := &sleepLog{}
	c, _ := newRetryClient(t, f, tt, 0, facade.WithRetrySeams(func() time.Time { return fixedNow }, sl.sleep, facade.MaxJitter))
	require.NoError(t, testOps[2].check(c, context.Background()))
	want := 7*time.Second + facade.DefaultRetryPolicy().RateLimitJitter - 1
	assert.Equal(t, []time.Duration{want}, sl.get(), "waits")
	assert.Equal(t, 2, f.hitCount("POST /contacts"), "write sent, want twice (a 429 is answered before acting)")
}

func TestRetry429RetryAfterWinsOverReset(t *testing.T) {
	facade.CheckGoroutines(t)
	ra := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3")
		rateLimited(fixedNow.Add(9*time.Second))(w, r)
	}
	f := newFakeAPI(t, ra)
	tt := newTestTransport(t, true)
	sl := &sleepLog{}
	c, _ := newRetryClient(t, f, tt, 0, facade.WithRetrySeams(func() time.Time { return fixedNow }, sl.sleep, func(int64) int64 { return 0 }))
	require.NoError(t, testOps[0].check(c, context.Background()))
	assert.Equal(t, []time.Duration{3 * time.Second}, sl.get(), "waits")
}

func TestRetry5xxHonoursRetryAfterNotReset(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t,
		answer(503, "Retry-After", "4", "X-RateLimit-Reset", fmt.Sprint(fixedNow.Unix()+9)),
		answer(500, "X-RateLimit-Reset", fmt.Sprint(fixedNow.Unix()+9)))
	tt := newTestTransport(t, true)
	sl := &sleepLog{}
	c, _ := newRetryClient(t, f, tt, 0, facade.WithRetrySeams(func() time.Time { return fixedNow }, sl.sleep, facade.MaxJitter))
	require.NoError(t, testOps[0].check(c, context.Background()))
	want := []time.Duration{4 * time.Second, time.Second - 1} // Retry-After, then backoff ceiling 1s
	assert.Equal(t, want, sl.get(), "waits")
}

// TestRetry429PastDeadlineReturnsAtOnce: when the reset is after the
// context's deadline the client must not sleep into the deadline; it
// returns the 429 as an *Error straight away.
func TestRetry429PastDeadlineReturnsAtOnce(t *testing.T) {
	facade.CheckGoroutines(t)
	reset := time.Now().Add(30 * time.Second)
	f := newFakeAPI(t, rateLimited(reset))
	tt := newTestTransport(t, true)
	noSleep := func(ctx context.Context, d time.Duration) error {
		assert.Failf(t, "slept although the deadline comes first", "%v", d)
		return nil
	}
	c, _ := newRetryClient(t, f, tt, 0, facade.WithRetrySeams(nil, noSleep, nil))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.API.ListTagsWithResponse(ctx)
	var e *facade.Error
	require.ErrorAs(t, err, &e, "want a 429 *Error")
	require.Equal(t, http.StatusTooManyRequests, e.StatusCode, "got %v, want a 429 *Error", err)
	require.NoError(t, ctx.Err(), "returned only after the deadline")
	assert.ErrorIs(t, err, facade.ErrRateLimited)
	if assert.NotNil(t, e.RateLimit, "error's rate limit, want reset %v", reset.Unix()) {
		assert.True(t, e.RateLimit.Reset.Equal(time.Unix(reset.Unix(), 0)), "error's rate limit %+v, want reset %v", e.RateLimit, reset.Unix())
	}
	assert.Equal(t, 1, f.hitCount("GET /tags"), "sent")
	tt.c.assertNoLeaks(t, tt.Transport)
}

func TestRetryBackoffPastDeadlineReturnsLastAnswer(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t, answer(503))
	tt := newTestTransport(t, true)
	p := facade.DefaultRetryPolicy()
	p.BaseDelay, p.MaxDelay = time.Minute, time.Minute
	noSleep := func(ctx context.Context, d time.Duration) error {
		assert.Failf(t, "slept although the deadline comes first", "%v", d)
		return nil
	}
	c, _ := newRetryClient(t, f, tt, 0, facade.WithRetryPolicy(p), facade.WithRetrySeams(nil, noSleep, facade.MaxJitter))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.API.ListTagsWithResponse(ctx)
	var e *facade.Error
	require.ErrorAs(t, err, &e, "want the 503")
	require.Equal(t, 503, e.StatusCode, "got %v, want the 503", err)
}

func TestRetry429TooLongWaitNotTaken(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t, rateLimited(fixedNow.Add(2*time.Minute)))
	tt := newTestTransport(t, true)
	sl := &sleepLog{}
	c, _ := newRetryClient(t, f, tt, 0, facade.WithRetrySeams(func() time.Time { return fixedNow }, sl.sleep, facade.MaxJitter))
	err := testOps[0].check(c, context.Background())
	var e *facade.Error
	require.ErrorAs(t, err, &e, "want the 429")
	require.Equal(t, 429, e.StatusCode, "got %v, want the 429", err)
	assert.Empty(t, sl.get(), "waited")
	assert.Equal(t, 1, f.hitCount("GET /tags"), "sent")
}

// quota429 is the export endpoints' "too many pending jobs" answer:
// rate_limit_exceeded, but with requests left in the window.
func quota429(remaining string) fault {
	return func(w http.ResponseWriter, r *http.Request) {
		if remaining != "" {
			w.Header().Set("X-RateLimit-Limit", "100")
			w.Header().Set("X-RateLimit-Remaining", remaining)
			w.Header().Set("X-RateLimit-Reset", fmt.Sprint(time.Now().Unix()+5))
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(429)
		fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit of 5 pending reporting dataset export jobs"}]}`)
	}
}

func TestRetryQuota429NotWaitedOut(t *testing.T) {
	cases := []struct {
		name      string
		remaining string // "" = no rate-limit headers
		wantHits  int
	}{
		{"requests left in window", "42", 1},
		{"no headers on a quota route", "", 1},
		{"window exhausted", "0", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			facade.CheckGoroutines(t)
			faults := []fault{quota429(tc.remaining), quota429(tc.remaining), quota429(tc.remaining), quota429(tc.remaining)}
			if tc.wantHits == 2 {
				faults = faults[:1] // then the fake answers 404: the retry happened
			}
			f := newFakeAPI(t, faults...)
			tt := newTestTransport(t, true)
			c, _ := newRetryClient(t, f, tt, 0)
			_, err := c.API.EnqueueNewReportingDataExportJobWithBodyWithResponse(context.Background(), "application/json", strings.NewReader(`{"dataset_id":"conversation","attribute_ids":["x"],"start_time":1,"end_time":2}`))
			if tc.wantHits == 1 {
				require.Error(t, err, "succeeded")
			}
			assert.Equal(t, tc.wantHits, f.hitCount("POST /export/reporting_data/enqueue"), "sent")
		})
	}
}

func TestRetry429WithRequestsLeftIsNotAWindowLimit(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t, quota429("10"))
	tt := newTestTransport(t, true)
	c, sl := newRetryClient(t, f, tt, 0)
	var e *facade.Error
	err := testOps[0].check(c, context.Background())
	require.ErrorAs(t, err, &e)
	require.Equal(t, 429, e.StatusCode, "got %v", err)
	assert.Equal(t, 1, f.hitCount("GET /tags"), "retried: requests")
	assert.Empty(t, sl.get(), "retried: waits")
}

func TestRetryRefusesUnreplayableBody(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t, answer(503))
	tt := newTestTransport(t, true)
	c, sl := newRetryClient(t, f, tt, 0)
	dropGetBody := func(ctx context.Context, req *http.Request) error { req.GetBody = nil; return nil }
	_, err := c.API.SearchContactsWithBodyWithResponse(context.Background(), nil, "application/json", strings.NewReader(searchBody), dropGetBody)
	var e *facade.Error
	require.ErrorAs(t, err, &e, "want the 503")
	require.Equal(t, 503, e.StatusCode, "got %v, want the 503", err)
	assert.Equal(t, 1, f.hitCount("POST /contacts/search"), "re-sent a body it cannot replay")
	assert.Empty(t, sl.get(), "re-sent a body it cannot replay: waits")
	tt.c.assertNoLeaks(t, tt.Transport)
}

func TestRetryWaitEndsOnCancel(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t, answer(503, "Retry-After", "30"))
	tt := newTestTransport(t, true)
	ctx, cancel := context.WithCancel(context.Background())
	// Cancel as the wait starts, then wait for real: the timer must give
	// way to ctx.Done.
	cancelThenSleep := func(c context.Context, d time.Duration) error { cancel(); return facade.SleepCtx(c, d) }
	c, _ := newRetryClient(t, f, tt, 0, facade.WithRetrySeams(nil, cancelThenSleep, nil))
	_, err := c.API.ListTagsWithResponse(ctx)
	require.ErrorIs(t, err, context.Canceled)
	assert.ErrorContains(t, err, "503", "error does not say what it was waiting after")
	assert.Equal(t, 1, f.hitCount("GET /tags"), "sent")
	tt.c.assertNoLeaks(t, tt.Transport)
}

func TestRetryNothingAfterContextDone(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t, slowHeaders)
	tt := newTestTransport(t, true)
	c, sl := newRetryClient(t, f, tt, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.API.ListTagsWithResponse(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Empty(t, sl.get(), "retried after the caller's deadline: waits")
	assert.Equal(t, 1, f.hitCount("GET /tags"), "retried after the caller's deadline: requests")
}

func TestWithoutRetriesSendsOnce(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t, answer(503), rateLimited(time.Now().Add(time.Second)))
	tt := newTestTransport(t, true)
	c, sl := newRetryClient(t, f, tt, 0, facade.WithoutRetries())
	for _, want := range []int{503, 429} {
		var e *facade.Error
		err := testOps[0].check(c, context.Background())
		require.ErrorAs(t, err, &e, "want %d", want)
		require.Equal(t, want, e.StatusCode, "got %v, want %d", err, want)
	}
	assert.Equal(t, 2, f.hitCount("GET /tags"), "requests")
	assert.Empty(t, sl.get(), "waits")
	tt.c.assertNoLeaks(t, tt.Transport)
}

// TestRetryPathUnderBasePath: a base URL with a path prefix must not
// hide a read-only POST from the table.
func TestRetryPathUnderBasePath(t *testing.T) {
	facade.CheckGoroutines(t)
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/proxy/intercom/contacts/search" {
			http.NotFound(w, r)
			return
		}
		if hits.Add(1) == 1 {
			answer(503)(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, searchJSON)
	}))
	t.Cleanup(srv.Close)
	tt := newTestTransport(t, true)
	hc := &http.Client{Transport: tt}
	c, err := v2_16.New(facade.WithToken("t"), facade.WithBaseURL(srv.URL+"/proxy/intercom/"), facade.WithHTTPClient(hc), facade.WithRetrySeams(nil, (&sleepLog{}).sleep, nil))
	require.NoError(t, err)
	resp, err := c.API.SearchContactsWithBodyWithResponse(context.Background(), nil, "application/json", strings.NewReader(searchBody))
	require.NoError(t, err)
	require.NotNil(t, resp.JSON200)
	assert.Equal(t, int64(2), hits.Load(), "requests")
}

func TestRetryEmptyJSONAnswerIsNotGarbled(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNoContent)
	})
	tt := newTestTransport(t, true)
	c, sl := newRetryClient(t, f, tt, 0)
	resp, err := c.API.ListTagsWithResponse(context.Background())
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, resp.HTTPResponse.StatusCode, "got %v", resp)
	assert.Equal(t, 1, f.hitCount("GET /tags"), "retried an empty 204: requests")
	assert.Empty(t, sl.get(), "retried an empty 204: waits")
	tt.c.assertNoLeaks(t, tt.Transport)
}
