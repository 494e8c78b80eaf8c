package webhook

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Intercom prioritises endpoints that answer within 500 ms: the default
// ack timeout answers before that.
func TestDefaultAckWithinIntercomsPriorityWindow(t *testing.T) {
	require.Less(t, DefaultAckTimeout, 500*time.Millisecond, "DefaultAckTimeout %v: Intercom deprioritises answers slower than 500 ms", DefaultAckTimeout)
	require.GreaterOrEqual(t, DefaultDedupWindow, DefaultMaxAge, "default dedup window %v shorter than the max age %v", DefaultDedupWindow, DefaultMaxAge)
}

func TestNewHandlerValidates(t *testing.T) {
	_, err := NewHandler(nil)
	assert.ErrorIs(t, err, ErrNoSecret, "no secret")
	for i, o := range []HandlerOption{WithMaxBodyBytes(0), WithDedupWindow(0, 1), WithAckTimeout(-1), WithRunTimeout(0), WithMaxInFlight(0)} {
		_, err := NewHandler(testSecret, o)
		assert.Error(t, err, "option %d: invalid value accepted", i)
	}
}
