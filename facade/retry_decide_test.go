package facade

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestDecideRetry walks every branch of the retry decision with a draw
// that always returns its upper bound minus one, so that each wait is
// exact: a backoff of attempt a is BaseDelay<<a - 1ns (capped), a 429's
// wait gains RateLimitJitter - 1ns.
func TestDecideRetry(t *testing.T) {
	p := RetryPolicy{
		MaxRetries:       3,
		BaseDelay:        100 * time.Millisecond,
		MaxDelay:         time.Second,
		MaxRateLimitWait: 30 * time.Second,
		RateLimitJitter:  500 * time.Millisecond,
	}
	now := time.Unix(1_700_000_000, 0)
	const ns = time.Nanosecond
	jit := p.RateLimitJitter - ns
	safe := retryRequest{class: RetrySafe, replayable: true}
	write := retryRequest{class: RetryWrite, replayable: true}
	quota := retryRequest{class: RetryWrite, replayable: true, quota: true}
	withDeadline := func(r retryRequest, in time.Duration) retryRequest { r.deadline = now.Add(in); return r }
	status := func(code int) outcome { return outcome{status: code} }
	withHdr := func(o outcome, w waitHeaders) outcome { o.waitHeaders = w; return o }
	retryAfter := func(d time.Duration) waitHeaders { return waitHeaders{retryAfter: d, hasRetryAfter: true} }
	reset := func(d time.Duration) waitHeaders { return waitHeaders{untilReset: d, hasReset: true} }
	remaining := func(n int64) waitHeaders { return waitHeaders{remaining: n, hasRemaining: true} }

	cases := []struct {
		name    string
		req     retryRequest
		attempt int
		o       outcome
		policy  *RetryPolicy // nil: p
		want    retryDecision
	}{
		// The budget comes first, whatever the outcome.
		{name: "policy disabled", req: safe, o: status(503), policy: &RetryPolicy{}, want: stopRetrying(stopRetriesOff)},
		{name: "max retries reached", req: safe, attempt: 3, o: status(503), want: stopRetrying(stopMaxRetries)},
		{name: "last retry still allowed", req: safe, attempt: 2, o: status(503), want: retryAfterWait(400*time.Millisecond - ns)},
		{name: "body not replayable", req: retryRequest{class: RetrySafe}, o: status(503), want: stopRetrying(stopNotReplayable)},
		{name: "context done", req: safe, o: outcome{done: true, failure: failNeverSent}, want: stopRetrying(stopContextDone)},

		// Answers that another attempt would not change.
		{name: "2xx", req: safe, o: status(200), want: stopRetrying(stopFinalAnswer)},
		{name: "404", req: safe, o: status(404), want: stopRetrying(stopFinalAnswer)},
		{name: "409 write", req: write, o: status(409), want: stopRetrying(stopFinalAnswer)},
		{name: "501 is not transient", req: safe, o: status(501), want: stopRetrying(stopFinalAnswer)},

		// Transport failures.
		{name: "never sent, write", req: write, o: outcome{failure: failNeverSent}, want: retryAfterWait(100*time.Millisecond - ns)},
		{name: "never sent, safe", req: safe, attempt: 1, o: outcome{failure: failNeverSent}, want: retryAfterWait(200*time.Millisecond - ns)},
		{name: "transient, safe", req: safe, o: outcome{failure: failTransient}, want: retryAfterWait(100*time.Millisecond - ns)},
		{name: "transient, write", req: write, o: outcome{failure: failTransient}, want: stopRetrying(stopMayHaveActed)},
		{name: "final error, safe", req: safe, o: outcome{failure: failFinal}, want: stopRetrying(stopFinalError)},
		{name: "final error, write", req: write, o: outcome{failure: failFinal}, want: stopRetrying(stopFinalError)},

		// A 2xx whose JSON body is not JSON.
		{name: "garbled, safe", req: safe, o: outcome{status: 200, garbled: true}, want: retryAfterWait(100*time.Millisecond - ns)},
		{name: "garbled, write", req: write, o: outcome{status: 200, garbled: true}, want: stopRetrying(stopMayHaveActed)},

		// 408 and 5xx: safe requests only; Retry-After alone sets the wait.
		{name: "408 safe", req: safe, o: status(408), want: retryAfterWait(100*time.Millisecond - ns)},
		{name: "500 safe", req: safe, o: status(500), want: retryAfterWait(100*time.Millisecond - ns)},
		{name: "502 safe", req: safe, o: status(502), want: retryAfterWait(100*time.Millisecond - ns)},
		{name: "503 safe", req: safe, o: status(503), want: retryAfterWait(100*time.Millisecond - ns)},
		{name: "504 safe", req: safe, o: status(504), want: retryAfterWait(100*time.Millisecond - ns)},
		{name: "backoff capped at MaxDelay", req: safe, attempt: 2, o: status(503), policy: &RetryPolicy{MaxRetries: 9, BaseDelay: 300 * time.Millisecond, MaxDelay: time.Second, MaxRateLimitWait: time.Minute}, want: retryAfterWait(time.Second - ns)},
		{name: "408 write", req: write, o: status(408), want: stopRetrying(stopMayHaveActed)},
		{name: "500 write", req: write, o: status(500), want: stopRetrying(stopMayHaveActed)},
		{name: "503 write with Retry-After", req: write, o: withHdr(status(503), retryAfter(time.Second)), want: stopRetrying(stopMayHaveActed)},
		{name: "503 Retry-After, no jitter", req: safe, o: withHdr(status(503), retryAfter(7*time.Second)), want: retryAfterWait(7 * time.Second)},
		{name: "503 Retry-After too long", req: safe, o: withHdr(status(503), retryAfter(31*time.Second)), want: stopRetrying(stopWaitTooLong)},
		{name: "503 ignores X-RateLimit-Reset", req: safe, o: withHdr(status(503), reset(20*time.Second)), want: retryAfterWait(100*time.Millisecond - ns)},

		// 429: even writes, when waiting for the window can help.
		{name: "429 write, no headers", req: write, o: status(429), want: retryAfterWait(100*time.Millisecond - ns + jit)},
		{name: "429 until reset", req: write, o: withHdr(status(429), reset(4*time.Second)), want: retryAfterWait(4*time.Second + jit)},
		{name: "429 Retry-After wins over reset", req: safe, o: withHdr(status(429), waitHeaders{retryAfter: 2 * time.Second, hasRetryAfter: true, untilReset: 9 * time.Second, hasReset: true}), want: retryAfterWait(2*time.Second + jit)},
		{name: "429 window spent", req: safe, o: withHdr(status(429), waitHeaders{remaining: 0, hasRemaining: true, untilReset: 3 * time.Second, hasReset: true}), want: retryAfterWait(3*time.Second + jit)},
		{name: "429 with requests left", req: safe, o: withHdr(status(429), remaining(5)), want: stopRetrying(stopWindowNotSpent)},
		{name: "429 wait too long", req: write, o: withHdr(status(429), reset(30*time.Second)), want: stopRetrying(stopWaitTooLong)},
		{name: "429 wait at the limit", req: write, o: withHdr(status(429), reset(30*time.Second-jit)), want: retryAfterWait(30 * time.Second)},

		// Quota operations: a 429 is waited out only when the window is spent.
		{name: "quota 429 without remaining", req: quota, o: withHdr(status(429), reset(time.Second)), want: stopRetrying(stopQuota)},
		{name: "quota 429 with requests left", req: quota, o: withHdr(status(429), remaining(1)), want: stopRetrying(stopWindowNotSpent)},
		{name: "quota 429 window spent", req: quota, o: withHdr(status(429), waitHeaders{remaining: 0, hasRemaining: true, untilReset: time.Second, hasReset: true}), want: retryAfterWait(time.Second + jit)},
		{name: "quota flag ignored on 503", req: retryRequest{class: RetrySafe, replayable: true, quota: true}, o: status(503), want: retryAfterWait(100*time.Millisecond - ns)},

		// The context's deadline.
		{name: "Retry-After past the deadline", req: withDeadline(safe, 5*time.Second), o: withHdr(status(503), retryAfter(6*time.Second)), want: stopRetrying(stopPastDeadline)},
		{name: "Retry-After ending at the deadline", req: withDeadline(safe, 6*time.Second), o: withHdr(status(503), retryAfter(6*time.Second)), want: retryAfterWait(6 * time.Second)},
		{name: "429 reset past the deadline", req: withDeadline(write, 2*time.Second), o: withHdr(status(429), reset(2*time.Second)), want: stopRetrying(stopPastDeadline)},
		{name: "backoff past the deadline", req: withDeadline(safe, 50*time.Millisecond), o: status(500), want: stopRetrying(stopPastDeadline)},
		{name: "deadline already passed", req: withDeadline(write, -time.Second), o: outcome{failure: failNeverSent}, want: stopRetrying(stopPastDeadline)},
	}
	for _, c := range cases {
		pol := p
		if c.policy != nil {
			pol = *c.policy
		}
		got := decideRetry(c.req, c.attempt, c.o, pol, now, MaxJitter)
		assert.Equal(t, c.want, got, "%s: got %s after %v, want %s after %v", c.name, got.stop, got.wait, c.want.stop, c.want.wait)
	}
}

// TestDecideRetryDraws: a decision to stop takes no random
// draw, and a 429's wait takes one for the backoff and one for the jitter
// in that order.
func TestDecideRetryDraws(t *testing.T) {
	p := DefaultRetryPolicy()
	now := time.Unix(1_700_000_000, 0)
	var asked []int64
	draw := func(n int64) int64 { asked = append(asked, n); return 0 }
	write := retryRequest{class: RetryWrite, replayable: true}

	got := decideRetry(write, 0, outcome{status: http.StatusServiceUnavailable}, p, now, draw)
	assert.Equal(t, stopRetrying(stopMayHaveActed), got)
	assert.Empty(t, asked)

	got = decideRetry(write, 1, outcome{status: http.StatusTooManyRequests}, p, now, draw)
	assert.Equal(t, retryAfterWait(0), got)
	assert.Equal(t, []int64{int64(2 * p.BaseDelay), int64(p.RateLimitJitter)}, asked)
}
