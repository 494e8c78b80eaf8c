// Command bench runs the benchmarks behind "make bench" and prints one
// Markdown table (see BENCHMARKS.md): contact export through each decoding
// path and the official Node SDK, streaming memory, and codegen/build
// timings. The contact server runs as a child process (bench -serve), on
// 127.0.0.1 only, so its work and allocations do not mix with the client's.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/intercom-go/intercom/bench"
	"github.com/intercom-go/intercom/facade"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type options struct {
	contacts, perPage, runs int
	streamSmall, streamBig  int
	node, build, cold, gen  bool
	serve                   bool
	lifetime                time.Duration
	cpuprofile, only        string
	jsonv2                  bool
	pacerReqs, pacerLimit   int
	child                   string

	netContacts, netLimit       int
	netLatency, netWindow       time.Duration
	sharedContacts, sharedLimit int
	sharedWindow                time.Duration
}

func run() error {
	var o options
	flag.IntVar(&o.contacts, "contacts", 50000, "distinct contacts to export")
	flag.IntVar(&o.perPage, "per-page", 150, "page size")
	flag.IntVar(&o.runs, "runs", 7, "timed runs per path, in rounds (the median is reported)")
	flag.IntVar(&o.streamSmall, "stream-small", 10000, "items of the small streaming run")
	flag.IntVar(&o.streamBig, "stream-big", 1000000, "items of the large streaming run (0: skip streaming)")
	flag.BoolVar(&o.node, "node", true, "run the official Node SDK (installs it into .cache/bench-node)")
	flag.BoolVar(&o.build, "build", true, "measure codegen and builds")
	flag.BoolVar(&o.gen, "generate", true, "with -build: time intercomgen generate")
	flag.BoolVar(&o.cold, "cold", true, "measure the build cost of a user's first program: cold builds and vets with empty caches, several minutes (-only buildcost: only this)")
	flag.BoolVar(&o.serve, "serve", false, "internal: serve contacts on 127.0.0.1 and print the address")
	flag.DurationVar(&o.lifetime, "lifetime", 20*time.Minute, "internal: with -serve, stop after this long")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the export runs to this file")
	flag.StringVar(&o.only, "only", "", "run only the export paths whose name contains this (for profiling); buildcost: only the build-cost section")
	flag.BoolVar(&o.jsonv2, "jsonv2", true, "also run the baseline and generated paths in a GOEXPERIMENT=jsonv2 build")
	flag.IntVar(&o.pacerReqs, "pacer-requests", 400, "calls of the pacer scenario (0: skip it)")
	flag.IntVar(&o.pacerLimit, "pacer-limit", 100, "requests the pacer scenario's server admits per second")
	flag.StringVar(&o.child, "jsonv2-child", "", "internal: measure against this server and print the rows as JSON")
	flag.IntVar(&o.netContacts, "net-contacts", 50000, "contacts of the network-bound exports (0: skip them)")
	flag.DurationVar(&o.netLatency, "net-latency", 300*time.Millisecond, "latency the network-bound server adds to every page")
	flag.IntVar(&o.netLimit, "net-limit", 1667, "requests the network-bound server admits per -net-window (Intercom: 10,000 a minute)")
	flag.DurationVar(&o.netWindow, "net-window", 10*time.Second, "its rate-limit window")
	flag.IntVar(&o.sharedContacts, "shared-contacts", 50000, "contacts of the shared-limit scenario, 3 processes x 8 workers (0: skip it; needs redis-server)")
	flag.IntVar(&o.sharedLimit, "shared-limit", 40, "requests the shared-limit scenario admits per -shared-window")
	flag.DurationVar(&o.sharedWindow, "shared-window", time.Second, "its rate-limit window")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if o.serve {
		return serve(ctx, root, o)
	}
	if o.child != "" {
		return jsonv2Child(ctx, o)
	}
	if o.only == "buildcost" {
		return buildCostOnly(ctx, root)
	}
	return measure(ctx, root, o)
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run from inside the module")
	}
	return filepath.Dir(mod), nil
}

func contacts(root string, n int) ([][]byte, error) {
	doc, err := bench.Description(root, "2.16")
	if err != nil {
		return nil, err
	}
	tmpl, err := bench.ContactTemplate(doc)
	if err != nil {
		return nil, err
	}
	return bench.Contacts(tmpl, n)
}

// serve is the child process: it prints its address, then serves until
// its standard input closes (the parent exited) or the lifetime ends.
func serve(ctx context.Context, root string, o options) error {
	cs, err := contacts(root, o.contacts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: bench.NewServer(cs), ReadHeaderTimeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(ctx, o.lifetime)
	defer cancel()
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	fmt.Printf("%s %d\n", ln.Addr(), len(cs[0]))
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// startServer runs this program with -serve and returns the base URL and
// the size of one contact.
func startServer(ctx context.Context, o options) (string, int, func(), error) {
	exe, err := os.Executable()
	if err != nil {
		return "", 0, nil, err
	}
	cmd := exec.CommandContext(ctx, exe, "-serve", "-contacts", strconv.Itoa(o.contacts))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", 0, nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", 0, nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", 0, nil, err
	}
	var once sync.Once
	stopServer := func() {
		once.Do(func() {
			_ = stdin.Close()
			_ = cmd.Wait()
		})
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		stopServer()
		return "", 0, nil, fmt.Errorf("contact server: %w", err)
	}
	var addr string
	var size int
	if _, err := fmt.Sscan(line, &addr, &size); err != nil {
		stopServer()
		return "", 0, nil, fmt.Errorf("contact server said %q", line)
	}
	return "http://" + addr, size, stopServer, nil
}

func measure(ctx context.Context, root string, o options) error {
	host, _ := os.Hostname()
	r := &bench.Report{Contacts: o.contacts, PerPage: o.perPage, Runs: o.runs, Started: time.Now(), Host: host}
	base, size, stopServer, err := startServer(ctx, o)
	if err != nil {
		return err
	}
	defer stopServer()
	r.ContactBytes = size
	r.Bytes = o.contacts * (size + 1)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4, DisableCompression: true}}
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	// The export paths are measured in rounds (see MeasureRounds): the
	// issue's targets are ratios between them.
	paths := []struct {
		row  *bench.Row
		name string
		e    bench.Export
	}{
		{&r.Transfer, "transfer only (read bodies, find the cursor by byte search, no decode)", bench.Transfer(hc)},
		{&r.TransferReadAll, "transfer with io.ReadAll per page (no decode)", bench.TransferReadAll(hc)},
		{&r.Baseline, "(a) baseline: net/http + encoding/json into v2_16.ContactList", bench.Baseline(hc)},
		{&r.Generated, "(b) generated client (ListContactsWithResponse), manual cursor loop", bench.Generated(hc)},
		{&r.FacadeTyped, "v2_16.New typed API, manual cursor loop", bench.FacadeTyped(hc)},
		{&r.DecodeReused, "DecodeJSON on one reused body buffer (no Parse, body not kept)", bench.DecodeReused(hc)},
		{&r.FacadeIterator, "(c) facade iterator (v2_16.Client.ListContacts)", bench.FacadeIterator(hc)},
		{&r.FacadeIteratorLazy, "facade iterator with ReadAhead(0): each request only when the loop needs its page", bench.FacadeIterator(hc, facade.ReadAhead(0))},
	}
	var es []bench.Export
	var rows []*bench.Row
	for _, p := range paths {
		*p.row = bench.Row{Name: p.name}
		if o.only != "" && !strings.Contains(p.name, o.only) {
			p.row.Pending = "not run (-only)"
			continue
		}
		es, rows = append(es, p.e), append(rows, p.row)
	}
	fmt.Fprintf(os.Stderr, "bench: %d export paths, %d rounds\n", len(es), o.runs)
	for i, res := range bench.MeasureRounds(ctx, es, base, o.perPage, o.runs, o.contacts) {
		rows[i].Result = res
	}
	if o.jsonv2 && (o.only == "" || strings.Contains("jsonv2", o.only)) {
		fmt.Fprintln(os.Stderr, "bench: GOEXPERIMENT=jsonv2 build (the first build takes a minute or two)")
		rows, err := runJSONv2(ctx, root, base, o)
		if err != nil {
			rows = []bench.Row{{Name: "GOEXPERIMENT=jsonv2", Result: bench.Result{Err: err}}}
		}
		r.JSONv2 = rows
	}
	if o.node {
		fmt.Fprintln(os.Stderr, "bench: Node SDK")
		nr, err := bench.RunNode(ctx, root, base, o.perPage, o.runs)
		if err != nil {
			r.NodeErr = err
		} else {
			r.Node = &nr
		}
	}
	if o.streamBig > 0 {
		fmt.Fprintln(os.Stderr, "bench: streaming memory")
		e, name := bench.FacadeIterator(hc), "the facade iterator"

		r.StreamPath = name
		r.StreamSmall, r.StreamBig = o.streamSmall, o.streamBig
		if r.PeakSmall, err = bench.PeakHeap(ctx, e, base+"/n/"+strconv.Itoa(o.streamSmall), o.perPage); err == nil {
			r.PeakBig, err = bench.PeakHeap(ctx, e, base+"/n/"+strconv.Itoa(o.streamBig), o.perPage)
		}
		r.StreamErr = err
	}
	stopServer()
	if o.pacerReqs > 0 && (o.only == "" || strings.Contains("pacer", o.only)) {
		fmt.Fprintln(os.Stderr, "bench: pacer scenario")
		for _, paced := range []bool{true, false} {
			p, err := bench.Pacer(ctx, paced, o.pacerReqs, o.pacerLimit, 8)
			if err != nil {
				r.PacerErr = err
				break
			}
			r.Pacer = append(r.Pacer, p)
		}
	}
	if o.netContacts > 0 && (o.only == "" || strings.Contains("network", o.only)) {
		r.Net = netExports(ctx, root, o)
	}
	if o.build {
		fmt.Fprintln(os.Stderr, "bench: codegen and builds")
		b, err := bench.Build(ctx, root, o.gen)
		r.Build, r.BuildErr = &b, err
	}
	if o.cold && (o.only == "" || strings.Contains("buildcost", o.only)) {
		r.BuildCost = bench.BuildCost(ctx, root, bench.BuildCostPrograms, os.Stderr)
	}
	r.Print(os.Stdout)
	return r.Err()
}

// buildCostOnly runs the build-cost section alone (-only buildcost) and
// prints it under the same header as the full report.
func buildCostOnly(ctx context.Context, root string) error {
	host, _ := os.Hostname()
	started := time.Now()
	res := bench.BuildCost(ctx, root, bench.BuildCostPrograms, os.Stderr)
	fmt.Printf("Run %s on %s (%s/%s, %d CPUs, %s), `-only buildcost`.\n", started.UTC().Format("2006-01-02 15:04 MST"), host,
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	bench.PrintBuildCost(os.Stdout, res)
	return bench.BuildCostErr(res)
}

// jsonv2Names are the rows the jsonv2 build measures.
var jsonv2Names = []string{
	"(a) baseline, GOEXPERIMENT=jsonv2 (encoding/json on its v2 implementation)",
	"(b) generated client, GOEXPERIMENT=jsonv2",
}

// jsonv2Child measures the baseline and generated paths in this
// (GOEXPERIMENT=jsonv2) build and prints them as JSON for the parent.
func jsonv2Child(ctx context.Context, o options) error {
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4, DisableCompression: true}}
	var out []jsonRow
	for i, e := range []bench.Export{bench.Baseline(hc), bench.Generated(hc)} {
		res := bench.Measure(ctx, e, o.child, o.perPage, o.runs, o.contacts)
		row := jsonRow{Name: jsonv2Names[i], Items: res.Items, NS: int64(res.Time), Allocs: res.AllocsPerIt, Bytes: res.BytesPerIt}
		if res.Err != nil {
			row.Err = res.Err.Error()
		}
		out = append(out, row)
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}

type jsonRow struct {
	Name          string
	Items         int
	NS            int64
	Allocs, Bytes float64
	Err           string
}

// runJSONv2 runs this program, built with GOEXPERIMENT=jsonv2, as a child
// against the same server.
func runJSONv2(ctx context.Context, root, base string, o options) ([]bench.Row, error) {
	cmd := exec.CommandContext(ctx, "go", "run", "./bench/cmd/bench", "-jsonv2-child", base,
		"-contacts", strconv.Itoa(o.contacts), "-per-page", strconv.Itoa(o.perPage), "-runs", strconv.Itoa(o.runs))
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOEXPERIMENT=jsonv2")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("GOEXPERIMENT=jsonv2 run: %w", err)
	}
	var rows []jsonRow
	if err := json.Unmarshal(out, &rows); err != nil {
		return nil, fmt.Errorf("GOEXPERIMENT=jsonv2 run printed %q: %w", out, err)
	}
	var res []bench.Row
	for _, r := range rows {
		row := bench.Row{Name: r.Name, Result: bench.Result{Items: r.Items, Time: time.Duration(r.NS), AllocsPerIt: r.Allocs, BytesPerIt: r.Bytes}}
		if r.Err != "" {
			row.Result.Err = errors.New(r.Err)
		}
		res = append(res, row)
	}
	return res, nil
}

// netExports runs sections 5 and 6: the sequential iterator, the parallel
// export with 4 and 16 workers and the Node SDK against a server adding a
// per-page latency and a windowed limit; then the shared-limit scenario,
// which lives in the facade/redislimit module (it needs a Redis client).
func netExports(ctx context.Context, root string, o options) *bench.NetReport {
	n := &bench.NetReport{Contacts: o.netContacts, PerPage: o.perPage, Latency: o.netLatency, Limit: o.netLimit, Window: o.netWindow}
	s, err := bench.StartNetServer(o.netContacts, o.netLatency, o.netLimit, o.netWindow)
	if err != nil {
		n.Rows = []bench.NetResult{{Name: "network-bound server", Err: err}}
		return n
	}
	defer s.Close()
	pacer := func() facade.RateLimiter { return facade.NewRateLimiter() }
	fmt.Fprintln(os.Stderr, "bench: network-bound exports (sequential iterator)")
	n.Rows = append(n.Rows, bench.NetSequential(ctx, s, o.perPage))
	for _, w := range []int{4, 16} {
		fmt.Fprintf(os.Stderr, "bench: network-bound exports (%d workers)\n", w)
		n.Rows = append(n.Rows, bench.NetExport(ctx, s, fmt.Sprintf("facade.Export, %d workers", w), 1, w, o.perPage, pacer))
	}
	if o.node {
		fmt.Fprintln(os.Stderr, "bench: network-bound Node SDK listing")
		nr, err := bench.RunNode(ctx, root, s.URL(), o.perPage, 1)
		if err != nil {
			n.NodeErr = err
		} else {
			n.Node = &nr
		}
	}
	if o.sharedContacts > 0 {
		fmt.Fprintln(os.Stderr, "bench: shared-limit scenario (facade/redislimit)")
		n.SharedContacts, n.SharedLimit, n.SharedWindow = o.sharedContacts, o.sharedLimit, o.sharedWindow
		n.Shared, n.SharedErr = runShared(ctx, root, o)
	}
	return n
}

// runShared runs facade/redislimit/internal/benchshared and reads its rows.
func runShared(ctx context.Context, root string, o options) ([]bench.NetResult, error) {
	cmd := exec.CommandContext(ctx, "go", "run", "./internal/benchshared",
		"-contacts", strconv.Itoa(o.sharedContacts), "-latency", o.netLatency.String(),
		"-limit", strconv.Itoa(o.sharedLimit), "-window", o.sharedWindow.String())
	cmd.Dir = filepath.Join(root, "facade", "redislimit")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("shared-limit scenario: %w", err)
	}
	var rows []struct {
		Name               string
		Procs, Workers     int
		Items, Repeated    int
		Requests, Refused  int64
		ElapsedNS, BoundNS int64
		Err                string
	}
	if err := json.Unmarshal(out, &rows); err != nil {
		return nil, fmt.Errorf("shared-limit scenario printed %q: %w", out, err)
	}
	var res []bench.NetResult
	for _, r := range rows {
		nr := bench.NetResult{Name: r.Name, Workers: r.Procs * r.Workers, Items: r.Items, Repeated: r.Repeated, Requests: r.Requests,
			Refused: r.Refused, Elapsed: time.Duration(r.ElapsedNS), Bound: time.Duration(r.BoundNS)}
		if r.Err != "" {
			nr.Err = errors.New(r.Err)
		}
		res = append(res, nr)
	}
	return res, nil
}
