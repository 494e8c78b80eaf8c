package intercomtest

import (
	"net/http"
	"strconv"
	"time"
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
