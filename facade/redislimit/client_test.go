package redislimit

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/stretchr/testify/require"
)

// TestClientsShareA429: through real clients, a 429 one process's client
// receives holds the other process's next request until the window
// resets, and a hold beyond MaxRateLimitWait is refused unsent.
func TestClientsShareA429(t *testing.T) {
	addr := redisAddr(t)
	key := uniqueKey(t)
	srv := intercomtest.New(t, intercomtest.WithRateLimit(1000, 10*time.Second))
	a := process(t, addr, key, Options{})
	b := process(t, addr, key, Options{})
	var mu sync.Mutex
	var slept []time.Duration
	b.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		slept = append(slept, d)
		mu.Unlock()
		return context.Canceled // stop here: the wait is the proof
	}
	p := facade.DefaultRetryPolicy()
	p.MaxRetries = 0
	ca, err := srv.Client(facade.WithRateLimiter(a), facade.WithRetryPolicy(p))
	require.NoError(t, err)
	cb, err := srv.Client(facade.WithRateLimiter(b), facade.WithRetryPolicy(p))
	require.NoError(t, err)
	ctx := context.Background()
	srv.AddFault(intercomtest.Fault{Method: http.MethodGet, Path: "/tags", Status: http.StatusTooManyRequests})
	_, err = ca.API.ListTagsWithResponse(ctx)
	require.ErrorIs(t, err, facade.ErrRateLimited, "process A: %v, want the injected 429", err)
	before := len(srv.Requests())
	_, err = cb.API.ListTagsWithResponse(ctx)
	require.ErrorIs(t, err, context.Canceled, "process B: %v, sleeps %v: it was not held by A's 429", err, slept)
	require.Len(t, slept, 1, "process B: %v, sleeps %v: it was not held by A's 429", err, slept)
	require.Greater(t, slept[0], time.Duration(0), "process B: %v, sleeps %v: it was not held by A's 429", err, slept)
	n := len(srv.Requests()) - before
	require.Equal(t, 0, n, "process B sent %d requests during the hold", n)
	p.MaxRateLimitWait = time.Millisecond
	cb2, err := srv.Client(facade.WithRateLimiter(b), facade.WithRetryPolicy(p))
	require.NoError(t, err)
	_, err = cb2.API.ListTagsWithResponse(ctx)
	require.ErrorIs(t, err, facade.ErrNoSlotBeforeDeadline, "beyond MaxRateLimitWait")
}
