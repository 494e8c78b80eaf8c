// Package redislimit is a facade.RateLimiter shared through Redis by every
// worker of every process, on any number of machines, that uses one
// Intercom access token (one rate limit).
//
// A facade.Pacer paces the clients of one process: several processes
// each with their own pace as if each owned X-RateLimit-Remaining, and
// together they overrun the window (three processes met 429s on 14-16% of
// their requests). A Limiter keeps the schedule in one Redis key instead.
//
// # Algorithm
//
// Intercom enforces its limit in windows (of 10 seconds) and reports the
// current one on every answer: X-RateLimit-Remaining, and its end in
// X-RateLimit-Reset. The key holds one schedule for all processes, in
// two parts:
//
//   - A window an answer has reported (a confirmed window) lends its
//     budget as it is asked for: a request starts at once while the
//     requests counted in the window leave room. The count is the
//     schedule's own (every slot booked in the window, whatever process
//     booked it, answered or not) or Intercom's (the limit less
//     X-RateLimit-Remaining, which includes whoever spends the same limit
//     without this schedule), whichever is higher. Nothing starts in the
//     last twentieth of a window (at least 50 ms): it could reach
//     Intercom after the reset.
//   - A window no answer has reported yet, the one after a spent window,
//     is scheduled by GCRA (the generic cell rate algorithm, virtual
//     scheduling form, no burst): one request every window/limit from a
//     twentieth of a window after the reset, counted, until its first
//     answer confirms it. Its start is only known to the second
//     X-RateLimit-Reset carries and through two clocks; spreading its
//     first requests keeps a misjudged start from spending a window twice.
//
// A 429 (or Remaining down to the margin) spends the window and holds
// every request until X-RateLimit-Reset. Requests before the first answer
// are not held, and are counted in the window it reports. Each step is
// one Lua script, so it is atomic across processes, and every time is
// Redis's own clock (TIME), so the machines' clocks need not agree; a
// reset time is carried as its distance from the local clock.
//
// Spending a confirmed window as it is asked for, rather than spreading
// it, is what windows that reset allow; it makes use of the time an
// export waits for its first search and lets its last window go at once,
// which spreading wasted. Options.Spread restores the even schedule (GCRA
// throughout, fed by the headers as the in-process facade.Pacer is) for
// limits counted over sliding windows.
//
// A request that was given a slot and sleeps towards it asks Redis again
// when it wakes: if a 429 arrived meanwhile (from any process) it waits
// for the reset instead of sending into a spent window.
//
// # When Redis fails
//
// By default a Limiter fails closed: when Redis cannot be reached within
// Options.Timeout, Wait returns an error wrapping ErrUnavailable (and the
// request is not sent). Falling back silently to local pacing would
// multiply the request rate by the number of processes, the very storm of
// 429s the shared limiter is there to prevent, and hide the outage.
// Callers who prefer to carry on set Options.Fallback (for instance to
// facade.NewRateLimiter()): Wait then uses it while Redis fails and
// Options.OnError hears each failure. An export that fails closed ends
// with a resumable position (see docs/export.md).
//
// This package is its own Go module so that the client gains no
// dependency on a Redis client.
package redislimit

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/internal/ctxsleep"
	"github.com/redis/go-redis/v9"
)

// ErrUnavailable is wrapped by the errors of Wait when Redis could not be
// asked (down, unreachable, too slow) and no Fallback is set.
var ErrUnavailable = errors.New("intercom: shared rate limiter unavailable")

// Options configures a Limiter.
type Options struct {
	// Key is the Redis key holding the shared schedule; every process
	// sharing one limit must use the same key, and different limits
	// (tokens, workspaces) different keys, e.g. "intercom:rate:<app id>".
	// Never put the access token in it: keys are visible to anyone who
	// can read the Redis server.
	Key string
	// Timeout bounds each Redis call; 0 means one second.
	Timeout time.Duration
	// Margin is how many requests of each window are left unused, as a
	// cushion for requests the schedule cannot see coming; 0 means 2% of
	// the limit, rounded down (at least one with Spread, where a request
	// that reaches Intercom late can make a window's limit plus one; a
	// confirmed window counts its own requests exactly).
	Margin int
	// Fallback, when set, paces requests while Redis fails instead of
	// failing closed. It also observes every answer, so it is warm when
	// it is needed.
	Fallback facade.RateLimiter
	// OnError, when set, hears every Redis failure (the error wraps
	// ErrUnavailable).
	OnError func(error)
	// TTL is how long an idle schedule stays in Redis; 0 means one hour.
	TTL time.Duration
	// Spread, when true, spreads every window's budget evenly (one
	// request every window/limit) and never lets a window's budget go
	// at once. Use it against a limit counted over a sliding window; it
	// is slower against Intercom's fixed windows, where the first
	// requests of an export and its last window wait for nothing.
	Spread bool
}

// Limiter is a facade.RateLimiter whose schedule lives in Redis. It is safe
// for concurrent use; give one to every client of the process, and the
// same Options.Key to every process.
type Limiter struct {
	rdb     redis.Scripter
	opts    Options
	waiting atomic.Int64

	sleep func(ctx context.Context, d time.Duration) error // seam for tests
}

var _ facade.RateLimiter = (*Limiter)(nil)

// New returns a Limiter that keeps its schedule under opts.Key of rdb (a
// *redis.Client, *redis.ClusterClient or anything that runs scripts).
func New(rdb redis.Scripter, opts Options) (*Limiter, error) {
	if rdb == nil {
		return nil, errors.New("intercom: redislimit: nil Redis client")
	}
	if opts.Key == "" {
		return nil, errors.New("intercom: redislimit: Options.Key is empty")
	}
	if opts.Timeout < 0 || opts.Margin < 0 || opts.TTL < 0 {
		return nil, errors.New("intercom: redislimit: negative option")
	}
	if opts.Timeout == 0 {
		opts.Timeout = time.Second
	}
	if opts.TTL == 0 {
		opts.TTL = time.Hour
	}
	return &Limiter{rdb: rdb, opts: opts}, nil
}

// The three steps of the schedule. Times are microseconds of Redis's
// clock; each script reads TIME itself, so that one clock orders all
// processes.
var (
	//go:embed wait.lua
	waitSrc    string
	waitScript = redis.NewScript(waitSrc)
	//go:embed observe.lua
	observeSrc    string
	observeScript = redis.NewScript(observeSrc)
	//go:embed hold.lua
	holdSrc    string
	holdScript = redis.NewScript(holdSrc)
)

// Waiting reports how many requests of this process are waiting in Wait
// for their slot; an export's progress shows it.
func (l *Limiter) Waiting() int { return int(l.waiting.Load()) }

// Wait books the next slot of the shared schedule and sleeps until it;
// see facade.RateLimiter.
func (l *Limiter) Wait(ctx context.Context, maxWait time.Duration) error {
	l.waiting.Add(1)
	defer l.waiting.Add(-1)
	limit := time.Now().Add(max(maxWait, 0))
	for {
		now := time.Now()
		bound, byDeadline := limit.Sub(now), false
		if dl, ok := ctx.Deadline(); ok && dl.Before(limit) {
			bound, byDeadline = dl.Sub(now), true
		}
		b, ok, err := l.book(ctx, max(bound, 0))
		d := b.wait
		if err != nil {
			return l.unavailable(ctx, maxWait, err)
		}
		if !ok {
			if byDeadline {
				return fmt.Errorf("%w (next shared slot in %s): %w", facade.ErrNoSlotBeforeDeadline, d, context.DeadlineExceeded)
			}
			return fmt.Errorf("%w: next shared slot in %s, beyond the %s RetryPolicy.MaxRateLimitWait allows: %w", facade.ErrNoSlotBeforeDeadline, d, maxWait, facade.ErrRateLimited)
		}
		if d <= 0 {
			return nil
		}
		// A slot in a window no answer has confirmed yet may go early
		// once one does: sleep until the window starts, then ask every
		// poll. Other slots are slept to at once.
		step := d
		if b.window != 0 {
			step = min(d, max(b.first, 0))
		}
		for {
			if err := l.sleepFor(ctx, step); err != nil {
				return err
			}
			// A 429 may have been reported, by any process, while this
			// request slept towards its slot.
			h, rest, err := l.recheck(ctx, b)
			if err != nil {
				return l.unavailable(ctx, maxWait, err)
			}
			if h > 0 {
				break // book again
			}
			if rest <= 0 {
				return nil
			}
			step = rest
			if b.poll > 0 {
				step = min(rest, b.poll)
			}
		}
	}
}

// Observe feeds an answer's X-RateLimit-* headers to the shared schedule.
func (l *Limiter) Observe(resp *http.Response) {
	if l.opts.Fallback != nil {
		l.opts.Fallback.Observe(resp)
	}
	rl, ok := facade.RateLimitOf(resp)
	if !ok || rl.Limit <= 0 || rl.Reset.IsZero() {
		return
	}
	left := time.Until(rl.Reset)
	if left > time.Hour {
		return // not a window a limiter can use
	}
	is429 := 0
	if resp.StatusCode == http.StatusTooManyRequests {
		is429 = 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), l.opts.Timeout)
	defer cancel()
	leastMargin := 0
	if l.opts.Spread {
		leastMargin = 1
	}
	err := observeScript.Run(ctx, l.rdb, []string{l.opts.Key},
		rl.Limit, rl.Remaining, left.Microseconds(), is429, l.opts.Margin, l.opts.TTL.Milliseconds(), leastMargin).Err()
	if err != nil && l.opts.OnError != nil {
		l.opts.OnError(fmt.Errorf("%w: recording an answer: %w", ErrUnavailable, err))
	}
}

// booking is the answer of the wait script.
type booking struct {
	wait time.Duration // until the slot
	// For a slot in a window no answer had confirmed: the window's end
	// and the slot (Redis's clock, microseconds), how long until the
	// window's first slot, and how often to ask whether it is confirmed.
	window, slot int64
	first, poll  time.Duration
}

// book asks for the next slot no further than bound away. It returns the
// booking and whether it was booked (false: the slot is b.wait away,
// beyond bound, and was not booked).
func (l *Limiter) book(ctx context.Context, bound time.Duration) (booking, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, l.opts.Timeout)
	defer cancel()
	spread := 0
	if l.opts.Spread {
		spread = 1
	}
	vs, err := waitScript.Run(ctx, l.rdb, []string{l.opts.Key}, bound.Microseconds(), l.opts.TTL.Milliseconds(), spread).Int64Slice()
	if err != nil {
		return booking{}, false, err
	}
	if len(vs) != 2 && len(vs) != 6 {
		return booking{}, false, fmt.Errorf("unexpected answer %v from the wait script", vs)
	}
	b := booking{wait: time.Duration(vs[1]) * time.Microsecond}
	if len(vs) == 6 {
		b.window, b.slot = vs[2], vs[3]
		b.first, b.poll = time.Duration(vs[4])*time.Microsecond, time.Duration(vs[5])*time.Microsecond
	}
	return b, vs[0] == 1, nil
}

// recheck reports, after a sleep towards b's slot, how long the shared
// hold (429 or spent window) lasts and how much longer b must wait.
func (l *Limiter) recheck(ctx context.Context, b booking) (hold, rest time.Duration, err error) {
	ctx, cancel := context.WithTimeout(ctx, l.opts.Timeout)
	defer cancel()
	vs, err := holdScript.Run(ctx, l.rdb, []string{l.opts.Key}, b.window, b.slot).Int64Slice()
	if err != nil {
		return 0, 0, err
	}
	if len(vs) != 2 {
		return 0, 0, fmt.Errorf("unexpected answer %v from the hold script", vs)
	}
	return time.Duration(vs[0]) * time.Microsecond, time.Duration(vs[1]) * time.Microsecond, nil
}

// unavailable handles a failed Redis call in Wait: the caller's own
// cancellation as it is, otherwise the fallback or a closed failure.
func (l *Limiter) unavailable(ctx context.Context, maxWait time.Duration, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	err = fmt.Errorf("%w: %w", ErrUnavailable, err)
	if l.opts.OnError != nil {
		l.opts.OnError(err)
	}
	if l.opts.Fallback != nil {
		return l.opts.Fallback.Wait(ctx, maxWait)
	}
	return err
}

func (l *Limiter) sleepFor(ctx context.Context, d time.Duration) error {
	if l.sleep != nil {
		return l.sleep(ctx, d)
	}
	return ctxsleep.Sleep(ctx, d)
}
