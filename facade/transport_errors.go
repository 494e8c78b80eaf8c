package facade

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
)

// failureOf classifies a transport error for decideRetry: whether the
// request provably never reached Intercom, may have, or failed in a way
// another attempt cannot cure.
func failureOf(err error) sendFailure {
	switch {
	case neverSent(err):
		return failNeverSent
	case transient(err):
		return failTransient
	}
	return failFinal
}

// neverSent reports whether err proves the request never reached the
// server: the connection itself could not be made (refused, unreachable,
// DNS failure, dial timeout). Only then may a non-idempotent request be
// sent again after a transport error. It looks at the error's type, not
// its message.
func neverSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// transient reports whether a transport error is worth retrying for a
// request that is safe to repeat: network errors (resets, timeouts,
// refused connections) and a connection closed mid-answer. Errors about
// the request itself, such as an unsupported scheme or a certificate
// that does not verify, are not.
func transient(err error) bool {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	// *url.Error implements net.Error itself; look at what it wraps.
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return true // e.g. http.Client.Timeout while awaiting headers
		}
		err = ue.Err
	}
	// Context errors implement net.Error too, but a cancelled or expired
	// context (or a rate limiter refusing to run past it) is final.
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var ne net.Error
	return errors.As(err, &ne)
}
