package redislimit

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSharedScheduleSpacesProcesses: with Spread, two processes booking
// slots of one limit get slots one emission interval apart, interleaved,
// as one schedule; two per-process schedules would each start at once.
func TestSharedScheduleSpacesProcesses(t *testing.T) {
	addr := redisAddr(t)
	key := uniqueKey(t)
	a := process(t, addr, key, Options{Spread: true})
	b := process(t, addr, key, Options{Spread: true})
	// 100 a 10-second window, margin 2: one slot every 10s/98.
	a.Observe(answer(200, 100, 100, time.Now().Add(10*time.Second)))
	iv := 10 * time.Second / 98
	ctx := context.Background()
	var slots []time.Duration
	start := time.Now()
	for i := 0; i < 10; i++ {
		l := a
		if i%2 == 1 {
			l = b
		}
		b, ok, err := l.book(ctx, time.Minute)
		require.NoError(t, err, "book %d: %v", i, ok)
		require.True(t, ok, "book %d: %v", i, ok)
		slots = append(slots, time.Since(start)+b.wait)
	}
	for i := 1; i < len(slots); i++ {
		// Slots are computed from Redis's clock; allow for the time
		// between two bookings (not a timing assertion: the lower bound
		// holds however slow the machine is).
		gap := slots[i] - slots[i-1]
		require.GreaterOrEqual(t, gap, iv-50*time.Millisecond, "slot %d only %s after slot %d (interval %s): %v", i, gap, i-1, iv, slots)
	}
}

// TestHoldIsSharedAndBoundedByMaxWait: a 429 seen by one process holds
// the other's requests until the reset, and a hold beyond maxWait is
// refused at once without booking.
func TestHoldIsSharedAndBoundedByMaxWait(t *testing.T) {
	addr := redisAddr(t)
	key := uniqueKey(t)
	a := process(t, addr, key, Options{})
	b := process(t, addr, key, Options{})
	a.Observe(answer(429, 100, 0, time.Now().Add(30*time.Second)))
	var slept []time.Duration
	b.sleep = func(ctx context.Context, d time.Duration) error { slept = append(slept, d); return nil }
	err := b.Wait(context.Background(), time.Second)
	require.ErrorIs(t, err, facade.ErrNoSlotBeforeDeadline)
	require.ErrorIs(t, err, facade.ErrRateLimited)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err = b.Wait(ctx, time.Hour)
	require.ErrorIs(t, err, facade.ErrNoSlotBeforeDeadline, "with a deadline")
	require.ErrorIs(t, err, context.DeadlineExceeded, "with a deadline")
	require.Empty(t, slept)
	// The hold lasts until the reset: one sleep of about 29-30s (the reset
	// has whole seconds), then the re-check finds... the same hold,
	// because the fake sleep did not pass time; stop after two rounds.
	rounds := 0
	b.sleep = func(ctx context.Context, d time.Duration) error {
		slept = append(slept, d)
		if rounds++; rounds == 2 {
			return context.Canceled
		}
		return nil
	}
	require.ErrorIs(t, b.Wait(context.Background(), time.Hour), context.Canceled)
	// The window after a hold starts with a guard of a twentieth of it
	// (here the 30s the 429's reset reported): about 29s + 1.5s.
	require.Len(t, slept, 2, "slept %v, want two waits of about 30.5s", slept)
	require.GreaterOrEqual(t, slept[0], 28*time.Second, "slept %v, want two waits of about 30.5s", slept)
	require.LessOrEqual(t, slept[0], 32*time.Second, "slept %v, want two waits of about 30.5s", slept)
}

// TestRecheckAfterSleep: a request booked before another process saw a
// 429 does not go when its slot comes; it waits for the reset. (Spread,
// so that the second request has a slot to sleep towards in the same
// window.)
func TestRecheckAfterSleep(t *testing.T) {
	addr := redisAddr(t)
	key := uniqueKey(t)
	a := process(t, addr, key, Options{Spread: true})
	b := process(t, addr, key, Options{Spread: true})
	// 10 left in a 10s window, margin 1: a second or so apart.
	reset := time.Now().Add(10 * time.Second)
	a.Observe(answer(200, 10, 10, reset))
	require.NoError(t, a.Wait(context.Background(), time.Minute))
	var slept []time.Duration
	b.sleep = func(ctx context.Context, d time.Duration) error {
		if len(slept) == 0 {
			a.Observe(answer(429, 10, 0, reset)) // the same window, spent
		}
		slept = append(slept, d)
		if len(slept) == 2 {
			return context.Canceled // the second sleep is the proof
		}
		return nil
	}
	err := b.Wait(context.Background(), time.Minute)
	require.ErrorIs(t, err, context.Canceled, "err %v, sleeps %v: the booked request did not wait for the reset", err, slept)
	require.Len(t, slept, 2, "err %v, sleeps %v: the booked request did not wait for the reset", err, slept)
	require.GreaterOrEqual(t, slept[1], 3*time.Second, "err %v, sleeps %v: the booked request did not wait for the reset", err, slept)
}

// TestFailsClosedWhenRedisIsDown: with Redis gone, Wait fails at once
// with ErrUnavailable (nothing is sent); with a Fallback it paces with
// that instead, and OnError hears the failure.
func TestFailsClosedWhenRedisIsDown(t *testing.T) {
	if _, err := exec.LookPath("redis-server"); err != nil && os.Getenv("CI") != "true" {
		t.Skip("needs redis-server on PATH to stop one")
	}
	// A private server, so that stopping it does not disturb other tests.
	addr := startRedis(t)
	rdb := newClient(t, addr)
	l, err := New(rdb, Options{Key: uniqueKey(t), Timeout: 500 * time.Millisecond})
	require.NoError(t, err)
	require.NoError(t, l.Wait(context.Background(), time.Minute), "with Redis up")
	require.Error(t, rdb.Do(context.Background(), "SHUTDOWN", "NOSAVE").Err(), "SHUTDOWN answered")
	err = l.Wait(context.Background(), time.Minute)
	require.ErrorIs(t, err, ErrUnavailable, "with Redis down")
	var heard []error
	var mu sync.Mutex
	fb, err := New(rdb, Options{Key: "k", Timeout: 500 * time.Millisecond, Fallback: facade.NewRateLimiter(),
		OnError: func(err error) { mu.Lock(); heard = append(heard, err); mu.Unlock() }})
	require.NoError(t, err)
	require.NoError(t, fb.Wait(context.Background(), time.Minute), "with a fallback")
	fb.Observe(answer(200, 10, 9, time.Now().Add(10*time.Second)))
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, heard, 2, "OnError heard")
	require.ErrorIs(t, heard[0], ErrUnavailable, "OnError heard")
}

func TestNewRefusesBadOptions(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer rdb.Close()
	for _, o := range []Options{{}, {Key: "k", Timeout: -1}, {Key: "k", Margin: -1}} {
		_, err := New(rdb, o)
		assert.Error(t, err, "%+v accepted", o)
	}
	_, err := New(nil, Options{Key: "k"})
	assert.Error(t, err, "nil client accepted")
}

// TestConfirmedWindowGoesAtOnce: once an answer has reported a window
// with room, its whole budget is available at once (Intercom counts
// fixed windows), shared by the processes, and not one request more:
// the next one waits for the next window. The earlier schedule spaced
// these ten a ninth of the window apart.
func TestConfirmedWindowGoesAtOnce(t *testing.T) {
	addr := redisAddr(t)
	key := uniqueKey(t)
	a := process(t, addr, key, Options{})
	b := process(t, addr, key, Options{})
	reset := time.Now().Add(10 * time.Second)
	a.Observe(answer(200, 10, 10, reset)) // 10 left, margin 0 (2% of 10)
	waits := bookN(t, 12, a, b)
	n := immediate(waits)
	require.Equal(t, 10, n, "%d of 12 slots at once, want the window's 10: %v", n, waits)
	// The eleventh and twelfth lie in the next window, spread: not
	// before the reset (less the second the header is rounded to).
	for _, d := range waits[10:] {
		require.GreaterOrEqual(t, d, time.Until(reset)-time.Second, "a slot %s away, before the reset %s away: %v", d, time.Until(reset), waits)
	}
	require.Greater(t, waits[11], waits[10], "the next window's slots are not spread: %v", waits)
}

// TestBudgetCountsEarlyAndOthersRequests: requests sent before the first
// answer count in the window it reports, and so do requests Intercom has
// counted that this schedule did not book (another program spending the
// same limit): only what is left of the limit goes at once.
func TestBudgetCountsEarlyAndOthersRequests(t *testing.T) {
	addr := redisAddr(t)
	t.Run("early", func(t *testing.T) {
		key := uniqueKey(t)
		a := process(t, addr, key, Options{})
		n := immediate(bookN(t, 4, a))
		require.Equal(t, 4, n, "before any answer %d of 4 went at once", n)
		// The first answer: Intercom has counted 2 of the 4 so far.
		a.Observe(answer(200, 10, 8, time.Now().Add(10*time.Second)))
		n = immediate(bookN(t, 10, a))
		require.Equal(t, 6, n, "%d more at once, want 6 (10 less the 4 sent)", n)
	})
	t.Run("others", func(t *testing.T) {
		key := uniqueKey(t)
		a := process(t, addr, key, Options{})
		a.Observe(answer(200, 10, 3, time.Now().Add(10*time.Second))) // 7 spent elsewhere
		n := immediate(bookN(t, 10, a))
		require.Equal(t, 3, n, "%d at once, want the 3 Intercom has left", n)
	})
}

// TestSpentWindowWaitsForTheNext: a 429 (or Remaining at the margin)
// closes the confirmed window for every process, even with budget left
// by the schedule's own count.
func TestSpentWindowWaitsForTheNext(t *testing.T) {
	addr := redisAddr(t)
	key := uniqueKey(t)
	a := process(t, addr, key, Options{})
	b := process(t, addr, key, Options{})
	reset := time.Now().Add(10 * time.Second)
	a.Observe(answer(200, 100, 100, reset))
	n := immediate(bookN(t, 5, a))
	require.Equal(t, 5, n, "%d of 5 at once", n)
	a.Observe(answer(200, 100, 2, reset)) // the margin (2 of 100): spent
	n = immediate(bookN(t, 3, b))
	require.Equal(t, 0, n, "%d went at once into a spent window", n)
}

// TestSpreadNeverBursts: with Options.Spread a confirmed window is
// spread evenly as before: one slot at once, then one every interval.
func TestSpreadNeverBursts(t *testing.T) {
	addr := redisAddr(t)
	a := process(t, addr, uniqueKey(t), Options{Spread: true})
	a.Observe(answer(200, 10, 10, time.Now().Add(10*time.Second)))
	n := immediate(bookN(t, 5, a))
	require.Equal(t, 1, n, "%d of 5 at once with Spread, want 1", n)
}

// TestNoBurstInTheGuard: a confirmed window with budget left but less
// than a twentieth of it (at least 50 ms) before its reset lends nothing:
// a request sent then could reach Intercom after the reset.
func TestNoBurstInTheGuard(t *testing.T) {
	addr := redisAddr(t)
	key := uniqueKey(t)
	rdb := newClient(t, addr)
	a := process(t, addr, key, Options{})
	ctx := context.Background()
	now, err := rdb.Time(ctx).Result()
	require.NoError(t, err)
	// A 1s window of 10 ending 30 ms from now by Redis's clock, none used.
	reset := now.Add(30 * time.Millisecond).UnixMicro()
	require.NoError(t, rdb.HSet(ctx, key, "reset", reset, "lim", 10, "win", 1000000, "iv", 100000, "cw", reset, "cn", 0).Err())
	require.Equal(t, 0, immediate(bookN(t, 1, a)), "a slot at once inside the guard before the reset")
}

// TestEarlyOnceConfirmed: a request booked into a window no answer has
// confirmed sleeps until the window starts; when an answer has confirmed
// the window by then, it goes at once instead of waiting for its spread
// slot (it was counted in the window's budget), and without one it
// sleeps on towards its slot.
func TestEarlyOnceConfirmed(t *testing.T) {
	addr := redisAddr(t)
	for _, confirm := range []bool{true, false} {
		t.Run(map[bool]string{true: "confirmed", false: "unconfirmed"}[confirm], func(t *testing.T) {
			key := uniqueKey(t)
			a := process(t, addr, key, Options{})
			b := process(t, addr, key, Options{})
			reset := time.Now().Add(10 * time.Second)
			a.Observe(answer(200, 10, 10, reset))
			bookN(t, 12, a) // the window's 10 and the next window's first two
			var slept []time.Duration
			b.sleep = func(ctx context.Context, d time.Duration) error {
				slept = append(slept, d)
				if len(slept) == 1 && confirm {
					// The next window's first answer (the fake sleep passes
					// no time: its reset is a window after this one's).
					a.Observe(answer(200, 10, 8, reset.Add(10*time.Second)))
				}
				if len(slept) == 3 {
					return context.Canceled
				}
				return nil
			}
			err := b.Wait(context.Background(), time.Minute)
			if confirm {
				require.NoError(t, err, "confirmed: sleeps %v, want nil after the one until the window starts", slept)
				require.Len(t, slept, 1, "confirmed: want nil after the one sleep until the window starts")
			} else {
				require.ErrorIs(t, err, context.Canceled, "unconfirmed: sleeps %v, want a sleep until the window starts, then polls", slept)
				require.Len(t, slept, 3, "unconfirmed: want a sleep until the window starts, then polls")
			}
		})
	}
}

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
