package webhook

import (
	"errors"
	"time"
)

// Defaults of Handler.
const (
	// DefaultAckTimeout is how long Handler waits for a HandlerFunc before
	// answering 200 anyway: Intercom prioritises the notifications of
	// endpoints that answer successfully within 500 ms and delivers those
	// of slower ones with a lower priority.
	DefaultAckTimeout = 400 * time.Millisecond
	// DefaultMaxAge is how old a notification's signed timestamp may be:
	// Intercom delays deliveries it throttles by up to 2 hours, and a
	// replay of a captured delivery older than this is refused. The
	// default dedup window is as long, so that a fresh replay is caught as
	// a duplicate.
	DefaultMaxAge = 3 * time.Hour
	// DefaultRunTimeout bounds a HandlerFunc's whole run, through its
	// context's deadline.
	DefaultRunTimeout = time.Minute
	// DefaultMaxInFlight bounds how many HandlerFuncs run at once.
	DefaultMaxInFlight = 64
)

// HandlerOption configures a Handler.
type HandlerOption func(*Handler) error

// WithMaxBodyBytes sets the request body limit (default DefaultMaxBodyBytes).
// Larger bodies are answered 413.
func WithMaxBodyBytes(n int64) HandlerOption {
	return func(h *Handler) error {
		if n <= 0 {
			return errors.New("intercom: webhook: body limit must be positive")
		}
		h.maxBody = n
		return nil
	}
}

// WithMaxAge sets how old a notification's signed timestamp (the later of
// created_at and first_sent_at) may be before it is refused as a replay
// (default DefaultMaxAge). It must not exceed the dedup window of an
// in-memory deduplicator; a shared Deduplicator must remember ids at
// least this long.
func WithMaxAge(d time.Duration) HandlerOption {
	return func(h *Handler) error {
		if d <= 0 {
			return errors.New("intercom: webhook: max age must be positive")
		}
		h.maxAge = d
		return nil
	}
}

// WithClock replaces the clock the freshness check reads (default
// time.Now): for tests that replay recorded notifications.
func WithClock(now func() time.Time) HandlerOption {
	return func(h *Handler) error {
		if now == nil {
			return errors.New("intercom: webhook: nil clock")
		}
		h.now = now
		return nil
	}
}

// WithDedupWindow keeps notification ids in memory for d, at most capacity
// of them (0 for DefaultDedupCapacity). It replaces any WithDeduplicator.
// d must be at least the max age (WithMaxAge).
func WithDedupWindow(d time.Duration, capacity int) HandlerOption {
	return func(h *Handler) error {
		if d <= 0 || capacity < 0 {
			return errors.New("intercom: webhook: dedup window must be positive and capacity non-negative")
		}
		h.dedup = NewMemoryDeduplicator(d, capacity)
		return nil
	}
}

// WithDeduplicator remembers notification ids in d (a shared store when
// several replicas serve the endpoint). Nil turns deduplication off.
func WithDeduplicator(d Deduplicator) HandlerOption {
	return func(h *Handler) error { h.dedup = d; return nil }
}

// WithAckTimeout sets how long a request waits for its HandlerFunc before
// being answered 200 while the HandlerFunc goes on (default
// DefaultAckTimeout). Zero answers at once and always runs handlers in the
// background.
func WithAckTimeout(d time.Duration) HandlerOption {
	return func(h *Handler) error {
		if d < 0 {
			return errors.New("intercom: webhook: negative ack timeout")
		}
		h.ackTimeout = d
		return nil
	}
}

// WithRunTimeout bounds each HandlerFunc run (default DefaultRunTimeout):
// its context is cancelled after d.
func WithRunTimeout(d time.Duration) HandlerOption {
	return func(h *Handler) error {
		if d <= 0 {
			return errors.New("intercom: webhook: run timeout must be positive")
		}
		h.runTimeout = d
		return nil
	}
}

// WithMaxInFlight bounds how many HandlerFuncs run at once (default
// DefaultMaxInFlight); a notification arriving when all are busy is
// answered 429, after which Intercom throttles its deliveries and sends it
// again later.
func WithMaxInFlight(n int) HandlerOption {
	return func(h *Handler) error {
		if n <= 0 {
			return errors.New("intercom: webhook: max in flight must be positive")
		}
		h.maxInFlight = n
		return nil
	}
}

// WithErrorHandler receives the errors that no response carries: those of
// HandlerFuncs still running when the request was answered, and Permanent
// ones. Without it they are dropped. fn must be safe for concurrent use.
func WithErrorHandler(fn func(n *Notification, err error)) HandlerOption {
	return func(h *Handler) error { h.onError = fn; return nil }
}
