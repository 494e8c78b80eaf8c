package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// BuildCostProgram is one program of the build-cost section: a user's
// first program, or the bare generated package it is weighed against.
type BuildCostProgram struct {
	Name string // row name, and the directory under bench/internal/buildcost
	What string // one line for the table
	Bare string // Name of the program this one is weighed against; "" for a bare one
}

// BuildCostPrograms are the programs make bench builds: the default
// version's and 2.11's first program, each version's bare package, and a
// program of net/http alone, which shows what every cold build pays for
// the standard library.
var BuildCostPrograms = []BuildCostProgram{
	{Name: "default", What: "client on the default version (2.16), one call", Bare: "bare_v2_16"},
	{Name: "bare_v2_16", What: "gen/v2_16 alone: its raw client, the same call"},
	{Name: "v2_11", What: "client pinned to 2.11, one call", Bare: "bare_v2_11"},
	{Name: "bare_v2_11", What: "gen/v2_11 alone: its raw client, the same call"},
	{Name: "nethttp", What: "net/http alone, one request: the standard library's share"},
}

// Usage is what one go command cost, read from wait4 when it exited. The
// go command waits for every compiler, linker and vet process it starts,
// so the kernel folds theirs into its figures.
type Usage struct {
	Wall      time.Duration
	User, Sys time.Duration // the go command and every process it ran
	// MaxRSS is the largest resident set any one process of the tree
	// reached (ru_maxrss): in a cold build, the compiler of the largest
	// package. 0 where the platform does not say.
	MaxRSS int64
	// PeakRSS is the largest sum of the resident sets of the go command
	// and its descendants at one moment, sampled every 100 ms: what the
	// build needs from the machine while compilers run side by side.
	// Linux only (0 elsewhere); a process living less than the interval
	// may be missed.
	PeakRSS int64
}

// CPU is user plus system time.
func (u Usage) CPU() time.Duration { return u.User + u.Sys }

// BuildCostResult is one program's row.
type BuildCostResult struct {
	Program     BuildCostProgram
	GenPackages []string // the module's gen/ packages the program depends on (go list -deps)
	Cold        Usage    // go build, empty GOCACHE
	Warm        Usage    // go build again after an edit of main.go, the cache full
	Vet         Usage    // go vet, another empty GOCACHE
	Binary      int64    // bytes
	Err         error
}

// BuildCost builds each program under bench/internal/buildcost as a new
// user's CI would: a cold go build (an empty GOCACHE in a temporary
// directory; the module cache stays as it is and GOPROXY=off keeps the
// builds offline, so a build that needs a download fails rather than
// measuring the network), a warm rebuild after an edit of main.go, and a
// cold go vet in another empty GOCACHE. It runs the programs one after
// another; progress goes to logw.
func BuildCost(ctx context.Context, root string, progs []BuildCostProgram, logw io.Writer) []BuildCostResult {
	out := make([]BuildCostResult, len(progs))
	mod, err := goOutput(ctx, root, nil, "list", "-m")
	for i, p := range progs {
		out[i].Program = p
		if err != nil {
			out[i].Err = err
			continue
		}
		fmt.Fprintf(logw, "bench: build cost of %s (cold build, warm rebuild, cold vet)\n", p.Name)
		out[i] = buildCostOne(ctx, root, strings.TrimSpace(mod), p)
		if out[i].Err != nil {
			fmt.Fprintf(logw, "bench: %s: %v\n", p.Name, out[i].Err)
		}
	}
	return out
}

func buildCostOne(ctx context.Context, root, mod string, p BuildCostProgram) BuildCostResult {
	r := BuildCostResult{Program: p}
	pkg := "./bench/internal/buildcost/" + p.Name
	deps, err := goOutput(ctx, root, nil, "list", "-deps", "-f", "{{.ImportPath}}", pkg)
	if err != nil {
		r.Err = err
		return r
	}
	r.GenPackages = genPackages(mod, deps)
	tmp, err := os.MkdirTemp("", "intercom-buildcost-")
	if err != nil {
		r.Err = err
		return r
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, p.Name)
	buildEnv := []string{"GOCACHE=" + filepath.Join(tmp, "cache-build")}
	if r.Cold, err = measureGo(ctx, root, buildEnv, "build", "-o", bin, pkg); err != nil {
		r.Err = fmt.Errorf("cold build: %w", err)
		return r
	}
	st, err := os.Stat(bin)
	if err != nil {
		r.Err = err
		return r
	}
	r.Binary = st.Size()
	// The go command hashes contents, not times: after a touch it would
	// find everything cached and link nothing. An overlay gives main.go one
	// more line, so that the main package compiles and the binary links
	// again, as after a user's edit, with the tree left alone.
	overlay, err := editOverlay(tmp, filepath.Join(root, "bench", "internal", "buildcost", p.Name, "main.go"))
	if err != nil {
		r.Err = err
		return r
	}
	if r.Warm, err = measureGo(ctx, root, buildEnv, "build", "-overlay", overlay, "-o", bin+".warm", pkg); err != nil {
		r.Err = fmt.Errorf("warm rebuild: %w", err)
		return r
	}
	// The build's cache is not needed any more: free its disk before the
	// vet fills another.
	_ = os.RemoveAll(filepath.Join(tmp, "cache-build"))
	vetEnv := []string{"GOCACHE=" + filepath.Join(tmp, "cache-vet")}
	if r.Vet, err = measureGo(ctx, root, vetEnv, "vet", pkg); err != nil {
		r.Err = fmt.Errorf("cold vet: %w", err)
	}
	return r
}

// genPackages returns the packages of deps (import paths, one a line) that
// lie under the module's gen/ directory, by their path below it.
func genPackages(mod, deps string) []string {
	var out []string
	prefix := mod + "/gen/"
	for _, line := range strings.Split(deps, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), prefix); ok && rest != "" {
			out = append(out, rest)
		}
	}
	slices.Sort(out)
	return out
}

// editOverlay writes a copy of main with one more comment line and the
// -overlay file that puts it in main's place; it returns the latter.
func editOverlay(dir, main string) (string, error) {
	src, err := os.ReadFile(main)
	if err != nil {
		return "", err
	}
	edited := filepath.Join(dir, "main_edited.go")
	if err := os.WriteFile(edited, append(src, "\n// edited by make bench's warm rebuild\n"...), 0o644); err != nil {
		return "", err
	}
	b, err := json.Marshal(map[string]map[string]string{"Replace": {main: edited}})
	if err != nil {
		return "", err
	}
	overlay := filepath.Join(dir, "overlay.json")
	return overlay, os.WriteFile(overlay, b, 0o644)
}

// goEnv is the environment of the measured go commands: offline, with no
// GOFLAGS from the caller's shell, and the given variables on top.
func goEnv(extra []string) []string {
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		for _, k := range []string{"GOCACHE=", "GOFLAGS=", "GOPROXY="} {
			if strings.HasPrefix(kv, k) {
				return true
			}
		}
		return false
	})
	return append(env, append([]string{"GOPROXY=off", "GOFLAGS="}, extra...)...)
}

func goOutput(ctx context.Context, dir string, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = goEnv(env)
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		return "", fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, stderr)
	}
	return string(out), nil
}

// measureGo runs one go command and returns what it cost.
func measureGo(ctx context.Context, dir string, env []string, args ...string) (Usage, error) {
	return measureCmd(ctx, dir, goEnv(env), "go", args...)
}

// measureCmd runs a command, samples its process tree's memory while it
// runs and reads its rusage when it exits.
func measureCmd(ctx context.Context, dir string, env []string, name string, args ...string) (Usage, error) {
	var u Usage
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return u, err
	}
	stop := sampleTreeRSS(cmd.Process.Pid, 100*time.Millisecond)
	err := cmd.Wait()
	u.Wall = time.Since(start)
	u.PeakRSS = stop()
	if err != nil {
		return u, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, out.String())
	}
	u.User, u.Sys = cmd.ProcessState.UserTime(), cmd.ProcessState.SystemTime()
	u.MaxRSS = maxRSS(cmd.ProcessState)
	return u, nil
}

// The build-cost targets of issue 15: the default program's cold build at
// most 1.3x the bare package's, and at most 40% of the 102 s of CPU it
// took when the facade imported every version.
const (
	buildCostRatioTarget = 1.3
	buildCostBeforeCPU   = 102 * time.Second
	buildCostShareTarget = 0.4
)

// PrintBuildCost writes the build-cost section as Markdown.
func PrintBuildCost(w io.Writer, res []BuildCostResult) {
	fmt.Fprintf(w, "\n### 7. Build cost of a user's program\n\n")
	if len(res) == 0 {
		fmt.Fprintln(w, "not run")
		return
	}
	fmt.Fprintln(w, "Each program (bench/internal/buildcost) is built with `go build` in an empty GOCACHE (the module cache warm, GOPROXY=off), which compiles the standard library too, as a new CI job does; then rebuilt after an edit of main.go with the cache full; then vetted with `go vet` in another empty GOCACHE. CPU is user + system time of the go command and every process it ran (wait4); max RSS the largest single process (the compiler of the largest package), peak RSS the largest sum over the process tree at one moment (sampled every 100 ms).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| program | gen packages (`go list -deps`) | cold build CPU | cold build wall | max RSS | peak RSS | warm rebuild wall (CPU) | cold vet CPU | cold vet wall | vet peak RSS | binary |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range res {
		name := fmt.Sprintf("%s: %s", r.Program.Name, r.Program.What)
		gens := strings.Join(r.GenPackages, ", ")
		if len(r.GenPackages) == 0 {
			gens = "none"
		}
		if r.Err != nil {
			fmt.Fprintf(w, "| %s | %s | error: %s | | | | | | | | |\n", name, gens, oneLine(r.Err))
			continue
		}
		fmt.Fprintf(w, "| %s | %s (%d) | %s | %s | %s | %s | %s (%s) | %s | %s | %s | %.1f MB |\n", name, gens, len(r.GenPackages),
			dur(r.Cold.CPU()), dur(r.Cold.Wall), mem(r.Cold.MaxRSS), mem(r.Cold.PeakRSS),
			dur(r.Warm.Wall), dur(r.Warm.CPU()), dur(r.Vet.CPU()), dur(r.Vet.Wall), mem(r.Vet.PeakRSS), float64(r.Binary)/1e6)
	}
	byName := map[string]BuildCostResult{}
	for _, r := range res {
		byName[r.Program.Name] = r
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Ratios program / bare package (measured in the same run):")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| program / bare | cold build CPU | cold build wall | max RSS | peak RSS | warm rebuild wall | cold vet CPU | binary |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range res {
		b, ok := byName[r.Program.Bare]
		if r.Program.Bare == "" || !ok || r.Err != nil || b.Err != nil {
			continue
		}
		fmt.Fprintf(w, "| %s / %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Program.Name, b.Program.Name,
			ratio(r.Cold.CPU(), b.Cold.CPU()), ratio(r.Cold.Wall, b.Cold.Wall), fratio(float64(r.Cold.MaxRSS), float64(b.Cold.MaxRSS)),
			fratio(float64(r.Cold.PeakRSS), float64(b.Cold.PeakRSS)), ratio(r.Warm.Wall, b.Warm.Wall), ratio(r.Vet.CPU(), b.Vet.CPU()),
			fratio(float64(r.Binary), float64(b.Binary)))
	}
	if d, ok := byName["default"]; ok && d.Err == nil {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "Targets (issue 15): cold build of the default program at most %.1fx the bare package's", buildCostRatioTarget)
		if b, ok := byName[d.Program.Bare]; ok && b.Err == nil {
			x := float64(d.Cold.CPU()) / float64(b.Cold.CPU())
			fmt.Fprintf(w, " (CPU %.2fx: %s)", x, metOrNot(x <= buildCostRatioTarget))
		}
		limit := time.Duration(buildCostShareTarget * float64(buildCostBeforeCPU))
		fmt.Fprintf(w, ", and at most %.0f%% of the %s of CPU it took when the facade imported every version, %s (%s: %s).\n",
			100*buildCostShareTarget, dur(buildCostBeforeCPU), dur(limit), dur(d.Cold.CPU()), metOrNot(d.Cold.CPU() <= limit))
	}
}

// BuildCostErr returns the first failure among res.
func BuildCostErr(res []BuildCostResult) error {
	for _, r := range res {
		if r.Err != nil {
			return fmt.Errorf("build cost of %s: %w", r.Program.Name, r.Err)
		}
	}
	return nil
}

func metOrNot(ok bool) string {
	if ok {
		return "met"
	}
	return "not met"
}

func dur(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func mem(b int64) string {
	switch {
	case b <= 0:
		return "–"
	case b >= 1e9:
		return fmt.Sprintf("%.2f GB", float64(b)/1e9)
	default:
		return fmt.Sprintf("%.0f MB", float64(b)/1e6)
	}
}

// oneLine keeps a table cell on one line: the first line of err.
func oneLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return strings.ReplaceAll(s, "|", "/")
}
