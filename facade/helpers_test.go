package facade_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/preview"
	"github.com/intercom-go/intercom/gen/v2_11"
	"github.com/intercom-go/intercom/gen/v2_14"
	"github.com/intercom-go/intercom/gen/v2_16"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testToken looks like a real Intercom token; tests search output for it.
const testToken = "dG9rOmFiY2RlZjEyMzQ1Njc4OTBhYmNkZWYxMjM0NTY3ODkwMTIzNA=="

func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 && !noLeakedGoroutines() {
		code = 1
	}
	os.Exit(code)
}

// noLeakedGoroutines waits briefly for HTTP goroutines started by the
// tests to end and reports any that remain.
func noLeakedGoroutines() bool {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		t.CloseIdleConnections()
	}
	var stacks string
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		buf := make([]byte, 1<<20)
		stacks = string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(stacks, "net/http.(*persistConn)") &&
			!strings.Contains(stacks, "net/http.(*conn).serve") &&
			!strings.Contains(stacks, "net/http/httptest") {
			return true
		}
	}
	fmt.Fprintf(os.Stderr, "leaked goroutines:\n%s\n", stacks)
	return false
}

// jsonServer starts a loopback server answering every request with status,
// headers and body, and recording the requests.
type jsonServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []*http.Request
}

func newJSONServer(t *testing.T, status int, header http.Header, body string) *jsonServer {
	t.Helper()
	s := &jsonServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.reqs = append(s.reqs, r.Clone(context.Background()))
		s.mu.Unlock()
		for k, vs := range header {
			w.Header()[k] = vs
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *jsonServer) requests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.reqs...)
}

// regionNet routes the API's region hosts (and any extra hosts) to one
// loopback TLS server whose certificate names them, so requests go to the
// real https://api.<region>.intercom.io URLs, with real host names, SNI and
// certificate checks, yet never leave the machine.
type regionNet struct {
	srv    *httptest.Server
	client *http.Client // trusts the test CA; dials only the test server
}

func newRegionNet(t *testing.T, h http.Handler, extraHosts ...string) *regionNet {
	t.Helper()
	hosts := append([]string(nil), extraHosts...)
	for _, u := range facade.RegionURLs {
		hosts = append(hosts, strings.TrimPrefix(u, "https://"))
	}
	cert, leaf := selfSigned(t, hosts)
	srv := httptest.NewUnstartedServer(h)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.StartTLS()
	t.Cleanup(srv.Close)

	allowed := map[string]bool{}
	for _, h := range hosts {
		allowed[h] = true
	}
	addr := srv.Listener.Addr().String()
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(a)
			if err != nil || port != "443" || !allowed[host] {
				return nil, fmt.Errorf("test network: refusing to dial %s", a)
			}
			var d net.Dialer
			return d.DialContext(ctx, "tcp", addr)
		},
		TLSClientConfig: &tls.Config{RootCAs: pool},
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &regionNet{srv: srv, client: &http.Client{Transport: tr}}
}

// selfSigned makes a certificate for hosts, valid for an hour.
func selfSigned(t *testing.T, hosts []string) (tls.Certificate, *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "facade test"},
		NotBefore:             time.Now().Add(-time.Minute),
		NotAfter:              time.Now().Add(time.Hour),
		DNSNames:              hosts,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	leaf, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, leaf
}

// syncBuffer is a bytes.Buffer safe for a logger used by concurrent
// requests.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fastRetries keeps the default retry behaviour but with millisecond waits,
// for tests about something else that meet 5xx and 429 answers.
func fastRetries() facade.Option {
	p := facade.DefaultRetryPolicy()
	p.BaseDelay, p.MaxDelay = time.Millisecond, 2*time.Millisecond
	p.MaxRateLimitWait, p.RateLimitJitter = 5*time.Millisecond, time.Millisecond
	return facade.WithRetryPolicy(p)
}

// coreOf is the *facade.Core a generated client embeds.
func coreOf(t *testing.T, c any) *facade.Core {
	t.Helper()
	v := reflect.ValueOf(c)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	core, ok := v.FieldByName("Core").Interface().(*facade.Core)
	require.True(t, ok, "%T embeds no *facade.Core", c)
	require.NotNil(t, core, "%T embeds no *facade.Core", c)
	return core
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// typedCase drives one typed client: listTags builds it with opts, calls
// the generated ListTagsWithResponse and returns the first tag's name as
// that version's types decode it.
type typedCase struct {
	version  string
	listTags func(ctx context.Context, opts ...facade.Option) (string, error)
}

// tagsBody is a ListTags answer every version decodes.
const tagsBody = `{"type":"list","data":[{"type":"tag","id":"17","name":"vip","applied_at":1700000000}]}`

var typedCases = []typedCase{
	{v2_11.Version, func(ctx context.Context, opts ...facade.Option) (string, error) {
		c, err := v2_11.New(opts...)
		if err != nil {
			return "", err
		}
		resp, err := c.API.ListTagsWithResponse(ctx)
		if err != nil {
			return "", err
		}
		if resp.JSON200 == nil || len(resp.JSON200.Data) == 0 {
			return "", fmt.Errorf("not decoded: %s", resp.Body)
		}
		// In 2.11 a tag's name is a required string.
		var name string = resp.JSON200.Data[0].Name
		return name, nil
	}},
	{v2_14.Version, func(ctx context.Context, opts ...facade.Option) (string, error) {
		c, err := v2_14.New(opts...)
		if err != nil {
			return "", err
		}
		resp, err := c.API.ListTagsWithResponse(ctx)
		if err != nil {
			return "", err
		}
		if resp.JSON200 == nil || len(resp.JSON200.Data) == 0 {
			return "", fmt.Errorf("not decoded: %s", resp.Body)
		}
		return facade.Deref(resp.JSON200.Data[0].Name), nil
	}},
	{v2_16.Version, func(ctx context.Context, opts ...facade.Option) (string, error) {
		c, err := v2_16.New(opts...)
		if err != nil {
			return "", err
		}
		resp, err := c.API.ListTagsWithResponse(ctx)
		if err != nil {
			return "", err
		}
		if resp.JSON200 == nil || len(resp.JSON200.Data) == 0 {
			return "", fmt.Errorf("not decoded: %s", resp.Body)
		}
		// From 2.14 on it is optional: a *string.
		var name *string = resp.JSON200.Data[0].Name
		return facade.Deref(name), nil
	}},
	{preview.Version, func(ctx context.Context, opts ...facade.Option) (string, error) {
		c, err := preview.New(opts...)
		if err != nil {
			return "", err
		}
		resp, err := c.API.ListTagsWithResponse(ctx)
		if err != nil {
			return "", err
		}
		if resp.JSON200 == nil || len(resp.JSON200.Data) == 0 {
			return "", fmt.Errorf("not decoded: %s", resp.Body)
		}
		return facade.Deref(resp.JSON200.Data[0].Name), nil
	}},
}

// A new generated version must be added to typedCases, or the region and
// header tests would silently skip it.
func TestTypedCasesCoverEveryGeneratedClient(t *testing.T) {
	var got []string
	for _, tc := range typedCases {
		got = append(got, tc.version)
	}
	require.Equal(t, typedVersions, got, "typedCases cover other versions than versions.gen.go generates")
	require.Equal(t, v2_16.Version, facade.DefaultVersion, "DefaultVersion: New is typed for %q", v2_16.Version)
}

// fakeToken is shaped like *oauth2.Token: fields plus SetAuthHeader.
type fakeToken struct {
	AccessToken string
	TokenType   string
}

func (t *fakeToken) SetAuthHeader(r *http.Request) {
	typ := t.TokenType
	if typ == "" {
		typ = "Bearer"
	}
	r.Header.Set("Authorization", typ+" "+t.AccessToken)
}

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
	assert.Equal(t, c.bodiesOpen.Load(), c.bodiesShut.Load(), "response bodies: returned (expected) and closed (actual)")
	tr.CloseIdleConnections()
	deadline := time.Now().Add(2 * time.Second)
	for c.connsOpen.Load() != c.connsShut.Load() && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
		tr.CloseIdleConnections()
	}
	o, s := c.connsOpen.Load(), c.connsShut.Load()
	assert.Equal(t, o, s, "connections: %d opened, %d still open", o, o-s)
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
	require.NoError(t, err)
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
	require.NoError(t, err)
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

// pathPattern matches the paths of a template, a segment per parameter.
func pathPattern(template string) *regexp.Regexp {
	segs := strings.Split(template, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") {
			segs[i] = "[^/]+"
		} else {
			segs[i] = regexp.QuoteMeta(s)
		}
	}
	return regexp.MustCompile("^" + strings.Join(segs, "/") + "$")
}
