package bench

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGenPackagesKeepsOnlyTheModulesGenPackages(t *testing.T) {
	deps := strings.Join([]string{
		"fmt",
		"github.com/intercom-go/intercom/internal/jsonx",
		"github.com/intercom-go/intercom/gen/v2_16",
		"github.com/intercom-go/intercom/facade",
		"github.com/intercom-go/intercom/gen/preview",
		"github.com/other/gen/v2_11",
		"github.com/intercom-go/intercom/generator",
	}, "\n") + "\n"
	got := genPackages("github.com/intercom-go/intercom", deps)
	require.Equal(t, []string{"preview", "v2_16"}, got, "genPackages")
}

func TestEditOverlayReplacesMainWithAnEditedCopy(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.go")
	src := "package main\n\nfunc main() {}\n"
	require.NoError(t, os.WriteFile(main, []byte(src), 0o644))
	overlay, err := editOverlay(dir, main)
	require.NoError(t, err)
	b, err := os.ReadFile(overlay)
	require.NoError(t, err)
	var o struct{ Replace map[string]string }
	require.NoError(t, json.Unmarshal(b, &o), "overlay %s", b)
	edited, ok := o.Replace[main]
	require.True(t, ok, "overlay replaces %v, want only %s", o.Replace, main)
	require.Len(t, o.Replace, 1, "overlay replaces %v, want only %s", o.Replace, main)
	got, err := os.ReadFile(edited)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(got), src), "edited copy %q: want the source plus a line", got)
	require.NotEqual(t, len(src), len(got), "edited copy %q: want the source plus a line", got)
	now, _ := os.ReadFile(main)
	require.Equal(t, src, string(now), "main.go changed to %q", now)
}

func TestGoEnvIsOfflineWithTheGivenCache(t *testing.T) {
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "https://proxy.example")
	t.Setenv("GOCACHE", "/somewhere")
	env := goEnv([]string{"GOCACHE=/tmp/x"})
	last := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		last[k] = v
	}
	require.Equal(t, "off", last["GOPROXY"], "GOPROXY=%q GOFLAGS=%q GOCACHE=%q, want off, empty, /tmp/x", last["GOPROXY"], last["GOFLAGS"], last["GOCACHE"])
	require.Empty(t, last["GOFLAGS"], "GOPROXY=%q GOFLAGS=%q GOCACHE=%q, want off, empty, /tmp/x", last["GOPROXY"], last["GOFLAGS"], last["GOCACHE"])
	require.Equal(t, "/tmp/x", last["GOCACHE"], "GOPROXY=%q GOFLAGS=%q GOCACHE=%q, want off, empty, /tmp/x", last["GOPROXY"], last["GOFLAGS"], last["GOCACHE"])
	for _, kv := range env {
		require.NotEqual(t, "GOCACHE=/somewhere", kv, "the caller's %s is still in the environment", kv)
		require.NotEqual(t, "GOFLAGS=-mod=mod", kv, "the caller's %s is still in the environment", kv)
	}
}

func TestPrintBuildCostRatiosAndTargets(t *testing.T) {
	u := func(cpu time.Duration, rss int64) Usage {
		return Usage{Wall: cpu / 2, User: cpu * 3 / 4, Sys: cpu / 4, MaxRSS: rss, PeakRSS: 2 * rss}
	}
	res := []BuildCostResult{
		{Program: BuildCostPrograms[0], GenPackages: []string{"v2_16"}, Cold: u(40*time.Second, 600e6), Warm: u(time.Second, 1e8), Vet: u(44*time.Second, 6e8), Binary: 12e6},
		{Program: BuildCostPrograms[1], GenPackages: []string{"v2_16"}, Cold: u(32*time.Second, 500e6), Warm: u(time.Second, 1e8), Vet: u(40*time.Second, 5e8), Binary: 10e6},
		{Program: BuildCostPrograms[2], GenPackages: []string{"preview", "v2_11", "v2_14", "v2_16"}, Err: errors.New("cold build: go build: exit status 1\nsome | output")},
		{Program: BuildCostPrograms[3], GenPackages: []string{"v2_11"}, Cold: u(30*time.Second, 4e8), Warm: u(time.Second, 1e8), Vet: u(35*time.Second, 4e8), Binary: 9e6},
		{Program: BuildCostPrograms[4], Cold: u(25*time.Second, 3e8), Warm: u(time.Second, 1e8), Vet: u(25*time.Second, 3e8), Binary: 8e6},
	}
	var b strings.Builder
	PrintBuildCost(&b, res)
	out := b.String()
	for _, want := range []string{
		"| default / bare_v2_16 | 1.25 | 1.25 | 1.20 | 1.20 | 1.00 | 1.10 | 1.20 |",
		"v2_16 (1) | 40.0 s | 20.0 s | 600 MB | 1.20 GB |",
		"preview, v2_11, v2_14, v2_16 | error: cold build: go build: exit status 1 |",
		"(CPU 1.25x: met)",
		"40.8 s (40.0 s: met)",
		"standard library's share | none (0) | 25.0 s |",
	} {
		assert.Contains(t, out, want, "output lacks")
	}
	assert.NotContains(t, out, "| v2_11 / bare_v2_11 |", "a failed program got a ratio row")
	err := BuildCostErr(res)
	assert.ErrorContains(t, err, "v2_11", "BuildCostErr = %v, want v2_11's failure", err)

	res[0].Cold = u(44*time.Second, 600e6)
	b.Reset()
	PrintBuildCost(&b, res)
	out = b.String()
	assert.Contains(t, out, "(CPU 1.38x: not met)", "targets missed are not reported as such")
	assert.Contains(t, out, "(44.0 s: not met)", "targets missed are not reported as such")
}
