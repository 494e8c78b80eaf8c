package facade

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimit is the rate-limit state Intercom reports on a response: the
// X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.
type RateLimit struct {
	// Limit is the number of operations allowed in the current window.
	Limit int
	// Remaining is the number left in the current window.
	Remaining int
	// Reset is when the window resets; zero if Intercom did not say.
	Reset time.Time
}

// Rate-limit headers Intercom sets on authenticated responses.
const (
	hdrRateLimit     = "X-RateLimit-Limit"
	hdrRateRemaining = "X-RateLimit-Remaining"
	hdrRateReset     = "X-RateLimit-Reset"
)

// maxResetUnix bounds X-RateLimit-Reset (year 9999) so that absurd values
// are refused rather than turned into times that overflow arithmetic.
const maxResetUnix = 253402300799

// parseRateLimit reads the rate-limit headers. ok is true when Limit and
// Remaining are both present and non-negative decimal integers; Reset, a
// Unix time in seconds, is zero when absent or invalid. Surrounding spaces
// are ignored; only the first value of a repeated header counts.
func parseRateLimit(h http.Header) (RateLimit, bool) {
	limit, ok1 := headerInt(h, hdrRateLimit, int64(^uint(0)>>1))
	remaining, ok2 := headerInt(h, hdrRateRemaining, int64(^uint(0)>>1))
	if !ok1 || !ok2 {
		return RateLimit{}, false
	}
	rl := RateLimit{Limit: int(limit), Remaining: int(remaining)}
	rl.Reset, _ = resetOf(h)
	return rl, true
}

// resetOf reads X-RateLimit-Reset, the Unix second the window ends.
func resetOf(h http.Header) (time.Time, bool) {
	secs, ok := headerInt(h, hdrRateReset, maxResetUnix)
	if !ok || secs <= 0 {
		return time.Time{}, false
	}
	return time.Unix(secs, 0), true
}

// remainingOf reads X-RateLimit-Remaining alone.
func remainingOf(h http.Header) (int64, bool) {
	return headerInt(h, hdrRateRemaining, int64(^uint(0)>>1))
}

// headerInt parses a header as a decimal integer in [0, max].
func headerInt(h http.Header, key string, max int64) (int64, bool) {
	vs := h.Values(key)
	if len(vs) == 0 {
		return 0, false
	}
	s := strings.TrimSpace(vs[0])
	if s == "" || s[0] == '+' || s[0] == '-' {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > max {
		return 0, false
	}
	return n, true
}

// RateLimitOf returns the rate-limit state reported on resp, such as
// resp.HTTPResponse of a generated call. ok is false when resp carries no
// (valid) rate-limit headers.
func RateLimitOf(resp *http.Response) (RateLimit, bool) {
	if resp == nil {
		return RateLimit{}, false
	}
	return parseRateLimit(resp.Header)
}

// maxHeaderWait bounds waits read from headers so that absurd values
// cannot overflow a time.Duration; MaxRateLimitWait rejects them anyway.
const maxHeaderWait = 24 * time.Hour

// waitHeaders is what an answer's headers ask of the client about waiting,
// read at one instant.
type waitHeaders struct {
	retryAfter    time.Duration // Retry-After, as a wait from then
	hasRetryAfter bool
	untilReset    time.Duration // the wait until X-RateLimit-Reset
	hasReset      bool
	remaining     int64 // X-RateLimit-Remaining
	hasRemaining  bool
}

// parseWaitHeaders reads Retry-After and X-RateLimit-Reset as waits from
// now, and X-RateLimit-Remaining. No wait is negative.
func parseWaitHeaders(h http.Header, now time.Time) waitHeaders {
	var w waitHeaders
	w.retryAfter, w.hasRetryAfter = retryAfter(h, now)
	if reset, ok := resetOf(h); ok {
		w.untilReset, w.hasReset = clampWait(reset.Sub(now)), true
	}
	w.remaining, w.hasRemaining = remainingOf(h)
	return w
}

// serverWait is how long the server asks the client to wait after a 429:
// the Retry-After header (seconds or an HTTP date) when present, otherwise
// until X-RateLimit-Reset (a Unix time in seconds).
func (w waitHeaders) serverWait() (time.Duration, bool) {
	switch {
	case w.hasRetryAfter:
		return w.retryAfter, true
	case w.hasReset:
		return w.untilReset, true
	}
	return 0, false
}

// retryAfter reads the Retry-After header alone: the only wait a 5xx
// answer can ask for (its X-RateLimit-Reset is about the rate limit).
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return clampWait(time.Duration(min(secs, int64(maxHeaderWait/time.Second))) * time.Second), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return clampWait(t.Sub(now)), true
	}
	return 0, false
}

func clampWait(d time.Duration) time.Duration {
	return max(0, min(d, maxHeaderWait))
}
