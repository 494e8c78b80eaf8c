package facade_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// counters tracks connections and response bodies so that a test can
// prove every body was closed and no connection was left behind.
type counters struct {
	dials, dialsRefused    atomic.Int64
	connsOpen, connsShut   atomic.Int64
	bodiesOpen, bodiesShut atomic.Int64
}

type countingConn struct {
	net.Conn
	once sync.Once
	c    *counters
}

func (cc *countingConn) Close() error {
	cc.once.Do(func() { cc.c.connsShut.Add(1) })
	return cc.Conn.Close()
}

type countingBody struct {
	io.ReadCloser
	once sync.Once
	c    *counters
}

func (b *countingBody) Close() error {
	b.once.Do(func() { b.c.bodiesShut.Add(1) })
	return b.ReadCloser.Close()
}

// countingTransport wraps every response body it returns.
type countingTransport struct {
	rt http.RoundTripper
	c  *counters
}

func (t countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.rt.RoundTrip(req)
	if resp != nil && resp.Body != nil {
		t.c.bodiesOpen.Add(1)
		resp.Body = &countingBody{ReadCloser: resp.Body, c: t.c}
	}
	return resp, err
}

// assertNoLeaks checks that every body was closed and that, once idle
// connections are dropped, every connection is closed: a body left open
// would keep its connection busy and so open.
func (c *counters) assertNoLeaks(t *testing.T, tr *http.Transport) {
	t.Helper()
	if o, s := c.bodiesOpen.Load(), c.bodiesShut.Load(); o != s {
		t.Errorf("response bodies: %d returned, %d closed", o, s)
	}
	tr.CloseIdleConnections()
	deadline := time.Now().Add(2 * time.Second)
	for c.connsOpen.Load() != c.connsShut.Load() && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
		tr.CloseIdleConnections()
	}
	if o, s := c.connsOpen.Load(), c.connsShut.Load(); o != s {
		t.Errorf("connections: %d opened, %d still open", o, o-s)
	}
}

// testTransport is an HTTP transport with its own connection pool that
// counts what it opens; refuseNext makes the next dial go to a closed
// port, a real "connection refused".
type testTransport struct {
	*http.Transport
	c          *counters
	refuseNext atomic.Int64
	closedAddr string
}

func newTestTransport(t *testing.T, keepAlive bool) *testTransport {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := ln.Addr().String()
	ln.Close()
	tt := &testTransport{c: &counters{}, closedAddr: closedAddr}
	var d net.Dialer
	tt.Transport = &http.Transport{
		DisableKeepAlives: !keepAlive,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			tt.c.dials.Add(1)
			if tt.refuseNext.Load() > 0 {
				tt.refuseNext.Add(-1)
				tt.c.dialsRefused.Add(1)
				addr = tt.closedAddr
			}
			conn, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			tt.c.connsOpen.Add(1)
			return &countingConn{Conn: conn, c: tt.c}, nil
		},
	}
	t.Cleanup(tt.CloseIdleConnections)
	return tt
}

// sleepLog replaces real waits: it records each requested wait and
// returns at once (or with ctx's error when ctx is done).
type sleepLog struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepLog) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepLog) get() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// fault is one scripted misbehaviour of the fake API server. It returns
// after it has answered (or failed to answer) the request.
type fault func(w http.ResponseWriter, r *http.Request)

// fakeAPI is an httptest server speaking enough of Intercom's API for
// the retry tests: GET /tags, POST /contacts/search (read-only) and
// POST /contacts (a write). Each request consumes the next scripted
// fault; when none is left it answers normally.
type fakeAPI struct {
	*httptest.Server
	mu     sync.Mutex
	faults []fault
	hits   map[string]int
	bodies map[string][]string
}

const (
	tagsJSON    = `{"type":"list","data":[{"type":"tag","id":"1","name":"vip"}]}`
	searchJSON  = `{"type":"list","data":[{"type":"contact","id":"c1"}],"total_count":1}`
	contactJSON = `{"type":"contact","id":"c2","email":"a@example.com"}`
	contactBody = `{"email":"a@example.com"}`
	searchBody  = `{"query":{"field":"email","operator":"=","value":"a@example.com"}}`
)

func newFakeAPI(t *testing.T, faults ...fault) *fakeAPI {
	t.Helper()
	f := &fakeAPI{faults: faults, hits: map[string]int{}, bodies: map[string][]string{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	key := r.Method + " " + r.URL.Path
	f.mu.Lock()
	f.hits[key]++
	f.bodies[key] = append(f.bodies[key], string(body))
	var next fault
	if len(f.faults) > 0 {
		next, f.faults = f.faults[0], f.faults[1:]
	}
	f.mu.Unlock()
	if next != nil {
		next(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch key {
	case "GET /tags":
		io.WriteString(w, tagsJSON)
	case "POST /contacts/search":
		io.WriteString(w, searchJSON)
	case "POST /contacts":
		io.WriteString(w, contactJSON)
	default:
		http.NotFound(w, r)
	}
}

func (f *fakeAPI) hitCount(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[key]
}

func (f *fakeAPI) bodiesOf(key string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.bodies[key]...)
}

// answer is a fault that replies with a status, headers and an error body.
func answer(code int, hdr ...string) fault {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(hdr); i += 2 {
			w.Header().Set(hdr[i], hdr[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		fmt.Fprintf(w, `{"type":"error.list","request_id":"r1","errors":[{"code":"e%d","message":"injected"}]}`, code)
	}
}

// rateLimited is Intercom's 429 for an exhausted window ending at reset.
func rateLimited(reset time.Time) fault {
	return func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-RateLimit-Limit", "100")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", fmt.Sprint(reset.Unix()))
		h.Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		io.WriteString(w, `{"type":"error.list","request_id":"r1","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}]}`)
	}
}

// hijack takes the raw connection, writes raw (if any) and closes it,
// with a TCP reset when rst is set.
func hijack(w http.ResponseWriter, raw string, rst bool) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err) // test server misuse, not input
	}
	if raw != "" {
		buf.WriteString(raw)
		buf.Flush()
	}
	if tc, ok := conn.(*net.TCPConn); ok && rst {
		tc.SetLinger(0)
	}
	conn.Close()
}

// resetBeforeHeaders drops the connection with a TCP reset after the
// request arrived and before any answer.
func resetBeforeHeaders(w http.ResponseWriter, r *http.Request) { hijack(w, "", true) }

// resetAfterHeaders sends a 200's headers and part of its body, then a
// TCP reset.
func resetAfterHeaders(w http.ResponseWriter, r *http.Request) {
	hijack(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"+`{"type":"list","data":[`, true)
}

// shortBody announces a longer body than it sends, then closes cleanly.
func shortBody(w http.ResponseWriter, r *http.Request) {
	hijack(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n"+`{"type":"list","data":[`, false)
}

// truncatedJSON is a well-framed 200 whose JSON stops half way.
func truncatedJSON(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"type":"list","data":[{"type":"tag","id":"1"`)
}

// garbage200 is a 200 claiming JSON and carrying something else.
func garbage200(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	io.WriteString(w, "<html><body>502 Bad Gateway</body></html>")
}

// slowHeaders answers nothing until the client gives up on the request.
func slowHeaders(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(5 * time.Second):
	}
}

// newRetryClient builds a 2.16 client for f's server over tt, with
// waits recorded instead of slept.
func newRetryClient(t *testing.T, f *fakeAPI, tt *testTransport, timeout time.Duration, opts ...facade.Option) (*v2_16.Client, *sleepLog) {
	t.Helper()
	sl := &sleepLog{}
	hc := &http.Client{Transport: countingTransport{rt: tt.Transport, c: tt.c}, Timeout: timeout}
	all := append([]facade.Option{
		facade.WithToken("tok"), facade.WithBaseURL(f.URL), facade.WithHTTPClient(hc),
		facade.WithRetrySeams(nil, sl.sleep, facade.MaxJitter),
	}, opts...)
	c, err := v2_16.New(all...)
	if err != nil {
		t.Fatal(err)
	}
	return c, sl
}

// op is one generated call the fault tests drive.
type op struct {
	name  string
	key   string // fakeAPI hit key
	safe  bool
	body  string
	check func(c *v2_16.Client, ctx context.Context) error
}

var testOps = []op{
	{name: "get", key: "GET /tags", safe: true, check: func(c *v2_16.Client, ctx context.Context) error {
		resp, err := c.API.ListTagsWithResponse(ctx)
		if err != nil {
			return err
		}
		if resp.JSON200 == nil || len(resp.JSON200.Data) != 1 {
			return fmt.Errorf("decoded %s", resp.Body)
		}
		return nil
	}},
	{name: "read-only-post", key: "POST /contacts/search", safe: true, body: searchBody, check: func(c *v2_16.Client, ctx context.Context) error {
		resp, err := c.API.SearchContactsWithBodyWithResponse(ctx, nil, "application/json", strings.NewReader(searchBody))
		if err != nil {
			return err
		}
		if resp.JSON200 == nil || len(resp.JSON200.Data) != 1 {
			return fmt.Errorf("decoded %s", resp.Body)
		}
		return nil
	}},
	{name: "write-post", key: "POST /contacts", body: contactBody, check: func(c *v2_16.Client, ctx context.Context) error {
		resp, err := c.API.CreateContactWithBodyWithResponse(ctx, "application/json", bytes.NewReader([]byte(contactBody)))
		if err != nil {
			return err
		}
		if resp.JSON200 == nil || string(resp.Body) != contactJSON {
			return fmt.Errorf("decoded %s", resp.Body)
		}
		return nil
	}},
}
