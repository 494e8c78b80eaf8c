package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// BuildResult holds the codegen measurement and the binary sizes; the
// cold and warm builds are the build-cost section's (buildcost.go).
type BuildResult struct {
	Generate        time.Duration // intercomgen generate, every version
	FacadeBinary    int64         // size of a user's first program on the default version
	NetHTTPBinary   int64         // size of a program importing net/http only
	GenerateSkipped string        // why Generate was not measured, if it was not
}

func run(ctx context.Context, dir string, env []string, name string, args ...string) (time.Duration, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s %v: %w\n%s", name, args, err, out)
	}
	return time.Since(start), nil
}

// Build times make generate's work and weighs a user's first program on
// the default version (bench/internal/buildcost/default) against one
// importing only net/http, both built with the usual build cache.
func Build(ctx context.Context, root string, generate bool) (BuildResult, error) {
	var r BuildResult
	tmp, err := os.MkdirTemp("", "intercom-bench-build")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(tmp)
	if generate {
		if r.Generate, err = run(ctx, root, nil, "go", "-C", "api", "run", "./cmd/intercomgen", "generate"); err != nil {
			return r, err
		}
	} else {
		r.GenerateSkipped = "skipped"
	}
	facadeBin := filepath.Join(tmp, "facade")
	if _, err := run(ctx, root, nil, "go", "build", "-o", facadeBin, "./bench/internal/buildcost/default"); err != nil {
		return r, err
	}
	httpBin := filepath.Join(tmp, "nethttp")
	if _, err := run(ctx, root, nil, "go", "build", "-o", httpBin, "./bench/internal/buildcost/nethttp"); err != nil {
		return r, err
	}
	for _, f := range []struct {
		path string
		size *int64
	}{{facadeBin, &r.FacadeBinary}, {httpBin, &r.NetHTTPBinary}} {
		st, err := os.Stat(f.path)
		if err != nil {
			return r, err
		}
		*f.size = st.Size()
	}
	return r, nil
}
