package webhook

import (
	"errors"
	"time"
)

// Defaults of Handler.
const (
	// DefaultAckTimeout is how long Handler waits for a HandlerFunc before
	// answering 200 anyway: well inside the few seconds Intercom waits for
	// an answer before counting the delivery as failed.
	DefaultAckTimeout = 2 * time.Second
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
			return errors.New("webhook: body limit must be positive")
		}
		h.maxBody = n
		return nil
	}
}

// WithDedupWindow keeps notification ids in memory for d, at most capacity
// of them (0 for DefaultDedupCapacity). It replaces any WithDeduplicator.
func WithDedupWindow(d time.Duration, capacity int) HandlerOption {
	return func(h *Handler) error {
		if d <= 0 || capacity < 0 {
			return errors.New("webhook: dedup window must be positive and capacity non-negative")
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
			return errors.New("webhook: negative ack timeout")
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
			return errors.New("webhook: run timeout must be positive")
		}
		h.runTimeout = d
		return nil
	}
}

// WithMaxInFlight bounds how many HandlerFuncs run at once (default
// DefaultMaxInFlight); a notification arriving when all are busy is
// answered 503 so that Intercom delivers it again later.
func WithMaxInFlight(n int) HandlerOption {
	return func(h *Handler) error {
		if n <= 0 {
			return errors.New("webhook: max in flight must be positive")
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
