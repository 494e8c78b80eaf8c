package facade

import (
	"fmt"
	"time"
)

// RetryPolicy says how often and how long a client waits before sending
// a failed request again. Which failures are retried does not depend on
// the policy: see docs/retries.md.
//
// Start from DefaultRetryPolicy and change fields; a zero duration means
// no wait, not "use the default".
type RetryPolicy struct {
	// MaxRetries is how many times one call may be re-sent after its
	// first attempt. 0 turns retries off.
	MaxRetries int
	// BaseDelay is the backoff ceiling before the first retry; it
	// doubles with every further retry up to MaxDelay. Each wait is drawn
	// uniformly from [0, ceiling) ("full jitter"), so that many clients
	// failing together do not retry together.
	BaseDelay time.Duration
	// MaxDelay caps the backoff ceiling.
	MaxDelay time.Duration
	// MaxRateLimitWait is the longest the client waits for a rate-limit
	// window to reset (429) or for a Retry-After to pass. A longer wait,
	// or one that would end after the context's deadline, is not taken:
	// the 429 is returned at once.
	MaxRateLimitWait time.Duration
	// RateLimitJitter bounds the random delay added after a reset time,
	// so that goroutines waiting for the same reset do not all resend at
	// the same instant.
	RateLimitJitter time.Duration
}

// DefaultRetryPolicy is the policy a client uses unless told otherwise:
// 3 retries, backoff from 500ms capped at 10s, and waits of up to one
// minute for Intercom's 10-second rate-limit window to reset.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxRetries:       3,
		BaseDelay:        500 * time.Millisecond,
		MaxDelay:         10 * time.Second,
		MaxRateLimitWait: time.Minute,
		RateLimitJitter:  500 * time.Millisecond,
	}
}

func (p RetryPolicy) validate() error {
	switch {
	case p.MaxRetries < 0:
		return fmt.Errorf("%w: RetryPolicy.MaxRetries is negative", ErrConfig)
	case p.BaseDelay < 0, p.MaxDelay < 0, p.MaxRateLimitWait < 0, p.RateLimitJitter < 0:
		return fmt.Errorf("%w: RetryPolicy has a negative duration", ErrConfig)
	case p.MaxDelay < p.BaseDelay:
		return fmt.Errorf("%w: RetryPolicy.MaxDelay is below BaseDelay", ErrConfig)
	}
	return nil
}

// WithRetryPolicy replaces the default retry policy.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) error {
		if err := p.validate(); err != nil {
			return err
		}
		c.retry.policy = p
		return nil
	}
}

// WithoutRetries sends every request once and returns whatever comes
// back. A rate limiter set with WithRateLimiter still paces requests.
func WithoutRetries() Option {
	return func(c *config) error {
		c.retry.policy.MaxRetries = 0
		return nil
	}
}

// backoff is the full-jitter wait before retry number attempt+1: uniform
// in [0, ceiling), the ceiling doubling from BaseDelay up to MaxDelay.
// draw returns a uniform integer in [0, n).
func (p RetryPolicy) backoff(attempt int, draw func(n int64) int64) time.Duration {
	ceiling := p.BaseDelay
	for i := 0; i < attempt && ceiling < p.MaxDelay; i++ {
		if ceiling > p.MaxDelay/2 {
			ceiling = p.MaxDelay // doubling would pass the cap (or overflow)
			break
		}
		ceiling *= 2
	}
	ceiling = min(ceiling, p.MaxDelay)
	return jitter(ceiling, draw)
}

// jitter is uniform in [0, d), or 0 when d <= 0 (without drawing).
func jitter(d time.Duration, draw func(n int64) int64) time.Duration {
	if d <= 0 {
		return 0
	}
	return time.Duration(draw(int64(d)))
}
