package facade

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func rlHeader(limit, remaining, reset string) http.Header {
	h := http.Header{}
	for k, v := range map[string]string{hdrRateLimit: limit, hdrRateRemaining: remaining, hdrRateReset: reset} {
		if v != "-" {
			h.Set(k, v)
		}
	}
	return h
}

func TestParseRateLimit(t *testing.T) {
	tests := []struct {
		name                    string
		limit, remaining, reset string // "-": header absent
		want                    RateLimit
		ok                      bool
	}{
		{"all", "1000", "999", "1487332510", RateLimit{1000, 999, time.Unix(1487332510, 0)}, true},
		{"exhausted", "167", "0", "1487332520", RateLimit{167, 0, time.Unix(1487332520, 0)}, true},
		{"spaces", " 10 ", "\t9", "1487332510 ", RateLimit{10, 9, time.Unix(1487332510, 0)}, true},
		{"no reset", "10", "9", "-", RateLimit{10, 9, time.Time{}}, true},
		{"bad reset", "10", "9", "soon", RateLimit{10, 9, time.Time{}}, true},
		{"zero reset", "10", "9", "0", RateLimit{10, 9, time.Time{}}, true},
		{"reset too far", "10", "9", "99999999999999", RateLimit{10, 9, time.Time{}}, true},
		{"no headers", "-", "-", "-", RateLimit{}, false},
		{"no remaining", "10", "-", "1487332510", RateLimit{}, false},
		{"no limit", "-", "9", "1487332510", RateLimit{}, false},
		{"negative", "10", "-1", "1487332510", RateLimit{}, false},
		{"plus sign", "+10", "9", "1487332510", RateLimit{}, false},
		{"fraction", "10.5", "9", "1487332510", RateLimit{}, false},
		{"empty", "", "9", "1487332510", RateLimit{}, false},
		{"overflow", "99999999999999999999", "9", "1", RateLimit{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseRateLimit(rlHeader(tc.limit, tc.remaining, tc.reset))
			require.Equal(t, tc.ok, ok, "parseRateLimit = %+v, %v; want %+v, %v", got, ok, tc.want, tc.ok)
			require.Equal(t, tc.want, got, "parseRateLimit")
		})
	}
	// Header names are matched case-insensitively, the first of repeated
	// values counts.
	h := http.Header{}
	h.Add("x-ratelimit-limit", "5")
	h.Add("X-RATELIMIT-LIMIT", "6")
	h.Add("x-RateLimit-remaining", "4")
	got, ok := parseRateLimit(h)
	require.True(t, ok, "parseRateLimit(%v) = %+v, %v", h, got, ok)
	require.Equal(t, 5, got.Limit, "parseRateLimit(%v)", h)
	require.Equal(t, 4, got.Remaining, "parseRateLimit(%v)", h)
}

// FuzzParseRateLimit: any header values parse without panic, and whatever
// parses is exactly the decimal integers the headers hold.
func FuzzParseRateLimit(f *testing.F) {
	f.Add("1000", "999", "1487332510")
	f.Add("10", "0", "")
	f.Add(" 1 ", "-1", "x")
	f.Add("9223372036854775807", "9223372036854775808", "253402300800")
	f.Fuzz(func(t *testing.T, limit, remaining, reset string) {
		h := http.Header{}
		h[http.CanonicalHeaderKey(hdrRateLimit)] = []string{limit}
		h[http.CanonicalHeaderKey(hdrRateRemaining)] = []string{remaining}
		h[http.CanonicalHeaderKey(hdrRateReset)] = []string{reset}
		rl, ok := parseRateLimit(h)
		if !ok {
			require.Equal(t, RateLimit{}, rl, "not ok")
			return
		}
		require.GreaterOrEqual(t, rl.Limit, 0, "negative %+v", rl)
		require.GreaterOrEqual(t, rl.Remaining, 0, "negative %+v", rl)
		require.Equal(t, digits(limit), strconv.Itoa(rl.Limit), "%+v from %q, %q", rl, limit, remaining)
		require.Equal(t, digits(remaining), strconv.Itoa(rl.Remaining), "%+v from %q, %q", rl, limit, remaining)
		if !rl.Reset.IsZero() {
			sec := rl.Reset.Unix()
			require.Positive(t, sec, "Reset %v from %q", rl.Reset, reset)
			require.LessOrEqual(t, sec, int64(maxResetUnix), "Reset %v from %q", rl.Reset, reset)
			require.Equal(t, digits(reset), strconv.FormatInt(sec, 10), "Reset %v from %q", rl.Reset, reset)
		}
	})
}

// digits is a header value as strconv would print its number: no spaces,
// no leading zeros.
func digits(s string) string {
	d := strings.TrimLeft(strings.TrimSpace(s), "0")
	if d == "" {
		return "0"
	}
	return d
}

func TestServerWait(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	h := func(kv ...string) http.Header {
		out := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	cases := []struct {
		name string
		h    http.Header
		want time.Duration
		ok   bool
	}{
		{"none", h(), 0, false},
		{"retry-after seconds", h("Retry-After", "7"), 7 * time.Second, true},
		{"retry-after wins over reset", h("Retry-After", "2", "X-RateLimit-Reset", "1700000009"), 2 * time.Second, true},
		{"retry-after date", h("Retry-After", now.Add(90*time.Second).UTC().Format(http.TimeFormat)), 90 * time.Second, true},
		{"retry-after date in the past", h("Retry-After", now.Add(-time.Hour).UTC().Format(http.TimeFormat)), 0, true},
		{"reset", h("X-RateLimit-Reset", "1700000004"), 4 * time.Second, true},
		{"reset passed", h("X-RateLimit-Reset", "1699999990"), 0, true},
		{"bad retry-after falls back to reset", h("Retry-After", "soon", "X-RateLimit-Reset", "1700000003"), 3 * time.Second, true},
		{"negative retry-after falls back", h("Retry-After", "-5", "X-RateLimit-Reset", "1700000001"), time.Second, true},
		{"huge retry-after is clamped", h("Retry-After", "99999999999999"), maxHeaderWait, true},
		{"reset far in the future is clamped", h("X-RateLimit-Reset", "253402300799"), maxHeaderWait, true},
		{"reset past year 9999 is garbage", h("X-RateLimit-Reset", "9223372036854775807"), 0, false},
		{"garbage reset", h("X-RateLimit-Reset", "1.5e9"), 0, false},
		{"zero reset", h("X-RateLimit-Reset", "0"), 0, false},
	}
	for _, c := range cases {
		got, ok := parseWaitHeaders(c.h, now).serverWait()
		assert.Equal(t, c.want, got, "%s: wait", c.name)
		assert.Equal(t, c.ok, ok, "%s: ok", c.name)
	}
	// A 5xx only honours Retry-After.
	_, ok := retryAfter(h("X-RateLimit-Reset", "1700000004"), now)
	assert.False(t, ok, "retryAfter used X-RateLimit-Reset")
}

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
		d, ok := parseWaitHeaders(h, now).serverWait()
		require.GreaterOrEqual(t, d, time.Duration(0), "serverWait = %v, %v", d, ok)
		require.LessOrEqual(t, d, maxHeaderWait, "serverWait = %v, %v", d, ok)
		if !ok {
			require.Zero(t, d, "serverWait = %v, %v", d, ok)
		}
		d, ok = retryAfter(h, now)
		require.GreaterOrEqual(t, d, time.Duration(0), "retryAfter = %v, %v", d, ok)
		require.LessOrEqual(t, d, maxHeaderWait, "retryAfter = %v, %v", d, ok)
		if !ok {
			require.Zero(t, d, "retryAfter = %v, %v", d, ok)
		}

		resp := &http.Response{StatusCode: status, Header: h}
		p := DefaultRetryPolicy()
		o := outcomeOf(context.Background(), attemptResult{resp: resp}, now)
		for _, class := range []RetryClass{RetrySafe, RetryWrite} {
			dec := decideRetry(retryRequest{class: class, replayable: true}, 1, o, p, now, MaxJitter)
			if !dec.retry() {
				continue
			}
			require.GreaterOrEqual(t, dec.wait, time.Duration(0), "%v: wait %v outside [0, %v]", class, dec.wait, p.MaxRateLimitWait)
			require.LessOrEqual(t, dec.wait, p.MaxRateLimitWait, "%v: wait %v outside [0, %v]", class, dec.wait, p.MaxRateLimitWait)
			if class == RetryWrite {
				require.Equal(t, http.StatusTooManyRequests, status, "write retried after a %d", status)
			}
		}

		l, fc := newFakePacer()
		fc.t = now
		mustWait(t, l)
		l.Observe(resp)
		mustWait(t, l)
		mustWait(t, l)
		for _, s := range fc.takeSleeps() {
			require.GreaterOrEqual(t, s, time.Duration(0), "pacer slept %v", s)
			require.LessOrEqual(t, s, 2*time.Hour, "pacer slept %v", s)
		}
		require.GreaterOrEqual(t, l.interval, time.Duration(0), "pacer interval %v inflight %d", l.interval, l.inflight)
		require.Equal(t, 2, l.inflight, "pacer interval %v inflight %d", l.interval, l.inflight)
	})
}
