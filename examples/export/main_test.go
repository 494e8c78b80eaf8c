package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestExportStopResumeCrashResume: an export stopped part way, resumed,
// killed without a checkpoint (leaving output past it), and resumed
// again ends with every contact in the file exactly once.
func TestExportStopResumeCrashResume(t *testing.T) {
	const n = 2500
	dir := t.TempDir()
	cfg := config{out: filepath.Join(dir, "c.ndjson"), workers: 4, contacts: n, rate: 100000, checkpoint: 100, quiet: true}
	cfg.state = cfg.out + ".state"
	ctx := context.Background()

	stop := cfg
	stop.stopAfterItems = 700
	require.ErrorIs(t, run(ctx, stop, io.Discard), errStopped, "first run")
	crash := cfg
	crash.stopAfterItems, crash.crash = 1650, true // 950 more: 50 past a checkpoint
	require.ErrorIs(t, run(ctx, crash, io.Discard), errStopped, "crashed run")
	got, dup, err := verify(cfg.out)
	require.NoError(t, err, "after the crash")
	require.Equal(t, 0, dup, "after the crash: repeated items")
	require.Equal(t, 1650, got, "after the crash: distinct items written")
	require.NoError(t, run(ctx, cfg, io.Discard), "resumed run")
	got, dup, err = verify(cfg.out)
	require.NoError(t, err, "resumed run")
	require.Equal(t, n, got, "resumed run: distinct items, want each once")
	require.Equal(t, 0, dup, "resumed run: repeated items")
	require.NoError(t, run(ctx, cfg, io.Discard)) // complete: nothing to do
	got, _, _ = verify(cfg.out)
	require.Equal(t, n, got, "a run after the end changed the file")
}
