package redislimit

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// bookN books n slots alternately through the given processes and
// returns each slot's wait as Redis answered it.
func bookN(t *testing.T, n int, ls ...*Limiter) []time.Duration {
	t.Helper()
	var waits []time.Duration
	for i := range n {
		b, ok, err := ls[i%len(ls)].book(context.Background(), time.Minute)
		require.NoError(t, err, "book %d: %v", i, ok)
		require.True(t, ok, "book %d: %v", i, ok)
		waits = append(waits, b.wait)
	}
	return waits
}

// immediate counts the slots that start at once.
func immediate(waits []time.Duration) int {
	n := 0
	for _, d := range waits {
		if d == 0 {
			n++
		}
	}
	return n
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
