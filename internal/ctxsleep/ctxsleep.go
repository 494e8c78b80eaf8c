// Package ctxsleep is the one cancellable sleep of the client: the retry
// loop and the pacer of the facade and the shared limiter of
// facade/redislimit wait with it.
package ctxsleep

import (
	"context"
	"time"
)

// Sleep waits for d or until ctx is done, whichever comes first, and
// returns ctx's error in the second case. A d of zero or less does not
// wait, but still reports a ctx already done, so that a loop of zero waits
// stops when its caller gives up.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
