package bench

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
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
	if want := []string{"preview", "v2_16"}; !slices.Equal(got, want) {
		t.Fatalf("genPackages = %q, want %q", got, want)
	}
}

func TestEditOverlayReplacesMainWithAnEditedCopy(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.go")
	src := "package main\n\nfunc main() {}\n"
	if err := os.WriteFile(main, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	overlay, err := editOverlay(dir, main)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(overlay)
	if err != nil {
		t.Fatal(err)
	}
	var o struct{ Replace map[string]string }
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatalf("overlay %s: %v", b, err)
	}
	edited, ok := o.Replace[main]
	if !ok || len(o.Replace) != 1 {
		t.Fatalf("overlay replaces %v, want only %s", o.Replace, main)
	}
	got, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(got), src) || len(got) == len(src) {
		t.Fatalf("edited copy %q: want the source plus a line", got)
	}
	if now, _ := os.ReadFile(main); string(now) != src {
		t.Fatalf("main.go changed to %q", now)
	}
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
	if last["GOPROXY"] != "off" || last["GOFLAGS"] != "" || last["GOCACHE"] != "/tmp/x" {
		t.Fatalf("GOPROXY=%q GOFLAGS=%q GOCACHE=%q, want off, empty, /tmp/x", last["GOPROXY"], last["GOFLAGS"], last["GOCACHE"])
	}
	for _, kv := range env {
		if kv == "GOCACHE=/somewhere" || kv == "GOFLAGS=-mod=mod" {
			t.Fatalf("the caller's %s is still in the environment", kv)
		}
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
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "| v2_11 / bare_v2_11 |") {
		t.Errorf("a failed program got a ratio row:\n%s", out)
	}
	if err := BuildCostErr(res); err == nil || !strings.Contains(err.Error(), "v2_11") {
		t.Errorf("BuildCostErr = %v, want v2_11's failure", err)
	}

	res[0].Cold = u(44*time.Second, 600e6)
	b.Reset()
	PrintBuildCost(&b, res)
	if out := b.String(); !strings.Contains(out, "(CPU 1.38x: not met)") || !strings.Contains(out, "(44.0 s: not met)") {
		t.Errorf("targets missed are not reported as such:\n%s", out)
	}
}
