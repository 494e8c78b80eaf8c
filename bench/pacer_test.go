package bench

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestPacerScenarioCounts runs a tiny pacer scenario: every call must
// complete, and the paced client must not be refused.
func TestPacerScenarioCounts(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about two seconds")
	}
	p, err := Pacer(context.Background(), true, 30, 20, 4)
	require.NoError(t, err)
	require.Equal(t, int64(0), p.Failed, "paced run: %+v", p)
	require.Equal(t, int64(0), p.Refused, "paced run: %+v", p)
	require.GreaterOrEqual(t, p.Elapsed, 900*time.Millisecond, "paced run: %+v", p)
}
