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
