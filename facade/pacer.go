package facade

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Pacer is the in-process RateLimiter. It learns the limit from the
// X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers
// of every answer: with N requests left in the window and T until it
// resets, it starts requests T/N apart, counting requests still in flight
// as already spent. When the window is spent, or a 429 arrives, it holds
// every request until the reset, including requests that had already
// been given a slot and are sleeping towards it. Until the first answer
// arrives it does not hold anything.
//
// A Pacer is safe for concurrent use. Share one between all the clients
// (of any API version) of one process that use the same access token.
type Pacer struct {
	mu sync.Mutex

	known     bool          // an answer has reported the window
	limit     int           // X-RateLimit-Limit
	reset     time.Time     // end of the latest reported window
	remaining int           // lowest X-RateLimit-Remaining seen for reset
	window    time.Duration // longest reset distance seen: the window's length
	interval  time.Duration // spacing between request starts
	last      time.Time     // start of the latest scheduled request
	holdUntil time.Time     // no request starts before this
	inflight  int           // requests started (slot reached) and not yet answered
	waiting   int           // requests inside Wait

	// Seams for tests; nil means the real clock and timer.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// defaultWindow is Intercom's documented rate-limit window, assumed
// until answers show another.
const defaultWindow = 10 * time.Second

// NewRateLimiter returns the in-process RateLimiter, a Pacer that knows
// nothing yet; it learns the limit from the first answers.
func NewRateLimiter() *Pacer { return &Pacer{} }

// Waiting reports how many requests are waiting in Wait for their slot
// now; an export's progress shows it.
func (l *Pacer) Waiting() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.waiting
}

func (l *Pacer) clock() time.Time {
	if l.now != nil {
		return l.now()
	}
	return time.Now()
}

// Wait blocks until the request may start, or until ctx is done; see
// RateLimiter. After every sleep it looks again at the hold, so that a
// 429 or a spent window reported while it slept holds it too.
func (l *Pacer) Wait(ctx context.Context, maxWait time.Duration) error {
	l.mu.Lock()
	l.waiting++
	defer func() {
		l.waiting--
		l.mu.Unlock()
	}()
	limit := l.clock().Add(max(maxWait, 0)) // no start after this
	for {
		now := l.clock()
		if l.known && !now.Before(l.reset) {
			// The reported window is over and the new one has not been
			// reported yet: assume it is fresh and spread its whole budget.
			l.interval = min(l.interval, l.windowLen()/time.Duration(l.limit))
		}
		t := now
		if next := l.last.Add(l.interval); next.After(t) {
			t = next
		}
		if l.holdUntil.After(t) {
			t = l.holdUntil
		}
		dl, hasDL := ctx.Deadline()
		switch {
		case hasDL && t.After(dl) && !dl.After(limit):
			return fmt.Errorf("%w (next slot at %s): %w", ErrNoSlotBeforeDeadline, t.Format(time.RFC3339Nano), context.DeadlineExceeded)
		case t.After(limit):
			return fmt.Errorf("%w: next slot at %s, beyond the %s RetryPolicy.MaxRateLimitWait allows: %w", ErrNoSlotBeforeDeadline, t.Format(time.RFC3339Nano), maxWait, ErrRateLimited)
		case hasDL && t.After(dl):
			return fmt.Errorf("%w (next slot at %s): %w", ErrNoSlotBeforeDeadline, t.Format(time.RFC3339Nano), context.DeadlineExceeded)
		}
		prev := l.last
		l.last = t
		if !t.After(now) {
			break
		}
		l.mu.Unlock()
		sleep := l.sleep
		if sleep == nil {
			sleep = sleepCtx
		}
		err := sleep(ctx, t.Sub(now))
		l.mu.Lock()
		if err != nil {
			if l.last.Equal(t) {
				l.last = prev // give the unused slot back
			}
			return err
		}
		if !l.holdUntil.After(l.clock()) {
			break
		}
		// A 429 or a spent window was reported while this request slept:
		// its slot lies in a window that has no room left. Book again.
		if l.last.Equal(t) {
			l.last = prev
		}
	}
	// Counted from its start, not from its booking: a request still
	// waiting for its slot is already part of the schedule.
	l.inflight++
	return nil
}

// Observe records the answer to a request that Wait let through; resp
// is nil when the request failed without one.
func (l *Pacer) Observe(resp *http.Response) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inflight > 0 {
		l.inflight--
	}
	if resp == nil {
		return
	}
	rl, ok := parseRateLimit(resp.Header)
	if !ok || rl.Reset.IsZero() || rl.Limit == 0 {
		return
	}
	limit, rem, reset := rl.Limit, rl.Remaining, rl.Reset
	now := l.clock()
	left := reset.Sub(now)
	if left > time.Hour {
		return // not a window this pacer can use
	}
	switch {
	case l.known && reset.Before(l.reset):
		return // a late answer from an earlier window
	case l.known && reset.Equal(l.reset):
		rem = min(rem, l.remaining) // answers may arrive out of order
	}
	l.known, l.limit, l.reset, l.remaining = true, limit, reset, rem
	if left <= 0 {
		return
	}
	// Reset has whole-second precision, so the longest distance seen,
	// rounded up to a second, is the window's length.
	l.window = max(l.window, ceilSecond(left))
	avail := rem - l.inflight // in-flight requests may land in this window
	if resp.StatusCode == http.StatusTooManyRequests || avail <= 0 {
		l.holdUntil = maxTime(l.holdUntil, reset)
		l.interval = l.windowLen() / time.Duration(limit)
		return
	}
	l.interval = left / time.Duration(avail)
}

func (l *Pacer) windowLen() time.Duration {
	if l.window > 0 {
		return l.window
	}
	return defaultWindow
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func ceilSecond(d time.Duration) time.Duration {
	if r := d % time.Second; r != 0 {
		return d - r + time.Second
	}
	return d
}
