package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// BuildResult holds the codegen and build measurements.
type BuildResult struct {
	Generate         time.Duration // intercomgen generate, every version
	ColdBuild        time.Duration // go build with an empty build cache
	WarmBuild        time.Duration // the same build again
	FacadeBinary     int64         // size of a program importing facade
	NetHTTPBinary    int64         // size of a program importing net/http only
	GenerateSkipped  string        // why Generate was not measured, if it was not
	ColdBuildSkipped string
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

// Build times make generate's work and the builds of a small program
// importing facade (bench/internal/sizeprog/facade), and weighs it against
// one importing only net/http. cold=false skips the empty-cache build.
func Build(ctx context.Context, root string, generate, cold bool) (BuildResult, error) {
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
	if cold {
		cache := filepath.Join(tmp, "gocache")
		if r.ColdBuild, err = run(ctx, root, []string{"GOCACHE=" + cache}, "go", "build", "-o", facadeBin, "./bench/internal/sizeprog/facade"); err != nil {
			return r, err
		}
	} else {
		r.ColdBuildSkipped = "skipped"
	}
	// Once to fill the cache, then the warm build that is measured.
	if _, err := run(ctx, root, nil, "go", "build", "-o", facadeBin, "./bench/internal/sizeprog/facade"); err != nil {
		return r, err
	}
	if r.WarmBuild, err = run(ctx, root, nil, "go", "build", "-o", facadeBin, "./bench/internal/sizeprog/facade"); err != nil {
		return r, err
	}
	httpBin := filepath.Join(tmp, "nethttp")
	if _, err := run(ctx, root, nil, "go", "build", "-o", httpBin, "./bench/internal/sizeprog/nethttp"); err != nil {
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
