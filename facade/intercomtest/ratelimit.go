package intercomtest

import (
	"net/http"
	"strconv"
	"time"
)

// Intercom's default limit for a private app is 10,000 calls a minute,
// "distributed into 10 second periods": its X-RateLimit-Limit reports the
// 10-second share (1,000 a minute is reported as 167, "Exceeded rate limit
// of 167 in 10_seconds"), and X-RateLimit-Reset the end of the 10 seconds.
const (
	defaultRateWindow = 10 * time.Second
	defaultRateLimit  = (10000*int(defaultRateWindow/time.Second) + 59) / 60 // 1,667
)

// rateLimiter counts requests in fixed windows, as Intercom's limits do.
type rateLimiter struct {
	limit  int
	window time.Duration
	start  time.Time
	used   int
}

// take counts one request at now and reports what is left of the window.
func (l *rateLimiter) take(now time.Time) (remaining int, reset time.Time, ok bool) {
	if l.start.IsZero() || now.Sub(l.start) >= l.window {
		l.start, l.used = now, 0
	}
	reset = l.start.Add(l.window)
	if l.used >= l.limit {
		return 0, reset, false
	}
	l.used++
	return l.limit - l.used, reset, true
}

func (l *rateLimiter) resetAt(now time.Time) time.Time {
	if l.start.IsZero() || now.Sub(l.start) >= l.window {
		return now.Add(l.window)
	}
	return l.start.Add(l.window)
}

// takeRate counts the request and sets the X-RateLimit-* headers; false
// means the window is used up.
func (s *Server) takeRate(w http.ResponseWriter) bool {
	s.mu.Lock()
	rem, reset, ok := s.rl.take(s.now())
	limit := s.rl.limit
	s.mu.Unlock()
	setRateHeaders(w, limit, rem, reset)
	return ok
}

func setRateHeaders(w http.ResponseWriter, limit, remaining int, reset time.Time) {
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	// Intercom sends the reset time in whole Unix seconds; round up so that
	// waiting until then always reaches the next window.
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Add(time.Second-1).Unix(), 10))
}
