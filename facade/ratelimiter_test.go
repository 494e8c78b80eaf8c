package facade_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/require"
)

func TestWithRateLimiterLearnsFromAnswers(t *testing.T) {
	facade.CheckGoroutines(t)
	reset := time.Now().Add(3 * time.Second).Truncate(time.Second)
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Limit", "1000")
		w.Header().Set("X-RateLimit-Remaining", "999")
		w.Header().Set("X-RateLimit-Reset", fmt.Sprint(reset.Unix()))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, tagsJSON)
	})
	tt := newTestTransport(t, true)
	l := facade.NewRateLimiter()
	c, _ := newRetryClient(t, f, tt, 0, facade.WithRateLimiter(l))
	require.NoError(t, testOps[0].check(c, context.Background()))
	known, limit, remaining, at, inflight := facade.PacerState(l)
	if !known || limit != 1000 || remaining != 999 || !at.Equal(reset) || inflight != 0 {
		t.Fatalf("pacer state: known %v, limit %d, remaining %d, reset %v, in flight %d", known, limit, remaining, at, inflight)
	}
	if _, err := v2_16.New(facade.WithToken("t"), facade.WithRateLimiter(nil)); err == nil {
		t.Fatal("nil RateLimiter accepted")
	}
}

func TestRateLimiterHoldPastDeadlineFailsFast(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t)
	tt := newTestTransport(t, true)
	l := facade.NewRateLimiter()
	facade.MustWait(t, l)
	l.Observe(facade.Limited(429, 100, 0, time.Now().Add(30*time.Minute)))
	c, sl := newRetryClient(t, f, tt, 0, facade.WithRateLimiter(l))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.API.ListTagsWithResponse(ctx)
	if !errors.Is(err, facade.ErrNoSlotBeforeDeadline) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	if ctx.Err() != nil || f.hitCount("GET /tags") != 0 || len(sl.get()) != 0 {
		t.Fatalf("waited or sent: ctx %v, %d requests, waits %v", ctx.Err(), f.hitCount("GET /tags"), sl.get())
	}
}

// TestClientPacerHonoursMaxRateLimitWait: through a client, the pacer is
// bounded by RetryPolicy.MaxRateLimitWait, with no context deadline.
func TestClientPacerHonoursMaxRateLimitWait(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t)
	tt := newTestTransport(t, true)
	l := facade.NewRateLimiter()
	facade.SetPacerSleep(l, func(ctx context.Context, d time.Duration) error {
		t.Errorf("pacer slept %v", d)
		return nil
	})
	facade.MustWait(t, l)
	l.Observe(facade.Limited(429, 100, 0, time.Now().Add(10*time.Minute)))
	p := facade.DefaultRetryPolicy()
	p.MaxRateLimitWait = time.Minute
	c, sl := newRetryClient(t, f, tt, 0, facade.WithRateLimiter(l), facade.WithRetryPolicy(p))
	_, err := c.API.ListTagsWithResponse(context.Background())
	if !errors.Is(err, facade.ErrNoSlotBeforeDeadline) || !errors.Is(err, facade.ErrRateLimited) {
		t.Fatalf("got %v", err)
	}
	if f.hitCount("GET /tags") != 0 || len(sl.get()) != 0 {
		t.Fatalf("sent %d requests, waits %v", f.hitCount("GET /tags"), sl.get())
	}
}
