package ctxsleep

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSleep(t *testing.T) {
	require.NoError(t, Sleep(context.Background(), time.Microsecond), "a short sleep")
	require.NoError(t, Sleep(context.Background(), 0), "no wait")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Sleep(ctx, 0)
	require.ErrorIs(t, err, context.Canceled, "no wait on a cancelled context: %v, want context.Canceled", err)
	err = Sleep(ctx, -time.Second)
	require.ErrorIs(t, err, context.Canceled, "a negative wait on a cancelled context: %v, want context.Canceled", err)

	// An hour's sleep ends when its context is cancelled (no clock is
	// asserted: the test would hang, not fail, without it).
	ctx, cancel = context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Sleep(ctx, time.Hour) }()
	cancel()
	err = <-done
	require.ErrorIs(t, err, context.Canceled, "a cancelled sleep: %v, want context.Canceled", err)
}
