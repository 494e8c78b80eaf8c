// Command export writes every contact of a workspace to a file of
// newline-delimited JSON, with several workers at once, a progress bar on
// standard error, and resume: stop it (Ctrl-C, or kill it outright) and
// run it again with the same flags, and it goes on where it stopped; the
// file ends with every contact exactly once.
//
// With INTERCOM_TOKEN set it exports from Intercom (configured by
// facade.FromEnv); without it, from an in-memory intercomtest server
// seeded with -contacts contacts, answering each search page after
// -latency and admitting -rate requests per 10-second window, like
// Intercom:
//
//	go run ./examples/export -out contacts.ndjson
//	go run ./examples/export -out contacts.ndjson -verify
//
// The state file (-state, default OUT.state) holds the export's position
// and how many bytes of the output it covers; output past that point (from
// a process killed between two checkpoints) is cut off on resume.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/facade/intercomtest"
	"github.com/intercom-go/intercom/gen/v2_16"
)

type config struct {
	out, state     string
	workers        int
	contacts       int
	latency        time.Duration
	rate           int
	checkpoint     int
	verify, quiet  bool
	stopAfterItems int  // for tests: stop after this many items
	crash          bool // for tests: at stopAfterItems, write out and end without a checkpoint, as a killed process would
}

func main() {
	var cfg config
	flag.StringVar(&cfg.out, "out", "contacts.ndjson", "output file (NDJSON)")
	flag.StringVar(&cfg.state, "state", "", "state file for resume (default OUT.state)")
	flag.IntVar(&cfg.workers, "workers", 8, "searches run at once")
	flag.IntVar(&cfg.contacts, "contacts", 50000, "contacts in the intercomtest workspace (without INTERCOM_TOKEN)")
	flag.DurationVar(&cfg.latency, "latency", 300*time.Millisecond, "intercomtest: delay of each search page")
	flag.IntVar(&cfg.rate, "rate", 1667, "intercomtest: requests admitted per 10-second window")
	flag.IntVar(&cfg.checkpoint, "checkpoint", 1000, "save the position every N contacts")
	flag.BoolVar(&cfg.verify, "verify", false, "only count the distinct contacts in -out")
	flag.BoolVar(&cfg.quiet, "quiet", false, "no progress bar")
	flag.Parse()
	if cfg.state == "" {
		cfg.state = cfg.out + ".state"
	}
	if cfg.verify {
		n, dup, err := verify(cfg.out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "export:", err)
			os.Exit(1)
		}
		fmt.Printf("%d distinct contacts, %d repeated\n", n, dup)
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "export:", err)
		os.Exit(1)
	}
}

// state is what the state file holds: the export's position and the
// length of the output it accounts for.
type state struct {
	Position facade.ExportPosition `json:"position"`
	Bytes    int64                 `json:"bytes"`
	Items    int64                 `json:"items"`
	Done     bool                  `json:"done"`
}

func run(ctx context.Context, cfg config, status io.Writer) error {
	client, limiter, closeSrv, err := connect(cfg)
	if err != nil {
		return err
	}
	defer closeSrv()

	var st state
	opts := facade.ExportOptions{Workers: cfg.workers, Limiter: limiter, Location: workspaceZone(ctx, client, status)}
	if raw, err := os.ReadFile(cfg.state); err == nil {
		if err := json.Unmarshal(raw, &st); err != nil {
			return fmt.Errorf("state file %s: %w", cfg.state, err)
		}
		if st.Done {
			fmt.Fprintf(status, "%s is complete (%d contacts); remove %s to export again\n", cfg.out, st.Items, cfg.state)
			return nil
		}
		opts.Resume = &st.Position
		fmt.Fprintf(status, "resuming after %d contacts (%d windows open)\n", st.Items, len(st.Position.Windows))
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}

	f, err := os.OpenFile(cfg.out, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	// Whatever a killed process wrote after its last checkpoint goes.
	if err := f.Truncate(st.Bytes); err != nil {
		return err
	}
	if _, err := f.Seek(st.Bytes, io.SeekStart); err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)

	search := facade.ExportFrom(func(ctx context.Context, b v2_16.SearchContactsJSONRequestBody, o ...facade.PageOption) iter.Seq2[facade.Page[v2_16.Contact], error] {
		return client.SearchContactsPages(ctx, nil, b, o...)
	})
	exp, err := facade.NewExport(search, opts)
	if err != nil {
		return err
	}
	checkpoint := func(done bool) error {
		if err := w.Flush(); err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			return err
		}
		st.Position, st.Done = exp.Position(), done
		if st.Bytes, err = f.Seek(0, io.SeekCurrent); err != nil {
			return err
		}
		return saveState(cfg.state, st)
	}

	bar := startBar(status, exp, st.Items, cfg.quiet)
	var since int
	var runErr error
	for c, err := range exp.All(ctx) {
		if err != nil {
			runErr = err
			break
		}
		line, err := json.Marshal(c)
		if err != nil {
			runErr = err
			break
		}
		w.Write(line)
		w.WriteByte('\n')
		st.Items++
		bar.items.Store(st.Items)
		if since++; since == cfg.checkpoint {
			since = 0
			if err := checkpoint(false); err != nil {
				runErr = err
				break
			}
		}
		if cfg.stopAfterItems > 0 && st.Items >= int64(cfg.stopAfterItems) {
			runErr = errStopped
			break
		}
	}
	bar.stop()
	if cfg.crash && errors.Is(runErr, errStopped) {
		w.Flush() // output past the last checkpoint, which a resume must cut off
		return runErr
	}
	// Everything handed out so far is in the file: save where that is, on
	// success and on failure alike (the position of an *ExportError is the
	// same as Position's).
	if err := checkpoint(runErr == nil); err != nil {
		return err
	}
	if runErr != nil {
		return fmt.Errorf("stopped after %d contacts; run again to resume: %w", st.Items, runErr)
	}
	fmt.Fprintf(status, "exported %d contacts to %s\n", st.Items, cfg.out)
	return nil
}

var errStopped = errors.New("stopped on request")

// workspaceZone reads the workspace's timezone from GET /me: knowing it,
// each window's search asks for exactly its days. Without it (nil) the
// export still yields every contact once, fetching a little more.
func workspaceZone(ctx context.Context, c *v2_16.Client, status io.Writer) *time.Location {
	me, err := c.API.IdentifyAdminWithResponse(ctx)
	if err != nil || me.JSON200 == nil || me.JSON200.App == nil || me.JSON200.App.Timezone == nil {
		fmt.Fprintf(status, "workspace timezone unknown (%v): searching with a margin\n", err)
		return nil
	}
	loc, err := time.LoadLocation(*me.JSON200.App.Timezone)
	if err != nil {
		fmt.Fprintf(status, "workspace timezone %q: %v: searching with a margin\n", *me.JSON200.App.Timezone, err)
		return nil
	}
	return loc
}

// connect returns a client for Intercom (INTERCOM_TOKEN) or for a seeded
// intercomtest server, with a shared in-process rate limiter.
func connect(cfg config) (*v2_16.Client, *facade.Pacer, func(), error) {
	limiter := facade.NewRateLimiter()
	if os.Getenv(facade.EnvToken) != "" {
		c, err := v2_16.New(facade.FromEnv(), facade.WithRateLimiter(limiter))
		return c, limiter, func() {}, err
	}
	srv, err := intercomtest.Start(intercomtest.WithRateLimit(cfg.rate, 10*time.Second))
	if err != nil {
		return nil, nil, nil, err
	}
	seed(srv, cfg.contacts)
	if cfg.latency > 0 {
		srv.AddFault(intercomtest.Fault{Method: http.MethodPost, Path: "/contacts/search", Latency: cfg.latency, Times: -1})
	}
	c, err := srv.Client(facade.WithRateLimiter(limiter))
	if err != nil {
		srv.Close()
		return nil, nil, nil, err
	}
	return c, limiter, srv.Close, nil
}

// seed stores n contacts created over two years before a fixed instant;
// the same n gives the same contacts (ids included) in every process, so
// that a resumed run continues the same workspace.
func seed(srv *intercomtest.Server, n int) {
	end := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	span := int64(2 * 365 * 24 * 3600)
	for i := range n {
		at := int(end - span + int64(i)*span/int64(max(n, 1)))
		email := fmt.Sprintf("contact%d@example.com", i)
		srv.AddContact(v2_16.Contact{Email: &email, CreatedAt: &at})
	}
}

func saveState(path string, st state) error {
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path) // atomic: a kill leaves the old or the new state
}

// verify counts the distinct contact ids in an NDJSON file.
func verify(path string) (distinct, repeated int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var c struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return 0, 0, fmt.Errorf("line %d: %w", len(seen)+repeated+1, err)
		}
		if seen[c.ID] {
			repeated++
		}
		seen[c.ID] = true
	}
	return len(seen), repeated, sc.Err()
}

// progressBar redraws one status line from the export's progress.
type progressBar struct {
	items atomic.Int64
	done  chan struct{}
	ended chan struct{}
}

func startBar(w io.Writer, exp *facade.Export[v2_16.Contact], start int64, quiet bool) *progressBar {
	b := &progressBar{done: make(chan struct{}), ended: make(chan struct{})}
	b.items.Store(start)
	go func() {
		defer close(b.ended)
		if quiet {
			<-b.done
			return
		}
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		began, first := time.Now(), start
		for {
			select {
			case <-b.done:
				fmt.Fprintln(w)
				return
			case <-t.C:
			}
			p := exp.Progress()
			items := b.items.Load()
			line := fmt.Sprintf("%d contacts, %d pages, %d windows open, %d waiting for the rate limit", items, p.Pages, p.WindowsOpen, p.RateLimitWaiting)
			if p.Left >= 0 {
				total := items + p.Left
				frac := float64(items) / float64(max(total, 1))
				eta := "?"
				if rate := float64(items-first) / time.Since(began).Seconds(); rate > 0 {
					eta = (time.Duration(float64(p.Left)/rate) * time.Second).Round(time.Second).String()
				}
				const width = 30
				full := int(frac * width)
				line = fmt.Sprintf("[%s%s] %3.0f%% %s, about %s left", strings.Repeat("#", full), strings.Repeat(".", width-full), 100*frac, line, eta)
			}
			fmt.Fprintf(w, "\r%-120s", line)
		}
	}()
	return b
}

func (b *progressBar) stop() {
	close(b.done)
	<-b.ended
}
