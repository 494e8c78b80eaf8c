package bench

import (
	"context"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
)

// TestNetScenarios runs the network-bound scenarios tiny: every contact
// must arrive exactly once through each (timings are the benchmark's).
func TestNetScenarios(t *testing.T) {
	s, err := StartNetServer(2000, 2*time.Millisecond, 1000, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for _, r := range []NetResult{
		NetSequential(ctx, s, 150),
		NetExport(ctx, s, "export", 1, 4, 150, func() facade.RateLimiter { return facade.NewRateLimiter() }),
		NetExport(ctx, s, "3 processes", 3, 2, 50, func() facade.RateLimiter { return facade.NewRateLimiter() }),
	} {
		if r.Err != nil || r.Items != 2000 || r.Repeated != 0 || r.Requests == 0 || r.Bound <= 0 {
			t.Fatalf("%s: %+v", r.Name, r)
		}
	}
}
