package bench

import (
	"fmt"
	"io"
	"time"
)

// NetReport is the network-bound part of make bench: exports against a
// server that adds a fixed latency to every page and enforces a windowed
// rate limit.
type NetReport struct {
	Contacts, PerPage int
	Latency           time.Duration
	Limit             int
	Window            time.Duration
	Rows              []NetResult // sequential iterator, exports
	Node              *NodeResult // the Node SDK's listing of the same server
	NodeErr           error

	// The shared-limit scenario (facade/redislimit/internal/benchshared).
	SharedContacts int
	SharedLimit    int
	SharedWindow   time.Duration
	Shared         []NetResult
	SharedErr      error
}

func (n *NetReport) err() error {
	if n == nil {
		return nil
	}
	for _, r := range append(append([]NetResult(nil), n.Rows...), n.Shared...) {
		if r.Err != nil {
			return fmt.Errorf("%s: %w", r.Name, r.Err)
		}
	}
	if n.NodeErr != nil {
		return n.NodeErr
	}
	return n.SharedErr
}

func (n *NetReport) print(w io.Writer) {
	fmt.Fprintf(w, "\n### 5. Exports bound by the network\n\n")
	if n == nil {
		fmt.Fprintln(w, "not run")
		return
	}
	fmt.Fprintf(w, "%d contacts on a loopback server that answers every request after %v and admits %d requests per %v window (429 beyond, with Intercom's headers); per_page %d. The bound is the ideal page count (%d) at min(limit, workers / latency) requests a second. One run each.\n\n",
		n.Contacts, n.Latency, n.Limit, n.Window, n.PerPage, (n.Contacts+n.PerPage-1)/n.PerPage)
	fmt.Fprintln(w, "| path | in flight | wall time | bound | time / bound | requests | 429s | speed-up over the sequential iterator |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	var seq time.Duration
	for _, r := range n.Rows {
		if r.Err != nil {
			fmt.Fprintf(w, "| %s | %d | error: %v | | | | | |\n", r.Name, r.Workers, r.Err)
			continue
		}
		if seq == 0 {
			seq = r.Elapsed
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %d | %d | %s |\n", r.Name, r.Workers, secs(r.Elapsed), secs(r.Bound), ratio(r.Elapsed, r.Bound), r.Requests, r.Refused, ratio(seq, r.Elapsed))
	}
	switch {
	case n.Node != nil:
		fmt.Fprintf(w, "| official Node SDK intercom-client %s, `for await` over contacts.list | 1 | %s | | | | | %s |\n", n.Node.SDK, secs(n.Node.Time), ratio(seq, n.Node.Time))
	case n.NodeErr != nil:
		fmt.Fprintf(w, "| official Node SDK | 1 | error: %v | | | | | |\n", n.NodeErr)
	}
	fmt.Fprintf(w, "\nTargets (issue 18): 16 workers at least 8x faster than the sequential iterator and within 1.2x of the bound.\n")
	fmt.Fprintf(w, "\n### 6. One limit shared by several processes\n\n")
	if n.SharedErr != nil {
		fmt.Fprintf(w, "error: %v\n", n.SharedErr)
		return
	}
	if len(n.Shared) == 0 {
		fmt.Fprintln(w, "not run")
		return
	}
	rate := float64(n.SharedLimit) / n.SharedWindow.Seconds()
	fmt.Fprintf(w, "%d contacts, the same latency, a limit of %d per %v window. Each process (a separate OS process: its own client, connections and limiter) exports a third of the creation range; the wall time includes starting them. The rate-limit minimum is the requests made at %.0f a second; the bound the ideal page count at that rate.\n\n",
		n.SharedContacts, n.SharedLimit, n.SharedWindow, rate)
	fmt.Fprintln(w, "| limiters | wall time | rate-limit minimum | time / minimum | bound | time / bound | requests | 429s | share 429 |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range n.Shared {
		if r.Err != nil {
			fmt.Fprintf(w, "| %s | error: %v | | | | | | | |\n", r.Name, r.Err)
			continue
		}
		minimum := time.Duration(float64(r.Requests-r.Refused) / rate * float64(time.Second))
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %d | %d | %.1f%% |\n", r.Name, secs(r.Elapsed), secs(minimum), ratio(r.Elapsed, minimum),
			secs(r.Bound), ratio(r.Elapsed, r.Bound), r.Requests, r.Refused, 100*float64(r.Refused)/float64(max(r.Requests, 1)))
	}
	fmt.Fprintf(w, "\nTargets (issue 18): shared limiter at most 1%% of requests answered 429 and within 1.05x of the rate-limit minimum.\n")
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
