package facade_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
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
	msg := fmt.Sprintf("pacer state: known %v, limit %d, remaining %d, reset %v, in flight %d", known, limit, remaining, at, inflight)
	require.True(t, known, msg)
	require.Equal(t, 1000, limit, msg)
	require.Equal(t, 999, remaining, msg)
	require.True(t, at.Equal(reset), msg)
	require.Equal(t, 0, inflight, msg)
	_, err := v2_16.New(facade.WithToken("t"), facade.WithRateLimiter(nil))
	require.Error(t, err, "nil RateLimiter accepted")
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
	require.ErrorIs(t, err, facade.ErrNoSlotBeforeDeadline)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.NoError(t, ctx.Err(), "waited")
	require.Zero(t, f.hitCount("GET /tags"), "requests sent")
	require.Empty(t, sl.get(), "waits")
}

// TestClientPacerHonoursMaxRateLimitWait: through a client, the pacer is
// bounded by RetryPolicy.MaxRateLimitWait, with no context deadline.
func TestClientPacerHonoursMaxRateLimitWait(t *testing.T) {
	facade.CheckGoroutines(t)
	f := newFakeAPI(t)
	tt := newTestTransport(t, true)
	l := facade.NewRateLimiter()
	facade.SetPacerSleep(l, func(ctx context.Context, d time.Duration) error {
		assert.Failf(t, "pacer slept", "%v", d)
		return nil
	})
	facade.MustWait(t, l)
	l.Observe(facade.Limited(429, 100, 0, time.Now().Add(10*time.Minute)))
	p := facade.DefaultRetryPolicy()
	p.MaxRateLimitWait = time.Minute
	c, sl := newRetryClient(t, f, tt, 0, facade.WithRateLimiter(l), facade.WithRetryPolicy(p))
	_, err := c.API.ListTagsWithResponse(context.Background())
	require.ErrorIs(t, err, facade.ErrNoSlotBeforeDeadline)
	require.ErrorIs(t, err, facade.ErrRateLimited)
	require.Zero(t, f.hitCount("GET /tags"), "requests sent")
	require.Empty(t, sl.get(), "waits")
}
