package facade

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// FuzzRetryHeaders feeds arbitrary Retry-After and X-RateLimit-* values
// and statuses to the retry decision and the pacer: nothing may panic,
// no wait may be negative or longer than the policy allows, a write may
// only be retried on a 429, and the pacer may not schedule a request
// absurdly far ahead.
func FuzzRetryHeaders(f *testing.F) {
	f.Add("", "100", "0", "1700000007", 429)
	f.Add("3", "100", "0", "1700000007", 429)
	f.Add("Wed, 15 Nov 2023 22:13:30 GMT", "", "", "", 503)
	f.Add("-1", "100", "5", "1700000001", 429)
	f.Add("99999999999999999999", "0", "0", "9223372036854775807", 429)
	f.Add("", "1000", "999", "1699999999", 200)
	f.Add("1e3", "x", "-3", " 1700000002 ", 500)
	now := time.Unix(1_700_000_000, 0)
	f.Fuzz(func(t *testing.T, retryAfterV, limit, remaining, reset string, status int) {
		h := http.Header{}
		for k, v := range map[string]string{
			"Retry-After": retryAfterV, "X-RateLimit-Limit": limit,
			"X-RateLimit-Remaining": remaining, "X-RateLimit-Reset": reset,
		} {
			if v != "" {
				h.Set(k, v)
			}
		}
		if d, ok := parseWaitHeaders(h, now).serverWait(); d < 0 || d > maxHeaderWait || (!ok && d != 0) {
			t.Fatalf("serverWait = %v, %v", d, ok)
		}
		if d, ok := retryAfter(h, now); d < 0 || d > maxHeaderWait || (!ok && d != 0) {
			t.Fatalf("retryAfter = %v, %v", d, ok)
		}

		resp := &http.Response{StatusCode: status, Header: h}
		p := DefaultRetryPolicy()
		o := outcomeOf(context.Background(), attemptResult{resp: resp}, now)
		for _, class := range []RetryClass{RetrySafe, RetryWrite} {
			dec := decideRetry(retryRequest{class: class, replayable: true}, 1, o, p, now, MaxJitter)
			if !dec.retry() {
				continue
			}
			if d := dec.wait; d < 0 || d > p.MaxRateLimitWait {
				t.Fatalf("%v: wait %v outside [0, %v]", class, d, p.MaxRateLimitWait)
			}
			if class == RetryWrite && status != http.StatusTooManyRequests {
				t.Fatalf("write retried after a %d", status)
			}
		}

		l, fc := newFakePacer()
		fc.t = now
		mustWait(t, l)
		l.Observe(resp)
		mustWait(t, l)
		mustWait(t, l)
		for _, s := range fc.takeSleeps() {
			if s < 0 || s > 2*time.Hour {
				t.Fatalf("pacer slept %v", s)
			}
		}
		if l.interval < 0 || l.inflight != 2 {
			t.Fatalf("pacer interval %v inflight %d", l.interval, l.inflight)
		}
	})
}
