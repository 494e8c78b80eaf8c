package facade

import (
	"net/http"
	"time"
)

// This file is the whole retry decision: given what is known about a
// request and how its latest attempt ended, retry after how long, or stop
// and why. It reads no clock, sleeps and sends nothing, so that every rule
// of docs/retries.md is one branch that a table test reaches directly. The
// send loop (retry_send.go) gathers its inputs and carries out its answer.

// retryRequest is what the decision knows about the request itself.
type retryRequest struct {
	class RetryClass // from the version's retry table, else the method
	// quota: the operation's 429 may mean "too many jobs pending" rather
	// than a spent window (RetryRoute.Quota).
	quota bool
	// replayable: the body can be sent again (none, or GetBody is set).
	replayable bool
	// deadline is the context's deadline; zero when it has none.
	deadline time.Time
}

// sendFailure classifies a failed attempt that brought no answer
// (transport_errors.go): how sure it is that the request never reached
// Intercom.
type sendFailure uint8

const (
	// failNone: an answer came.
	failNone sendFailure = iota
	// failNeverSent: the connection itself could not be made, so the
	// request never reached Intercom; even a write may be sent again.
	failNeverSent
	// failTransient: a network failure after the request may have reached
	// Intercom; worth repeating only when the request is safe to repeat.
	failTransient
	// failFinal: an error that another attempt cannot cure (a cancelled
	// context, a refused certificate, a rate limiter with no slot).
	failFinal
)

// outcome is how one attempt ended, with the answer's headers already
// parsed (ratelimit_headers.go).
type outcome struct {
	// done: the request's context has ended; nothing more is sent.
	done bool
	// failure is failNone when an answer came.
	failure sendFailure
	// status is the answer's status code (0 without an answer).
	status int
	// garbled: a 2xx whose JSON body is not JSON (cut short or replaced).
	garbled bool
	// waitHeaders: Retry-After and X-RateLimit-*, parsed.
	waitHeaders
}

// stopReason says why the decision is not to retry; stopNone means retry.
type stopReason uint8

const (
	stopNone           stopReason = iota
	stopRetriesOff                // the policy's MaxRetries is 0
	stopMaxRetries                // the policy's retries are spent
	stopNotReplayable             // the body cannot be sent again
	stopContextDone               // the request's context has ended
	stopFinalAnswer               // an answer another attempt would not change (2xx, most 4xx)
	stopFinalError                // a transport error another attempt cannot cure
	stopMayHaveActed              // a write that may have reached Intercom and been acted on
	stopWindowNotSpent            // a 429 while the window still has requests left: a quota
	stopQuota                     // a 429 of a quota operation whose window is not spent
	stopWaitTooLong               // the wait asked for exceeds MaxRateLimitWait
	stopPastDeadline              // the wait would end after the context's deadline
)

var stopReasonNames = [...]string{
	stopNone:           "retry",
	stopRetriesOff:     "retries off",
	stopMaxRetries:     "retries spent",
	stopNotReplayable:  "body not replayable",
	stopContextDone:    "context done",
	stopFinalAnswer:    "final answer",
	stopFinalError:     "final error",
	stopMayHaveActed:   "write may have been acted on",
	stopWindowNotSpent: "429 with requests left in the window",
	stopQuota:          "quota 429",
	stopWaitTooLong:    "wait longer than MaxRateLimitWait",
	stopPastDeadline:   "wait past the deadline",
}

func (r stopReason) String() string {
	if int(r) < len(stopReasonNames) {
		return stopReasonNames[r]
	}
	return "unknown"
}

// retryDecision is the decision's answer: retry after wait when stop is
// stopNone, otherwise stop for that reason.
type retryDecision struct {
	wait time.Duration
	stop stopReason
}

func (d retryDecision) retry() bool { return d.stop == stopNone }

func retryAfterWait(d time.Duration) retryDecision { return retryDecision{wait: d} }
func stopRetrying(r stopReason) retryDecision      { return retryDecision{stop: r} }

// retryBudget reports whether the policy leaves attempt (0-based: the
// number of retries already made) room for another one; the send loop asks
// it before an attempt too, to know whether a 2xx body is worth reading
// in full so that a failed read can be retried.
func retryBudget(p RetryPolicy, attempt int, replayable bool) stopReason {
	switch {
	case p.MaxRetries == 0:
		return stopRetriesOff
	case attempt >= p.MaxRetries:
		return stopMaxRetries
	case !replayable:
		return stopNotReplayable
	}
	return stopNone
}

// decideRetry is the retry decision for attempt (0-based) of req, which
// ended as o. draw returns a uniform integer in [0, n) for the jitter of
// the wait; it is called at most twice and only for a retry. now is the
// time the headers were read at, the start of the wait.
//
// Writes are re-sent only when they provably never reached Intercom, or
// after a 429 (which Intercom answers before acting); safe requests also
// after transient failures, 408 and 5xx answers. A 429 is waited out only
// when the window is spent (X-RateLimit-Remaining is 0, or, except for
// quota operations, absent).
func decideRetry(req retryRequest, attempt int, o outcome, p RetryPolicy, now time.Time, draw func(n int64) int64) retryDecision {
	if r := retryBudget(p, attempt, req.replayable); r != stopNone {
		return stopRetrying(r)
	}
	if o.done {
		return stopRetrying(stopContextDone)
	}
	d, stop := waitFor(req, attempt, o, p, draw)
	switch {
	case stop != stopNone:
		return stopRetrying(stop)
	case !req.deadline.IsZero() && now.Add(d).After(req.deadline):
		return stopRetrying(stopPastDeadline) // it could not complete in time anyway
	}
	return retryAfterWait(d)
}

// waitFor is the wait before retrying after o, or why o is not retried.
func waitFor(req retryRequest, attempt int, o outcome, p RetryPolicy, draw func(int64) int64) (time.Duration, stopReason) {
	safe := req.class == RetrySafe
	switch o.failure {
	case failNeverSent:
		return p.backoff(attempt, draw), stopNone
	case failTransient:
		if !safe {
			return 0, stopMayHaveActed
		}
		return p.backoff(attempt, draw), stopNone
	case failFinal:
		return 0, stopFinalError
	}
	if o.garbled {
		if !safe {
			return 0, stopMayHaveActed
		}
		return p.backoff(attempt, draw), stopNone
	}
	switch o.status {
	case http.StatusTooManyRequests:
		// Intercom answers 429 before acting, so even writes may be
		// re-sent; but only when waiting can help.
		switch {
		case o.hasRemaining && o.remaining > 0:
			return 0, stopWindowNotSpent // requests are left in the window: a quota, not the window
		case req.quota && !o.hasRemaining:
			return 0, stopQuota
		}
		d, ok := o.serverWait()
		if !ok {
			d = p.backoff(attempt, draw)
		}
		d += jitter(p.RateLimitJitter, draw)
		if d > p.MaxRateLimitWait {
			return 0, stopWaitTooLong
		}
		return d, stopNone
	case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if !safe {
			return 0, stopMayHaveActed // it reached Intercom and may have been acted on
		}
		if o.hasRetryAfter { // not X-RateLimit-Reset: that is about the rate limit
			if o.retryAfter > p.MaxRateLimitWait {
				return 0, stopWaitTooLong
			}
			return o.retryAfter, stopNone
		}
		return p.backoff(attempt, draw), stopNone
	}
	return 0, stopFinalAnswer
}
