package facade

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPacerHoldsNothingUntilItKnowsTheLimit(t *testing.T) {
	l, fc := newFakePacer()
	for i := 0; i < 5; i++ {
		mustWait(t, l)
	}
	l.Observe(&http.Response{StatusCode: 200, Header: http.Header{}}) // no headers: still unknown
	mustWait(t, l)
	require.Empty(t, fc.takeSleeps(), "slept")
}

func TestPacerSpreadsRemainingOverWindow(t *testing.T) {
	l, fc := newFakePacer()
	mustWait(t, l)
	l.Observe(limited(200, 100, 50, fc.now().Add(5*time.Second)))
	for i := 0; i < 4; i++ {
		mustWait(t, l)
		l.Observe(nil) // answered without headers: the spacing stays
	}
	want := "[100ms 100ms 100ms 100ms]" // 5s left / 50 requests
	require.Equal(t, want, fmt.Sprint(fc.takeSleeps()), "sleeps")
}

func TestPacerCountsInFlightRequests(t *testing.T) {
	l, fc := newFakePacer()
	for i := 0; i < 10; i++ {
		mustWait(t, l) // ten requests start before any answer
	}
	// One answers: 19 left, 9 still in flight, so 10 truly free in 1s.
	l.Observe(limited(200, 100, 19, fc.now().Add(time.Second)))
	mustWait(t, l)
	require.Equal(t, "[100ms]", fmt.Sprint(fc.takeSleeps()), "sleeps")
}

func TestPacerHoldsUntilResetWhenWindowSpent(t *testing.T) {
	for _, status := range []int{200, 429} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			l, fc := newFakePacer()
			start := fc.now()
			reset := start.Add(time.Second)
			mustWait(t, l)
			// The first answer of a window shows how long windows are.
			l.Observe(limited(200, 10, 9, reset))
			mustWait(t, l) // 1s / 9 later
			remaining := 0
			if status == 429 {
				remaining = 5 // a 429 holds whatever the count says
			}
			l.Observe(limited(status, 10, remaining, reset))
			mustWait(t, l)
			mustWait(t, l)
			// Held until the reset, then window/limit = 1s/10 apart until
			// the new window reports.
			want := fmt.Sprint([]time.Duration{time.Second / 9, time.Second - time.Second/9, 100 * time.Millisecond})
			require.Equal(t, want, fmt.Sprint(fc.takeSleeps()), "sleeps")
			got := fc.now()
			require.True(t, got.Equal(reset.Add(100*time.Millisecond)), "last start at %v, want 100ms after the reset", got.Sub(start))
		})
	}
}

func TestPacerIgnoresAnswersFromEarlierWindows(t *testing.T) {
	l, fc := newFakePacer()
	mustWait(t, l)
	mustWait(t, l)
	l.Observe(limited(200, 100, 90, fc.now().Add(10*time.Second)))
	l.Observe(limited(200, 100, 0, fc.now().Add(-time.Second))) // late, from the previous window
	msg := fmt.Sprintf("a stale answer changed the schedule: hold %v remaining %d interval %v", l.holdUntil, l.remaining, l.interval)
	require.True(t, l.holdUntil.IsZero(), msg)
	require.Equal(t, 90, l.remaining, msg)
	require.Equal(t, 10*time.Second/89, l.interval, msg)
}

func TestPacerUsesLowestRemainingOfAWindow(t *testing.T) {
	l, fc := newFakePacer()
	mustWait(t, l)
	mustWait(t, l)
	reset := fc.now().Add(4 * time.Second)
	l.Observe(limited(200, 100, 20, reset))
	l.Observe(limited(200, 100, 40, reset)) // answered out of order
	require.Equal(t, 20, l.remaining, "remaining")
	require.Equal(t, 200*time.Millisecond, l.interval, "interval")
}

func TestPacerAfterResetSpreadsAFreshWindow(t *testing.T) {
	l, fc := newFakePacer()
	mustWait(t, l)
	l.Observe(limited(200, 50, 1, fc.now().Add(10*time.Second))) // 10s per remaining request
	fc.advance(11 * time.Second)                                 // the window ends unreported
	mustWait(t, l)
	mustWait(t, l)
	// Fresh window assumed: 10s / 50 apart, not 10s.
	require.Equal(t, "[200ms]", fmt.Sprint(fc.takeSleeps()), "sleeps")
}

func TestPacerDeadlineBeforeSlot(t *testing.T) {
	l, fc := newFakePacer()
	fc.t = time.Now() // real time, so that the context deadline compares
	mustWait(t, l)
	l.Observe(limited(429, 100, 0, time.Now().Add(30*time.Minute)))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := l.wait(ctx)
	require.ErrorIs(t, err, ErrNoSlotBeforeDeadline)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Empty(t, fc.takeSleeps(), "slept")
	require.Zero(t, l.inflight, "kept the slot")
}

func TestPacerWaitEndsOnCancel(t *testing.T) {
	CheckGoroutines(t)
	l := NewRateLimiter()
	mustWait(t, l)
	l.Observe(limited(429, 100, 0, time.Now().Add(30*time.Second)))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.wait(ctx) }()
	cancel()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
	case <-time.After(10 * time.Second):
		require.FailNow(t, "a 30s hold did not end on cancel") // watchdog only
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	require.Zero(t, l.inflight, "cancelled wait left inflight")
}

func TestPacerConcurrentUseBalances(t *testing.T) {
	l, fc := newFakePacer()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if !assert.NoError(t, l.wait(context.Background())) {
					return
				}
				l.Observe(limited(200, 1000, 500, fc.now().Add(time.Second)))
			}
		}()
	}
	wg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	require.Zero(t, l.inflight, "inflight after every request was answered")
}

// TestPacerRechecksHoldAfterSleep: a request given a slot before a 429
// arrived must not be sent into the spent window when it wakes; it waits
// for the reset (issue 17: six booked requests were sent after a 429).
func TestPacerRechecksHoldAfterSleep(t *testing.T) {
	l, fc := newFakePacer()
	start := fc.now()
	reset := start.Add(10 * time.Second)
	mustWait(t, l)
	l.Observe(limited(200, 10, 5, reset)) // 5 left for 10s: 2s apart
	var once sync.Once
	l.sleep = func(ctx context.Context, d time.Duration) error {
		// While the second request sleeps towards its slot, another
		// answer reports the window spent.
		once.Do(func() { l.Observe(limited(429, 10, 0, reset)) })
		return fc.sleep(ctx, d)
	}
	mustWait(t, l)
	got, s := fc.now(), fc.takeSleeps()
	require.False(t, got.Before(reset), "request started at +%s, inside the window a 429 closed (until +10s); sleeps %v", got.Sub(start), s)
	require.Equal(t, []time.Duration{2 * time.Second, 8 * time.Second}, s, "sleeps")
}

// TestPacerHoldBoundedByMaxWait: a hold longer than the caller's maxWait
// is refused at once instead of blocking until a far reset (issue 17: a
// reset 10 minutes away blocked the next call for 10 minutes).
func TestPacerHoldBoundedByMaxWait(t *testing.T) {
	l, fc := newFakePacer()
	mustWait(t, l)
	l.Observe(limited(429, 100, 0, fc.now().Add(10*time.Minute)))
	err := l.Wait(context.Background(), time.Minute)
	require.ErrorIs(t, err, ErrNoSlotBeforeDeadline)
	require.ErrorIs(t, err, ErrRateLimited)
	require.NotErrorIs(t, err, context.DeadlineExceeded)
	require.Empty(t, fc.takeSleeps(), "slept")
	require.Zero(t, l.inflight, "kept the slot")
	require.Zero(t, l.Waiting(), "kept the slot")
	// Within the bound it waits.
	require.NoError(t, l.Wait(context.Background(), 11*time.Minute))
	require.Equal(t, []time.Duration{10 * time.Minute}, fc.takeSleeps(), "sleeps")
}
