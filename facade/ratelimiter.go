package facade

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// RateLimiter decides when each request of a client may start, so that
// many goroutines (or processes) sharing one Intercom rate limit spread
// their requests across each rate-limit window instead of spending it in
// a burst and then meeting a wall of 429 answers.
//
// The client calls Wait before sending each attempt and, when Wait
// returned nil, Observe exactly once with the answer (nil when none
// came), so that the limiter learns the limit from Intercom's
// X-RateLimit-* headers. *Pacer, from NewRateLimiter, paces the clients of
// one process; the module github.com/intercom-go/intercom/facade/redislimit
// shares one limit between processes and machines through Redis.
// Implementations must be safe for concurrent use.
type RateLimiter interface {
	// Wait blocks until one request may start. It returns an error
	// wrapping ErrNoSlotBeforeDeadline, without waiting, when the request
	// could not start within maxWait (then also wrapping ErrRateLimited)
	// or before ctx's deadline (then also context.DeadlineExceeded), and
	// ctx's error when ctx ends while waiting. A request refused by Wait
	// was never sent.
	Wait(ctx context.Context, maxWait time.Duration) error
	// Observe records the answer to a request Wait let through.
	Observe(resp *http.Response)
}

// WithRateLimiter makes the client pace its requests with l. Give the
// same l to every client that shares the access token.
func WithRateLimiter(l RateLimiter) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("intercom: nil RateLimiter")
		}
		if p, ok := l.(*Pacer); ok && p == nil {
			return errors.New("intercom: nil RateLimiter")
		}
		c.retry.pacer = l
		return nil
	}
}

// ErrNoSlotBeforeDeadline is returned (wrapped) when a RateLimiter cannot
// let a request start in time: before the context's deadline (together
// with context.DeadlineExceeded) or within RetryPolicy.MaxRateLimitWait
// (together with ErrRateLimited). The request was not sent.
var ErrNoSlotBeforeDeadline = errors.New("intercom: rate limiter has no slot before the context deadline")
