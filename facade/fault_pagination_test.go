package facade_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/preview"
	"github.com/intercom-go/intercom/gen/v2_11"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// The fault tests of pagination: every style of listing, run through the
// generated iterators with the default retry behaviour (millisecond waits),
// meets every fault of fault_single_test.go on a chosen page, once, as a
// burst and for good. Each run must either yield the whole list, every item
// exactly once, or yield exactly the items of the pages before the fault and
// then one typed error, never a silently short list. Every run must close
// every body and connection and leave no goroutine behind.

// slowTimeout is the client timeout of the slow-header cases: far above
// what a loopback page takes, even on a loaded machine (60 ms was seen to
// time out a healthy page while other tests compiled), and far below what
// the slow fault waits.
const slowTimeout = 200 * time.Millisecond

// injector decides which arrivals of which page a fault answers.
type injector struct {
	f     fault
	page  int // 1-based page whose requests the fault answers
	times int // how many of them; -1: all
	// advances: the scroll fake moves the scroll before the fault answers,
	// as Intercom does for every request that reaches it; false for 429s,
	// which Intercom answers before acting.
	advances bool

	mu   sync.Mutex
	hits map[int]int // arrivals per page
}

func newInjector(f fault, page, times int, advances bool) *injector {
	return &injector{f: f, page: page, times: times, advances: advances, hits: map[int]int{}}
}

// take records an arrival for page and reports whether the fault answers it.
func (in *injector) take(page int) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.hits[page]++
	return page == in.page && (in.times < 0 || in.hits[page] <= in.times)
}

func (in *injector) arrivals(page int) int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.hits[page]
}

// faultyList puts an injector in front of a fakeList. A page is known by
// its position (cursor or page number): the n-th distinct position that
// arrives is page n, so a re-sent request counts for the same page.
type faultyList struct {
	list *fakeList
	in   *injector

	mu        sync.Mutex
	positions map[string]int
}

func (fl *faultyList) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(raw))
	var body map[string]any
	_ = json.Unmarshal(raw, &body) // GETs have none
	pos := fl.list.read(r, body, fl.list.cursor)
	fl.mu.Lock()
	page, ok := fl.positions[pos]
	if !ok {
		page = len(fl.positions) + 1
		fl.positions[pos] = page
	}
	fl.mu.Unlock()
	if fl.in.take(page) {
		fl.in.f(w, r)
		return
	}
	fl.list.serve(w, r)
}

// advancingScroll is GET /companies/scroll as Intercom runs it: one
// scroll_param for the whole scroll, and a server-side position that
// moves on with every request that reaches it. A client that re-sends a
// request whose answer was lost gets the page after the lost one.
type advancingScroll struct {
	t          testing.TB
	total, per int
	in         *injector

	mu     sync.Mutex
	offset int // first company of the next page
}

const scrollID = "scroll-7f3a" // the same on every page, as Intercom may send it

func (s *advancingScroll) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || r.URL.Path != "/companies/scroll" {
		s.t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
		http.NotFound(w, r)
		return
	}
	param := r.URL.Query().Get("scroll_param")
	s.mu.Lock()
	switch param {
	case "":
		s.offset = 0 // a new scroll
	case scrollID:
	default:
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"type":"error.list","errors":[{"code":"not_found","message":"scroll_param not found or expired"}]}`)
		return
	}
	page := s.offset/s.per + 1
	inject := s.in != nil && s.in.take(page)
	if inject && !s.in.advances {
		s.mu.Unlock()
		s.in.f(w, r)
		return
	}
	from := s.offset
	to := min(from+s.per, s.total)
	s.offset = to
	s.mu.Unlock()
	if inject {
		s.in.f(w, r) // the scroll has moved on; its answer is lost
		return
	}
	var b strings.Builder
	b.WriteString(`{"type":"list","data":[`)
	for i := from; i < to; i++ {
		if i > from {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"company","id":"%d"}`, i)
	}
	fmt.Fprintf(&b, `],"pages":null,"total_count":null,"scroll_param":%q}`, scrollID)
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, b.String())
}

// faultStyle is one paged operation of one API version, with a fake that
// speaks its style.
type faultStyle struct {
	name   string
	scroll bool
	total  int // items: three pages of per
	per    int
	// handler serves the list, with in (nil: no fault) in front.
	handler func(t *testing.T, in *injector) http.Handler
	// items ranges over the list with a client built from opts.
	items func(t *testing.T, ctx context.Context, opts []facade.Option) iter.Seq2[string, error]
}

func listHandler(t *testing.T, list *fakeList, in *injector) http.Handler {
	list.t = t
	if list.item == nil {
		list.item = func(i int) string { return `{"type":"item","id":"` + strconv.Itoa(i) + `"}` }
	}
	list.defPer = 50
	if in == nil {
		return http.HandlerFunc(list.serve)
	}
	return &faultyList{list: list, in: in, positions: map[string]int{}}
}

func faultStyles() []faultStyle {
	cursorList := func() *fakeList {
		return &fakeList{method: http.MethodGet, path: regexp.MustCompile(`^/contacts$`), style: "cursor",
			cursor: loc("query.starting_after"), perPage: loc("query.per_page"), items: []string{"data"}, total: 450, maxPer: 150}
	}
	scrollHandler := func(t *testing.T, in *injector) http.Handler {
		return &advancingScroll{t: t, total: 450, per: 150, in: in}
	}
	contactID := func(v v2_16.Contact) string { return idOf(v.Id) }
	return []faultStyle{{
		name: "cursor", total: 450, per: 150,
		handler: func(t *testing.T, in *injector) http.Handler { return listHandler(t, cursorList(), in) },
		items: func(t *testing.T, ctx context.Context, opts []facade.Option) iter.Seq2[string, error] {
			c, err := v2_16.New(opts...)
			require.NoError(t, err)
			return idsOf(c.ListContacts(ctx, nil), contactID)
		},
	}, {
		name: "page", total: 450, per: 150,
		handler: func(t *testing.T, in *injector) http.Handler {
			return listHandler(t, &fakeList{method: http.MethodGet, path: regexp.MustCompile(`^/companies/co1/contacts$`), style: "page",
				cursor: loc("query.page"), perPage: loc("query.per_page"), items: []string{"data"}, total: 450, maxPer: 150}, in)
		},
		items: func(t *testing.T, ctx context.Context, opts []facade.Option) iter.Seq2[string, error] {
			c, err := v2_16.New(opts...)
			require.NoError(t, err)
			return idsOf(c.ListAttachedContacts(ctx, "co1", nil, facade.PageSize(150)), contactID)
		},
	}, {
		name: "search", total: 450, per: 150,
		handler: func(t *testing.T, in *injector) http.Handler {
			return listHandler(t, &fakeList{method: http.MethodPost, path: regexp.MustCompile(`^/contacts/search$`), style: "search",
				cursor: loc("body.pagination.starting_after"), perPage: loc("body.pagination.per_page"), items: []string{"data"},
				total: 450, maxPer: 150, wantQuery: pagingSearchQuery}, in)
		},
		items: func(t *testing.T, ctx context.Context, opts []facade.Option) iter.Seq2[string, error] {
			c, err := v2_16.New(opts...)
			require.NoError(t, err)
			return idsOf(c.SearchContacts(ctx, nil, pagingSearchBody(t)), contactID)
		},
	}, {
		name: "next_cursor", total: 450, per: 150,
		handler: func(t *testing.T, in *injector) http.Handler {
			return listHandler(t, &fakeList{method: http.MethodGet, path: regexp.MustCompile(`^/contacts/c1/merge_history$`), style: "next_cursor",
				cursor: loc("query.cursor"), perPage: loc("query.per_page"), items: []string{"data"}, total: 450, maxPer: 150,
				item: func(i int) string { return `{"type":"merge","source_contact_id":"` + strconv.Itoa(i) + `"}` }}, in)
		},
		items: func(t *testing.T, ctx context.Context, opts []facade.Option) iter.Seq2[string, error] {
			c, err := v2_16.New(opts...)
			require.NoError(t, err)
			return idsOf(c.ListContactMergeHistory(ctx, "c1", nil), func(v v2_16.MergeHistoryItem) string { return idOf(v.SourceContactId) })
		},
	}, {
		name: "companies-list", total: 450, per: 150, // POST /companies/list: page numbers, 150 at most
		handler: func(t *testing.T, in *injector) http.Handler {
			return listHandler(t, &fakeList{method: http.MethodPost, path: regexp.MustCompile(`^/companies/list$`), style: "page", form: "link",
				cursor: loc("query.page"), perPage: loc("query.per_page"), items: []string{"data"}, total: 450, maxPer: 150}, in)
		},
		items: func(t *testing.T, ctx context.Context, opts []facade.Option) iter.Seq2[string, error] {
			c, err := v2_16.New(opts...)
			require.NoError(t, err)
			return idsOf(c.ListAllCompanies(ctx, nil), func(v v2_16.Company) string { return idOf(v.Id) })
		},
	}, {
		name: "scroll", scroll: true, total: 450, per: 150,
		handler: scrollHandler,
		items: func(t *testing.T, ctx context.Context, opts []facade.Option) iter.Seq2[string, error] {
			c, err := v2_16.New(opts...)
			require.NoError(t, err)
			return idsOf(c.ScrollOverAllCompanies(ctx, nil), func(v v2_16.Company) string { return idOf(v.Id) })
		},
	}, {
		name: "cursor-v2.11", total: 450, per: 150,
		handler: func(t *testing.T, in *injector) http.Handler { return listHandler(t, cursorList(), in) },
		items: func(t *testing.T, ctx context.Context, opts []facade.Option) iter.Seq2[string, error] {
			c, err := v2_11.New(opts...)
			require.NoError(t, err)
			return idsOf(c.ListContacts(ctx, nil), func(v v2_11.Contact) string { return v.Id })
		},
	}, {
		name: "scroll-preview", scroll: true, total: 450, per: 150,
		handler: scrollHandler,
		items: func(t *testing.T, ctx context.Context, opts []facade.Option) iter.Seq2[string, error] {
			c, err := preview.New(opts...)
			require.NoError(t, err)
			return idsOf(c.ScrollOverAllCompanies(ctx, nil), func(v preview.Company) string { return idOf(v.Id) })
		},
	}}
}

func faultStyleNamed(t *testing.T, name string) faultStyle {
	t.Helper()
	for _, st := range faultStyles() {
		if st.name == name {
			return st
		}
	}
	t.Fatalf("no fault style %q", name)
	return faultStyle{}
}

// pagingFault is one fault and the typed error a listing ends with when
// the client gives up on it.
type pagingFault struct {
	name string
	f    fault
	// advances: the failure comes after Intercom received the request
	// (everything but a 429).
	advances bool
	slow     bool // needs the client timeout
	// final: a well-formed 2xx the retry layer has no reason to doubt,
	// returned as it is; the listing must still not end short on it.
	final bool
	// is checks the error's type and cause (besides the listing's
	// wrapping, checked by the runner).
	is func(t *testing.T, err error)
}

func isAPIError(code int, sentinel error) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var e *facade.Error
		if assert.ErrorAs(t, err, &e) {
			assert.Equal(t, code, e.StatusCode)
		}
		assert.ErrorIs(t, err, sentinel)
	}
}

// isTransportError: the connection was dropped before an answer. It is
// the *url.Error of the call; for a scroll on a reused connection it may
// instead be the refusal of an answer net/http got by re-sending the
// request on its own.
func isTransportError(t *testing.T, err error) {
	t.Helper()
	if errors.Is(err, facade.ErrResentByTransport) {
		return
	}
	var ue *url.Error
	if assert.ErrorAs(t, err, &ue) {
		assert.Error(t, ue.Err, "the cause is kept")
		assert.False(t, ue.Timeout())
	}
}

// isReadError: the answer's headers arrived and its body was cut off.
func isReadError(t *testing.T, err error) {
	t.Helper()
	assert.True(t, errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET), "want a cut-off body, got %v", err)
}

func isJSONError(t *testing.T, err error) {
	t.Helper()
	var se *json.SyntaxError
	assert.ErrorAs(t, err, &se)
}

func isTimeout(t *testing.T, err error) {
	t.Helper()
	var ue *url.Error
	if assert.ErrorAs(t, err, &ue) {
		assert.True(t, ue.Timeout(), "a timeout: %v", err)
	}
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

// empty200 is a 200 that claims JSON and has no body at all, as a proxy
// or a cut connection may leave it.
func empty200(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", "0")
}

func isEmptyAnswer(t *testing.T, err error) {
	t.Helper()
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

func pagingFaults() []pagingFault {
	fs := []pagingFault{
		{name: "429", f: func(w http.ResponseWriter, r *http.Request) { rateLimited(time.Now())(w, r) }, is: isAPIError(429, facade.ErrRateLimited)},
	}
	for _, code := range []int{500, 502, 503, 504} {
		fs = append(fs, pagingFault{name: strconv.Itoa(code), f: answer(code), advances: true, is: isAPIError(code, facade.ErrServer)})
	}
	return append(fs,
		pagingFault{name: "reset-before-headers", f: resetBeforeHeaders, advances: true, is: isTransportError},
		pagingFault{name: "reset-after-headers", f: resetAfterHeaders, advances: true, is: isReadError},
		pagingFault{name: "truncated-json", f: truncatedJSON, advances: true, is: isJSONError},
		pagingFault{name: "200-garbage", f: garbage200, advances: true, is: isJSONError},
		pagingFault{name: "headers-slower-than-timeout", f: slowHeaders, advances: true, slow: true, is: isTimeout},
		pagingFault{name: "200-empty", f: empty200, advances: true, final: true, is: isEmptyAnswer},
	)
}

// faultMode is how often, and on which page of three, a fault strikes.
// Together the modes put a fault on the first, a middle and the last page.
type faultMode struct {
	name  string
	page  int
	times int // -1: every request for the page
}

var faultModes = []faultMode{
	{name: "once-on-page-1", page: 1, times: 1},
	{name: "burst-on-page-2", page: 2, times: 3}, // as many as the default MaxRetries
	{name: "persistent-on-page-3", page: 3, times: -1},
}

// runFaultyListing ranges over one listing of st with in in front of its
// server, over a keep-alive connection pool that counts what it opens.
func runFaultyListing(t *testing.T, st faultStyle, in *injector, timeout time.Duration) (ids []string, errs []error, after bool) {
	t.Helper()
	srv := httptest.NewServer(st.handler(t, in))
	t.Cleanup(srv.Close)
	tt := newTestTransport(t, true)
	hc := &http.Client{Transport: countingTransport{rt: tt.Transport, c: tt.c}, Timeout: timeout}
	opts := []facade.Option{facade.WithToken("tok"), facade.WithBaseURL(srv.URL), facade.WithHTTPClient(hc), fastRetries()}
	ids, errs, after = drain(st.items(t, context.Background(), opts))
	tt.c.assertNoLeaks(t, tt.Transport)
	return ids, errs, after
}

// TestFaultPagination runs every style against every fault in every mode.
//
// Safe listings (every style but the scroll) recover from a fault that
// stops within the retry budget and yield every item exactly once; a
// persistent fault ends them after the pages before it with the typed
// error of the failure.
//
// The scroll is not re-sent once a request may have reached Intercom (see
// TestScrollIsNotResent): a 429 is retried like anywhere else, but every
// other failure ends the scroll at once with ErrScrollExpired wrapped
// around the failure, after exactly the pages before it.
func TestFaultPagination(t *testing.T) {
	for _, st := range faultStyles() {
		for _, pf := range pagingFaults() {
			for _, mode := range faultModes {
				t.Run(st.name+"/"+pf.name+"/"+mode.name, func(t *testing.T) {
					facade.CheckGoroutines(t)
					var timeout time.Duration
					if pf.slow {
						// Only these cases get a client timeout: elsewhere it would
						// close leaked bodies and hide them.
						timeout = slowTimeout
					}
					in := newInjector(pf.f, mode.page, mode.times, pf.advances)
					ids, errs, after := runFaultyListing(t, st, in, timeout)

					recovers := mode.times >= 0 && !pf.final && (!st.scroll || !pf.advances)
					if recovers {
						require.Empty(t, errs, "the listing recovers")
						assertRange(t, ids, 0, st.total)
						assert.Equal(t, mode.times+1, in.arrivals(mode.page), "requests for the faulty page")
						return
					}
					require.Len(t, errs, 1, "exactly one error")
					assert.False(t, after, "nothing after the error")
					assertRange(t, ids, 0, (mode.page-1)*st.per)
					err := errs[0]
					assert.Contains(t, err.Error(), fmt.Sprintf(": page %d", mode.page), "the error names the page")
					pf.is(t, err)
					if st.scroll && pf.advances {
						assert.ErrorIs(t, err, facade.ErrScrollExpired)
						// Sent once. Where net/http re-sent it on its own, the
						// second arrival got the next page, and was refused.
						assert.Equal(t, 1, in.arrivals(mode.page), "scroll requests for page %d", mode.page)
						return
					}
					assert.NotErrorIs(t, err, facade.ErrScrollExpired)
					if pf.final {
						assert.Equal(t, 1, in.arrivals(mode.page), "a well-formed answer is not re-sent")
						return
					}
					// The first attempt and the default 3 retries, and for a GET maybe
					// one re-send by net/http itself on a reused connection.
					assert.Contains(t, []int{4, 5}, in.arrivals(mode.page), "requests for the faulty page")
				})
			}
		}
	}
}

// refuseAt makes the at-th request (1-based) of a listing meet a real
// refused connection: the pool is emptied and the next dial goes to a
// closed port.
type refuseAt struct {
	tt *testTransport
	at int

	mu sync.Mutex
	n  int
}

func (r *refuseAt) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.n++
	if r.n == r.at {
		r.tt.CloseIdleConnections()
		r.tt.refuseNext.Store(1)
	}
	r.mu.Unlock()
	return countingTransport{rt: r.tt.Transport, c: r.tt.c}.RoundTrip(req)
}

// TestScrollIsNotResent proves the scroll's retry classification against a
// fake that, like Intercom, moves the scroll on with every request that
// reaches it and keeps one scroll_param throughout. A blind retry of a
// failed page 2 would be answered with page 3, and the loop would go on
// with companies 150..299 missing and no error. Only failures that
// provably happened before Intercom acted (a 429, a refused connection)
// are retried.
func TestScrollIsNotResent(t *testing.T) {
	cases := []struct {
		name     string
		f        fault
		advances bool
		refuse   bool // the request for page 2 meets a refused connection
		recovers bool
	}{
		{name: "503", f: answer(503), advances: true},
		{name: "500", f: answer(500), advances: true},
		{name: "truncated-json", f: truncatedJSON, advances: true},
		{name: "429", f: func(w http.ResponseWriter, r *http.Request) { rateLimited(time.Now())(w, r) }, recovers: true},
		{name: "connection-refused", refuse: true, recovers: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			facade.CheckGoroutines(t)
			var in *injector
			if tc.f != nil {
				in = newInjector(tc.f, 2, 1, tc.advances)
			}
			fake := &advancingScroll{t: t, total: 450, per: 150, in: in}
			srv := httptest.NewServer(fake)
			t.Cleanup(srv.Close)
			tt := newTestTransport(t, true)
			var rt http.RoundTripper = countingTransport{rt: tt.Transport, c: tt.c}
			if tc.refuse {
				rt = &refuseAt{tt: tt, at: 2}
			}
			c, err := v2_16.New(facade.WithToken("tok"), facade.WithBaseURL(srv.URL), facade.WithHTTPClient(&http.Client{Transport: rt}), fastRetries())
			require.NoError(t, err)

			ids, errs, after := drain(idsOf(c.ScrollOverAllCompanies(context.Background(), nil), func(v v2_16.Company) string { return idOf(v.Id) }))
			if tc.recovers {
				require.Empty(t, errs)
				assertRange(t, ids, 0, 450)
				if tc.refuse {
					assert.EqualValues(t, 1, tt.c.dialsRefused.Load())
				} else {
					assert.Equal(t, 2, in.arrivals(2), "the 429 and its retry")
				}
			} else {
				assertRange(t, ids, 0, 150)
				require.Len(t, errs, 1)
				assert.False(t, after)
				assert.ErrorIs(t, errs[0], facade.ErrScrollExpired)
				assert.Equal(t, 1, in.arrivals(2), "page 2 was requested once")
				assert.Zero(t, in.arrivals(3), "and nothing after it")
			}
			tt.c.assertNoLeaks(t, tt.Transport)
		})
	}

	// A single call through the typed API is not re-sent either.
	t.Run("single-call", func(t *testing.T) {
		facade.CheckGoroutines(t)
		in := newInjector(answer(503), 1, -1, true)
		srv := httptest.NewServer(&advancingScroll{t: t, total: 450, per: 150, in: in})
		t.Cleanup(srv.Close)
		c, err := v2_16.New(facade.WithToken("tok"), facade.WithBaseURL(srv.URL), fastRetries())
		require.NoError(t, err)
		_, err = c.API.ScrollOverAllCompaniesWithResponse(context.Background(), nil)
		var e *facade.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 503, e.StatusCode)
		assert.Equal(t, 1, in.arrivals(1))
	})
}

// TestScrollTransportResendRefused covers the re-send the client does not
// make itself: net/http silently sends a GET again when a reused
// keep-alive connection fails before the answer's first byte. For the
// scroll that second request is answered with the next page, here the
// empty page that ends the scroll, so without the guard the loop would end
// without an error after 300 of 450 companies.
func TestScrollTransportResendRefused(t *testing.T) {
	t.Run("scroll", func(t *testing.T) {
		facade.CheckGoroutines(t)
		in := newInjector(resetBeforeHeaders, 3, 1, true)
		ids, errs, after := runFaultyListing(t, faultStyleNamed(t, "scroll"), in, 0)
		assertRange(t, ids, 0, 300)
		require.Len(t, errs, 1, "an error, not a silently short list")
		assert.False(t, after)
		assert.ErrorIs(t, errs[0], facade.ErrScrollExpired)
		assert.ErrorIs(t, errs[0], facade.ErrResentByTransport)
		assert.Equal(t, 1, in.arrivals(3))
		assert.Equal(t, 1, in.arrivals(4), "net/http did re-send the request")
	})
	// The same failure on a safe list is harmless: net/http's re-send is
	// the retry, and every item comes once.
	t.Run("safe-list", func(t *testing.T) {
		facade.CheckGoroutines(t)
		in := newInjector(resetBeforeHeaders, 3, 1, true)
		ids, errs, _ := runFaultyListing(t, faultStyleNamed(t, "cursor"), in, 0)
		require.Empty(t, errs)
		assertRange(t, ids, 0, 450)
		assert.Equal(t, 2, in.arrivals(3))
	})
}

// TestScrollExpiredClassifiesFailures: which failed scroll requests end the
// scroll (it may have moved on) and which leave it resumable.
func TestScrollExpiredClassifiesFailures(t *testing.T) {
	apiErr := func(code int, body string) error { return &facade.Error{StatusCode: code, Body: []byte(body)} }
	dial := &url.Error{Op: "Get", URL: "http://x", Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}
	reset := &url.Error{Op: "Get", URL: "http://x", Err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}}
	cases := []struct {
		name string
		err  error
		sent bool // a scroll_param was sent
		want bool
	}{
		{"refused connection: never sent", dial, true, false},
		{"pacer refused before sending", fmt.Errorf("wait: %w", facade.ErrNoSlotBeforeDeadline), true, false},
		{"429: answered before acting", apiErr(429, "rate limit"), true, false},
		{"401", apiErr(401, "scroll"), true, false},
		{"403", apiErr(403, "scroll"), true, false},
		{"reset: may have arrived", reset, true, true},
		{"timeout", &url.Error{Op: "Get", URL: "http://x", Err: context.DeadlineExceeded}, true, true},
		{"resent by the transport", facade.ErrResentByTransport, true, true},
		{"500", apiErr(500, "boom"), false, true},
		{"502 on the first page", apiErr(502, ""), false, true},
		{"408", apiErr(408, ""), true, true},
		{"404 about the scroll", apiErr(404, "scroll_param not found"), true, true},
		{"404 about the scroll, none sent", apiErr(404, "scroll_param not found"), false, false},
		{"400 scroll exists", apiErr(400, "scroll already exists"), false, false},
		{"400 unrelated", apiErr(400, "bad request"), true, false},
	}
	for _, c := range cases {
		if got := facade.ScrollExpired(c.err, c.sent); got != c.want {
			t.Errorf("%s: scrollExpired = %v, want %v", c.name, got, c.want)
		}
	}
}
