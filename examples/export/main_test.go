package main

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"testing"
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
	if err := run(ctx, stop, io.Discard); !errors.Is(err, errStopped) {
		t.Fatalf("first run: %v", err)
	}
	crash := cfg
	crash.stopAfterItems, crash.crash = 1650, true // 950 more: 50 past a checkpoint
	if err := run(ctx, crash, io.Discard); !errors.Is(err, errStopped) {
		t.Fatalf("crashed run: %v", err)
	}
	if got, dup, err := verify(cfg.out); err != nil || dup != 0 || got != 1650 {
		t.Fatalf("after the crash the file holds %d distinct, %d repeated (%v); want 1650 written", got, dup, err)
	}
	if err := run(ctx, cfg, io.Discard); err != nil {
		t.Fatalf("resumed run: %v", err)
	}
	got, dup, err := verify(cfg.out)
	if err != nil || got != n || dup != 0 {
		t.Fatalf("%d distinct, %d repeated, %v; want %d once each", got, dup, err, n)
	}
	if err := run(ctx, cfg, io.Discard); err != nil { // complete: nothing to do
		t.Fatal(err)
	}
	if got, _, _ := verify(cfg.out); got != n {
		t.Fatalf("a run after the end changed the file: %d", got)
	}
}
