package webhook

import (
	"context"
	"errors"
)

// Permanent marks err as not worth a retry: when a HandlerFunc returns it
// in time, Handler still answers 200 (so Intercom does not redeliver) and
// reports err to the error callback. Errors not so marked ask for a retry.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err}
}

type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// IsPermanent reports whether err, or an error it wraps, was marked with
// Permanent.
func IsPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

// On adapts a function taking a decoded item into a HandlerFunc: it decodes
// data.item into T (DecodeItem) and calls fn. An item that does not decode
// is a Permanent error, since a redelivery would carry the same item.
//
//	h.Handle("conversation.*", webhook.On(func(ctx context.Context, n *webhook.Notification, c v2_16.Conversation) error {
//		...
//	}))
func On[T any](fn func(ctx context.Context, n *Notification, item T) error) HandlerFunc {
	return func(ctx context.Context, n *Notification) error {
		item, err := DecodeItem[T](n)
		if err != nil {
			return Permanent(err)
		}
		return fn(ctx, n, item)
	}
}
