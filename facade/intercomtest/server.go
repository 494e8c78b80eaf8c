package intercomtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercom-go/intercom/facade"
	"github.com/intercom-go/intercom/gen/v2_16"
)

// DefaultToken is the access token a Server accepts unless WithToken says
// otherwise.
const DefaultToken = "intercomtest-token"

// maxBody caps how much of a request body the fake reads and records.
const maxBody = 8 << 20

// Server is a running fake Intercom. Its methods are safe for concurrent
// use, including while requests are being served.
type Server struct {
	url      string
	hs       *http.Server
	served   chan struct{} // closed when Serve returns
	done     chan struct{} // closed by Close; wakes injected latency
	inflight sync.WaitGroup
	close    sync.Once

	token    string
	now      func() time.Time
	versions map[string]bool

	mu     sync.Mutex // guards everything below
	st     *store
	reqs   []Request
	faults []*faultEntry
	rl     rateLimiter
	reqSeq int64
	tz     *time.Location // the workspace's timezone
}

// Option configures a Server at start.
type Option func(*Server)

// WithToken makes the server accept token instead of DefaultToken.
func WithToken(token string) Option {
	return func(s *Server) { s.token = token }
}

// WithClock makes the server read the time from now, for timestamps
// (created_at, updated_at) and rate-limit windows.
func WithClock(now func() time.Time) Option {
	return func(s *Server) {
		if now != nil {
			s.now = now
		}
	}
}

// WithTimezone sets the workspace's timezone (UTC by default): GET /me
// reports it as the app's timezone, and contact searches compare Date
// fields by calendar day in it, as Intercom documents.
func WithTimezone(loc *time.Location) Option {
	return func(s *Server) {
		if loc != nil {
			s.tz = loc
		}
	}
}

// WithRateLimit sets how many requests the server accepts per window before
// answering 429, and what the X-RateLimit-* headers report. The default is
// Intercom's for a private app: 10,000 requests a minute, enforced (and
// reported) as 1,667 per 10-second window.
func WithRateLimit(limit int, window time.Duration) Option {
	return func(s *Server) {
		if limit > 0 && window > 0 {
			s.rl.limit, s.rl.window = limit, window
		}
	}
}

// New starts a Server for a test and closes it when the test ends. It stops
// the test if the server cannot start.
func New(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s, err := Start(opts...)
	if err != nil {
		tb.Fatal(err)
		return nil
	}
	tb.Cleanup(s.Close)
	return s
}

// Start starts a Server outside a test (in an example program, say). The
// caller must Close it.
func Start(opts ...Option) (*Server, error) {
	s := &Server{
		token:    DefaultToken,
		now:      time.Now,
		versions: knownVersions(),
		served:   make(chan struct{}),
		done:     make(chan struct{}),
		rl:       rateLimiter{limit: defaultRateLimit, window: defaultRateWindow},
		tz:       time.UTC,
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	s.st = newStore(s.now)
	// Loopback only: the fake must never be reachable from the network.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("intercom: starting intercomtest on loopback: %w", err)
	}
	s.url = "http://" + ln.Addr().String()
	s.hs = &http.Server{Handler: http.HandlerFunc(s.serveHTTP), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.served)
		_ = s.hs.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return s, nil
}

// URL is the base URL of the fake API, http://127.0.0.1:PORT.
func (s *Server) URL() string { return s.url }

// Token is the access token the server accepts.
func (s *Server) Token() string { return s.token }

// Options returns the facade options that point a client at this server:
// its token and base URL. Use them with preview.New and the like.
func (s *Server) Options() []facade.Option {
	return []facade.Option{facade.WithToken(s.token), facade.WithBaseURL(s.url)}
}

// Client returns a client for the default API version wired to this
// server; opts are applied after the server's own.
func (s *Server) Client(opts ...facade.Option) (*v2_16.Client, error) {
	return v2_16.New(append(s.Options(), opts...)...)
}

// Close stops the server, ends requests held by injected latency and waits
// for every handler to return. It is safe to call more than once.
func (s *Server) Close() {
	s.close.Do(func() {
		close(s.done)
		_ = s.hs.Close()
		<-s.served
		s.inflight.Wait()
	})
}

// serveHTTP runs every request through the same steps Intercom does, as far
// as a test can tell: faults, authentication, version check, rate limit,
// then the endpoint.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.inflight.Add(1)
	defer s.inflight.Done()

	body, err := readBody(r)
	idx := s.record(r, body)
	rw := &statusWriter{ResponseWriter: w}
	defer func() { s.setStatus(idx, rw.status) }()

	reqID := s.requestID()
	rw.Header().Set("X-Request-Id", reqID)

	f := s.takeFault(r)
	if f != nil {
		if f.Latency > 0 && !s.sleep(r.Context(), f.Latency) {
			return
		}
		if f.Reset {
			resetConn(w)
			return
		}
		if f.Status != 0 {
			s.writeFault(rw, reqID, f.Status)
			return
		}
	}
	if err != nil {
		respondError(rw, reqID, errInvalid(http.StatusBadRequest, "", "request body could not be read"))
		return
	}
	if !s.authorized(r) {
		respondError(rw, reqID, &apiError{status: http.StatusUnauthorized, code: "unauthorized", msg: "Access Token Invalid"})
		return
	}
	if v := r.Header.Get("Intercom-Version"); v != "" && !s.versions[v] {
		respondError(rw, reqID, &apiError{status: http.StatusBadRequest, code: "intercom_version_invalid",
			msg: fmt.Sprintf("The requested version %q could not be found", v)})
		return
	}
	if !s.takeRate(rw) {
		respondError(rw, reqID, &apiError{status: http.StatusTooManyRequests, code: "rate_limit_exceeded", msg: "You have exceeded the rate limit"})
		return
	}
	rt, params := matchRoute(r.Method, r.URL.EscapedPath())
	if rt == nil {
		respondError(rw, reqID, &apiError{status: http.StatusNotFound, code: "not_found",
			msg: fmt.Sprintf("intercomtest does not serve %s %s", r.Method, r.URL.Path)})
		return
	}
	c := &call{r: r, params: params, body: body, status: http.StatusOK}
	s.mu.Lock()
	out, herr := rt.h(s, c)
	s.mu.Unlock()
	if herr != nil {
		var ae *apiError
		if !errors.As(herr, &ae) {
			ae = &apiError{status: http.StatusInternalServerError, code: "server_error", msg: herr.Error()}
		}
		respondError(rw, reqID, ae)
		return
	}
	respond(rw, c.status, out)
}

// authorized checks the bearer token as Intercom does: exact match.
func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	return ok && tok == s.token
}

// sleep waits d unless the request is cancelled or the server closes; it
// reports whether the full delay passed.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}

// requestID returns a fresh id in Intercom's format (a UUID).
func (s *Server) requestID() string {
	s.mu.Lock()
	s.reqSeq++
	n := s.reqSeq
	s.mu.Unlock()
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", n)
}

// knownVersions is every Intercom-Version value the generated
// descriptions define (facade.KnownVersions): what Intercom accepts.
func knownVersions() map[string]bool {
	m := map[string]bool{}
	for _, v := range facade.KnownVersions() {
		m[v] = true
	}
	return m
}

// statusWriter remembers the status written, for the request record.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}
