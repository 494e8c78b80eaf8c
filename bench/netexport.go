package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// NetServer is a loopback Intercom for exports bound by the network: every
// answer comes after a fixed latency, and requests are admitted Limit per
// Window (fixed windows aligned on the clock, counted on arrival, with
// Intercom's X-RateLimit-* headers) and answered 429 beyond. It serves
// GET /contacts (cursor listing) and POST /contacts/search for the
// export's created_at filters, with Intercom's documented day semantics in
// UTC (`>` from the start of the next day, `<` before the start of the
// day). Its contacts are small (an id, created_at, email): the time goes
// to waiting, not decoding.
type NetServer struct {
	Latency time.Duration
	Limit   int
	Window  time.Duration

	created []int64 // ascending; contact i has id c{i}

	mu       sync.Mutex
	winStart time.Time
	used     int

	requests, refused atomic.Int64
	ln                net.Listener
	hs                *http.Server
}

// StartNetServer serves n contacts created evenly over the two years
// before 2026 on 127.0.0.1.
func StartNetServer(n int, latency time.Duration, limit int, window time.Duration) (*NetServer, error) {
	s := &NetServer{Latency: latency, Limit: limit, Window: window, created: make([]int64, n)}
	end := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	span := int64(2 * 365 * 24 * 3600)
	for i := range n {
		s.created[i] = end - span + int64(i)*span/int64(n)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.ln = ln
	s.hs = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.hs.Serve(ln) }()
	return s, nil
}

// URL is the server's base URL.
func (s *NetServer) URL() string { return "http://" + s.ln.Addr().String() }

// Close stops the server.
func (s *NetServer) Close() { _ = s.hs.Close() }

// Counts returns the requests served and those answered 429, and resets
// them.
func (s *NetServer) Counts() (requests, refused int64) {
	return s.requests.Swap(0), s.refused.Swap(0)
}

// Contacts is how many contacts the server holds.
func (s *NetServer) Contacts() int { return len(s.created) }

func (s *NetServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	s.requests.Add(1)
	s.mu.Lock()
	if win := now.Truncate(s.Window); !win.Equal(s.winStart) {
		s.winStart, s.used = win, 0
	}
	s.used++
	used, reset := s.used, s.winStart.Add(s.Window)
	s.mu.Unlock()
	select {
	case <-time.After(s.Latency):
	case <-r.Context().Done():
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-RateLimit-Limit", strconv.Itoa(s.Limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(0, s.Limit-used)))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Add(time.Second-1).Unix(), 10))
	if used > s.Limit {
		s.refused.Add(1)
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}]}`)
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/contacts":
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		s.page(w, 0, len(s.created), per, r.URL.Query().Get("starting_after"))
	case r.Method == http.MethodPost && r.URL.Path == "/contacts/search":
		s.search(w, r)
	default:
		http.NotFound(w, r)
	}
}

// search answers the export's query: an AND of created_at > and <.
func (s *NetServer) search(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Query struct {
			Operator string `json:"operator"`
			Value    []struct {
				Field    string `json:"field"`
				Operator string `json:"operator"`
				Value    int64  `json:"value"`
			} `json:"value"`
		} `json:"query"`
		Pagination struct {
			PerPage       int    `json:"per_page"`
			StartingAfter string `json:"starting_after"`
		} `json:"pagination"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Query.Operator != "AND" {
		http.Error(w, `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"query"}]}`, http.StatusBadRequest)
		return
	}
	lo, hi := int64(-1<<62), int64(1<<62)
	for _, f := range body.Query.Value {
		day := time.Unix(f.Value, 0).UTC().Truncate(24 * time.Hour).Unix()
		switch {
		case f.Field == "created_at" && f.Operator == ">":
			lo = max(lo, day+24*3600)
		case f.Field == "created_at" && f.Operator == "<":
			hi = min(hi, day)
		default:
			http.Error(w, `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"filter"}]}`, http.StatusBadRequest)
			return
		}
	}
	from := sort.Search(len(s.created), func(i int) bool { return s.created[i] >= lo })
	to := sort.Search(len(s.created), func(i int) bool { return s.created[i] >= hi })
	s.page(w, from, max(from, to), body.Pagination.PerPage, body.Pagination.StartingAfter)
}

// page writes items [from, to) cut at the cursor, as a contact list.
func (s *NetServer) page(w http.ResponseWriter, from, to, per int, after string) {
	if per < 1 || per > 150 {
		per = 50
	}
	start := from
	if after != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(after, "o"))
		if err != nil || n < 0 || from+n > to {
			http.Error(w, `{"type":"error.list","errors":[{"code":"parameter_invalid","message":"starting_after"}]}`, http.StatusBadRequest)
			return
		}
		start = from + n
	}
	end := min(start+per, to)
	var b strings.Builder
	b.WriteString(`{"type":"list","data":[`)
	for i := start; i < end; i++ {
		if i > start {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"contact","id":"c%d","role":"user","email":"c%d@example.com","created_at":%d,"updated_at":%d}`, i, i, s.created[i], s.created[i])
	}
	total := to - from
	fmt.Fprintf(&b, `],"total_count":%d,"pages":{"type":"pages","page":%d,"per_page":%d,"total_pages":%d`, total, (start-from)/per+1, per, (total+per-1)/per)
	if end < to {
		fmt.Fprintf(&b, `,"next":{"per_page":%d,"starting_after":"o%d"}`, per, end-from)
	}
	b.WriteString("}}")
	_, _ = w.Write([]byte(b.String()))
}

// NetResult is one network-bound export.
type NetResult struct {
	Name     string
	Workers  int // requests in flight at most (all processes)
	Items    int // distinct contacts received
	Repeated int // contacts received more than once
	Requests int64
	Refused  int64 // answered 429
	Elapsed  time.Duration
	Bound    time.Duration // ideal pages / min(limit rate, workers / latency)
	Err      error
}

// Bound is the fastest a job of the server's contacts can go with workers
// requests in flight: its pages (perPage each) at min(limit/window,
// workers/latency) requests a second.
func (s *NetServer) Bound(workers, perPage int) time.Duration {
	pages := float64((len(s.created) + perPage - 1) / perPage)
	rate := min(float64(s.Limit)/s.Window.Seconds(), float64(workers)/s.Latency.Seconds())
	return time.Duration(pages / rate * float64(time.Second))
}

// netClient is a client of s with its own connections and limiter.
func netClient(s *NetServer, limiter facade.RateLimiter, conns int) (*v2_16.Client, error) {
	return newNetClient(s.URL(), s.Window, limiter, conns)
}

func newNetClient(base string, window time.Duration, limiter facade.RateLimiter, conns int) (*v2_16.Client, error) {
	tr := &http.Transport{MaxIdleConnsPerHost: conns + 2}
	p := facade.DefaultRetryPolicy()
	p.MaxRetries = 20
	p.RateLimitJitter = window / 50
	return v2_16.New(facade.WithToken("bench"), facade.WithBaseURL(base), facade.WithHTTPClient(&http.Client{Transport: tr}),
		facade.WithRetryPolicy(p), facade.WithRateLimiter(limiter))
}

// seen counts distinct and repeated ids, safely from many goroutines.
type seen struct {
	mu       sync.Mutex
	ids      map[string]bool
	repeated int
}

func (s *seen) add(id string) {
	s.mu.Lock()
	if s.ids[id] {
		s.repeated++
	}
	s.ids[id] = true
	s.mu.Unlock()
}

// NetSequential lists every contact with the facade's iterator.
func NetSequential(ctx context.Context, s *NetServer, perPage int) NetResult {
	r := NetResult{Name: "sequential iterator (v2_16.Client.ListContacts)", Workers: 1}
	c, err := netClient(s, facade.NewRateLimiter(), 1)
	if err != nil {
		r.Err = err
		return r
	}
	s.Counts()
	ids := &seen{ids: map[string]bool{}}
	start := time.Now()
	for ct, err := range c.ListContacts(ctx, nil, facade.PageSize(perPage)) {
		if err != nil {
			r.Err = err
			break
		}
		ids.add(*ct.Id)
	}
	return s.finish(r, ids, start, perPage)
}

func (s *NetServer) finish(r NetResult, ids *seen, start time.Time, perPage int) NetResult {
	r.Elapsed = time.Since(start)
	r.Items, r.Repeated = len(ids.ids), ids.repeated
	r.Requests, r.Refused = s.Counts()
	r.Bound = s.Bound(r.Workers, perPage)
	if r.Err == nil && (r.Items != len(s.created) || r.Repeated != 0) {
		r.Err = fmt.Errorf("%d distinct contacts, %d repeated, want %d once each", r.Items, r.Repeated, len(s.created))
	}
	return r
}

// NetExport exports every contact with facade.Export: procs groups (as
// separate processes would: each its own client, connections and
// limiter from newLimiter) of workers workers, each group taking an equal
// share of the creation range. The range starts at the first contact's
// creation, as an export started from the workspace's creation date
// (app.created_at of GET /me) would.
func NetExport(ctx context.Context, s *NetServer, name string, procs, workers, perPage int, newLimiter func() facade.RateLimiter) NetResult {
	r := NetResult{Name: name, Workers: procs * workers}
	ids := &seen{ids: map[string]bool{}}
	s.Counts()
	start := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	for p := range procs {
		from, until := s.Range(p, procs)
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := exportRange(ctx, s, ids, from, until, workers, perPage, newLimiter())
			if err != nil {
				mu.Lock()
				r.Err = err
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return s.finish(r, ids, start, perPage)
}

// ExportRange exports the contacts of the NetServer at base created in
// [from, until) with workers workers paced by limiter, as one process of
// a shared-limit run; it returns how many distinct contacts came and how
// many came again.
func ExportRange(ctx context.Context, base string, window time.Duration, from, until int64, workers, perPage int, limiter facade.RateLimiter) (items, repeated int, err error) {
	ids := &seen{ids: map[string]bool{}}
	c, err := newNetClient(base, window, limiter, workers)
	if err != nil {
		return 0, 0, err
	}
	err = exportWith(ctx, c, ids, from, until, workers, perPage, limiter)
	return len(ids.ids), ids.repeated, err
}

// Check records a run of processes that each exported a disjoint range:
// r gets the server's counts and the bound, and an error unless every
// contact came exactly once.
func (s *NetServer) Check(r NetResult, start time.Time, perPage int) NetResult {
	r.Elapsed = time.Since(start)
	r.Requests, r.Refused = s.Counts()
	r.Bound = s.Bound(r.Workers, perPage)
	if r.Err == nil && (r.Items != len(s.created) || r.Repeated != 0) {
		r.Err = fmt.Errorf("%d contacts, %d repeated, want %d once each", r.Items, r.Repeated, len(s.created))
	}
	return r
}

// Range is the share of the creation range process p of procs exports.
func (s *NetServer) Range(p, procs int) (from, until int64) {
	first, last := s.created[0], s.created[len(s.created)-1]+1
	return first + (last-first)*int64(p)/int64(procs), first + (last-first)*int64(p+1)/int64(procs)
}

func exportRange(ctx context.Context, s *NetServer, ids *seen, from, until int64, workers, perPage int, limiter facade.RateLimiter) error {
	c, err := netClient(s, limiter, workers)
	if err != nil {
		return err
	}
	return exportWith(ctx, c, ids, from, until, workers, perPage, limiter)
}

func exportWith(ctx context.Context, c *v2_16.Client, ids *seen, from, until int64, workers, perPage int, limiter facade.RateLimiter) error {
	search := facade.ExportFrom(func(ctx context.Context, b v2_16.SearchContactsJSONRequestBody, o ...facade.PageOption) iter.Seq2[facade.Page[v2_16.Contact], error] {
		return c.SearchContactsPages(ctx, nil, b, o...)
	})
	e, err := facade.NewExport(search, facade.ExportOptions{Workers: workers, PageSize: perPage, Location: time.UTC,
		From: time.Unix(from, 0), Until: time.Unix(until, 0), Limiter: limiter})
	if err != nil {
		return err
	}
	for ct, err := range e.All(ctx) {
		if err != nil {
			return err
		}
		ids.add(*ct.Id)
	}
	return nil
}
