package bench

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"
)

// Row is one export path in the table.
type Row struct {
	Name    string
	Result  Result
	Pending string // why the row has no measurement yet
}

// Report is everything one "make bench" run measured.
type Report struct {
	Contacts, PerPage, Runs int
	ContactBytes, Bytes     int
	Transfer                Row
	TransferReadAll         Row
	Baseline                Row // (a) in issue 7
	Generated               Row // (b)
	FacadeTyped             Row
	DecodeReused            Row
	FacadeIterator          Row // (c)
	FacadeIteratorLazy      Row // (c) with ReadAhead(0)
	JSONv2                  []Row
	Node                    *NodeResult
	NodeErr                 error
	StreamSmall, StreamBig  int
	PeakSmall, PeakBig      Peak
	StreamPath              string
	StreamErr               error
	Pacer                   []PacerResult
	PacerErr                error
	Build                   *BuildResult
	BuildErr                error
	BuildCost               []BuildCostResult // section 7 (buildcost.go)
	Net                     *NetReport        // sections 5 and 6 (nettable.go)
	Started                 time.Time
	Host                    string
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }

func ratio(a, b time.Duration) string {
	if a <= 0 || b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}

// Err returns the first failure the report holds, so that a run with a
// broken path (as in CI's smoke run) exits non-zero after printing.
func (r *Report) Err() error {
	for _, row := range append([]Row{r.Transfer, r.TransferReadAll, r.Baseline, r.Generated, r.FacadeTyped, r.DecodeReused, r.FacadeIterator, r.FacadeIteratorLazy}, r.JSONv2...) {
		if row.Result.Err != nil {
			return fmt.Errorf("%s: %w", row.Name, row.Result.Err)
		}
	}
	for _, err := range []error{r.NodeErr, r.StreamErr, r.PacerErr, r.BuildErr, r.Net.err(), BuildCostErr(r.BuildCost)} {
		if err != nil {
			return err
		}
	}
	return nil
}

// Print writes the report as Markdown: the table BENCHMARKS.md holds.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "Run %s on %s (%s/%s, %d CPUs, %s).\n\n", r.Started.UTC().Format("2006-01-02 15:04 MST"), r.Host,
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(w, "### 1. Export of %d contacts\n\n", r.Contacts)
	fmt.Fprintf(w, "Loopback server in its own process; contacts of %d bytes built from the 2.16 contact schema's examples (%.1f MB in all), per_page %d, cursor pagination; median of %d runs after a warm-up, the paths taking turns (each round runs every path once).\n\n",
		r.ContactBytes, float64(r.Bytes)/1e6, r.PerPage, r.Runs)
	fmt.Fprintln(w, "| path | time | items/s | allocs/item | bytes/item | time / transfer | time / baseline |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	t := r.Transfer.Result.Time
	base := r.Baseline.Result.Time
	for _, row := range append([]Row{r.Transfer, r.TransferReadAll, r.Baseline, r.Generated, r.FacadeTyped, r.DecodeReused, r.FacadeIterator, r.FacadeIteratorLazy}, r.JSONv2...) {
		res := row.Result
		switch {
		case row.Pending != "":
			fmt.Fprintf(w, "| %s | %s | | | | | |\n", row.Name, row.Pending)
		case res.Err != nil:
			fmt.Fprintf(w, "| %s | error: %v | | | | | |\n", row.Name, res.Err)
		default:
			ips := float64(res.Items) / res.Time.Seconds()
			fmt.Fprintf(w, "| %s | %s | %.0f | %.1f | %.0f | %s | %s |\n", row.Name, ms(res.Time), ips,
				res.AllocsPerIt, res.BytesPerIt, ratio(res.Time, t), ratio(res.Time, base))
		}
	}
	switch {
	case r.Node != nil:
		fmt.Fprintf(w, "| official Node SDK intercom-client %s (node %s), `for await` over contacts.list | %s | %.0f | | | %s | %s |\n",
			r.Node.SDK, r.Node.Node, ms(r.Node.Time), float64(r.Node.Items)/r.Node.Time.Seconds(), ratio(r.Node.Time, t), ratio(r.Node.Time, base))
	case r.NodeErr != nil:
		fmt.Fprintf(w, "| official Node SDK | error: %v | | | | | |\n", r.NodeErr)
	default:
		fmt.Fprintln(w, "| official Node SDK | not run | | | | | |")
	}
	fmt.Fprintln(w)
	for _, f := range []Row{r.FacadeIterator, r.FacadeTyped} {
		if f.Result.Err != nil || f.Pending != "" {
			continue
		}
		fmt.Fprintf(w, "Ratios for %s:\n\n", f.Name)
		fmt.Fprintf(w, "- / transfer: %s (issue 9 target ≤ 3)\n", ratio(f.Result.Time, t))
		if r.Node != nil {
			fmt.Fprintf(w, "- Node SDK / it: %s (issue 9 target ≥ 1.5)\n", ratio(r.Node.Time, f.Result.Time))
		}
		fmt.Fprintf(w, "- / baseline (a): time %s (issue 7 target ≤ 1.05), allocations %s (target ≤ 1.10)\n\n",
			ratio(f.Result.Time, base), fratio(f.Result.AllocsPerIt, r.Baseline.Result.AllocsPerIt))
	}
	fmt.Fprintf(w, "### 2. Streaming memory\n\n")
	if r.StreamErr != nil {
		fmt.Fprintf(w, "error: %v\n", r.StreamErr)
	} else if r.PeakSmall.Cycles > 0 {
		fmt.Fprintf(w, "Heap while listing through %s. Live heap is what a GC cycle found reachable (what the program keeps, plus what was allocated during the cycle); heap objects add the garbage not yet collected, sampled every millisecond. A longer run sees more cycles, so its peaks lie further out in the same distribution; the median shows whether anything accumulates.\n\n", r.StreamPath)
		fmt.Fprintln(w, "| items | GC cycles | median live heap | peak live heap | peak heap objects |")
		fmt.Fprintln(w, "|---:|---:|---:|---:|---:|")
		for _, p := range []struct {
			n int
			p Peak
		}{{r.StreamSmall, r.PeakSmall}, {r.StreamBig, r.PeakBig}} {
			fmt.Fprintf(w, "| %d | %d | %.2f MB | %.2f MB | %.2f MB |\n", p.n, p.p.Cycles, float64(p.p.LiveMedian)/1e6, float64(p.p.Live)/1e6, float64(p.p.Heap)/1e6)
		}
		fmt.Fprintf(w, "\nRatios large/small (issue 7 target ≤ 1.2): median live heap %s, peak live heap %s, peak heap objects %s.\n",
			fratio(float64(r.PeakBig.LiveMedian), float64(r.PeakSmall.LiveMedian)), fratio(float64(r.PeakBig.Live), float64(r.PeakSmall.Live)),
			fratio(float64(r.PeakBig.Heap), float64(r.PeakSmall.Heap)))
	} else {
		fmt.Fprintln(w, "not run")
	}
	fmt.Fprintf(w, "\n### 3. Pacer scenario\n\n")
	switch {
	case r.PacerErr != nil:
		fmt.Fprintf(w, "error: %v\n", r.PacerErr)
	case len(r.Pacer) == 0:
		fmt.Fprintln(w, "not run")
	default:
		p0 := r.Pacer[0]
		fmt.Fprintf(w, "%d calls (ListTags) from 8 goroutines sharing one client, against a loopback server admitting %d per %v window and answering 429 beyond; theoretical minimum %v.\n\n",
			p0.Requests, p0.Limit, p0.Window, p0.Minimum)
		fmt.Fprintln(w, "| client | completion / minimum | requests answered 429 | share of calls | calls failed |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
		for _, p := range r.Pacer {
			name := "retries only"
			if p.Paced {
				name = "shared rate limiter (facade.WithRateLimiter)"
			}
			fmt.Fprintf(w, "| %s | %.2f | %d | %.3f | %d |\n", name, float64(p.Elapsed)/float64(p.Minimum), p.Refused, float64(p.Refused)/float64(p.Requests), p.Failed)
		}
	}
	fmt.Fprintf(w, "\n### 4. Codegen and build\n\n")
	switch {
	case r.BuildErr != nil:
		fmt.Fprintf(w, "error: %v\n", r.BuildErr)
	case r.Build == nil:
		fmt.Fprintln(w, "not run")
	default:
		b := r.Build
		fmt.Fprintln(w, "| measurement | value |")
		fmt.Fprintln(w, "|---|---:|")
		fmt.Fprintf(w, "| generate, all versions (`go -C api run ./cmd/intercomgen generate`) | %s |\n", orSkipped(b.Generate, b.GenerateSkipped))
		fmt.Fprintf(w, "| binary of a user's first program on the default version (bench/internal/buildcost/default; its build cost: section 7) | %.1f MB |\n", float64(b.FacadeBinary)/1e6)
		fmt.Fprintf(w, "| a program importing only net/http | %.1f MB |\n", float64(b.NetHTTPBinary)/1e6)
		fmt.Fprintf(w, "| ratio | %.2f |\n", float64(b.FacadeBinary)/float64(b.NetHTTPBinary))
	}
	r.Net.print(w)
	PrintBuildCost(w, r.BuildCost)
}

func fratio(a, b float64) string {
	if a <= 0 || b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func orSkipped(d time.Duration, why string) string {
	if why != "" {
		return why
	}
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return strings.TrimSpace(ms(d))
}
