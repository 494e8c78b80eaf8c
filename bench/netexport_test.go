package bench

import (
	"context"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/stretchr/testify/require"
)

// TestNetScenarios runs the network-bound scenarios tiny: every contact
// must arrive exactly once through each (timings are the benchmark's).
func TestNetScenarios(t *testing.T) {
	s, err := StartNetServer(2000, 2*time.Millisecond, 1000, time.Second)
	require.NoError(t, err)
	defer s.Close()
	ctx := context.Background()
	for _, r := range []NetResult{
		NetSequential(ctx, s, 150),
		NetExport(ctx, s, "export", 1, 4, 150, func() facade.RateLimiter { return facade.NewRateLimiter() }),
		NetExport(ctx, s, "3 processes", 3, 2, 50, func() facade.RateLimiter { return facade.NewRateLimiter() }),
	} {
		require.NoError(t, r.Err, "%s: %+v", r.Name, r)
		require.Equal(t, 2000, r.Items, "%s: %+v", r.Name, r)
		require.Equal(t, 0, r.Repeated, "%s: %+v", r.Name, r)
		require.NotEqual(t, int64(0), r.Requests, "%s: %+v", r.Name, r)
		require.Greater(t, r.Bound, time.Duration(0), "%s: %+v", r.Name, r)
	}
}
