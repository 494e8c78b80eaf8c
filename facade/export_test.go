package facade

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What the external tests (package facade_test, which may import the
// generated clients) reach of the package's internals, and the helpers
// both test packages share: this is the shared helpers file of package
// facade's tests, as helpers_test.go is that of package facade_test.

var (
	OperationPath        = operationPath
	BasePathOf           = basePathOf
	DecodeTyped          = decodeTyped
	DecodePage           = decodePage
	SafeMethods          = safeMethods
	CanonicalVersion     = canonicalVersion
	ErrResentByTransport = errResentByTransport
	ErrTooManyRedirects  = errTooManyRedirects
	Limited              = limited
	ModulePath           = modulePath
	MustWait             = mustWait
	NeverSent            = neverSent
	RegionURLs           = regionURLs
	RegionsOf            = regionsOf
	ScrollExpired        = scrollExpired
	Servers              = servers
	SleepCtx             = sleepCtx
	Transient            = transient
	VersionIn            = versionIn
	WithAttempt          = withAttempt
)

const (
	DefaultAccept        = defaultAccept
	FormerPreviewVersion = formerPreviewVersion
	MaxReadAhead         = maxReadAhead
	Redacted             = redacted
)

type PanickyTransport = panickyTransport

// RetryTableOf is the retry table c was built with.
func RetryTableOf(c *Core) *RetryTable { return c.cfg.retry.table }

// ClassifyRequest is t.classify.
func ClassifyRequest(t *RetryTable, req *http.Request, basePath string) (RetryClass, *RetryRoute) {
	return t.classify(req, basePath)
}

// ConfigString prints c's configuration as %+v does, for the tests that
// prove no secret is printed from anywhere.
func ConfigString(c *Core) string { return fmt.Sprintf("%+v", c.cfg) }

// Routes are t's entries, in place.
func Routes(t *RetryTable) []RetryRoute { return t.routes }

// PacerState is l's view of the current window.
func PacerState(l *Pacer) (known bool, limit, remaining int, reset time.Time, inflight int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.known, l.limit, l.remaining, l.reset, l.inflight
}

// SetPacerSleep replaces l's sleep.
func SetPacerSleep(l *Pacer, sleep func(context.Context, time.Duration) error) { l.sleep = sleep }

// CheckGoroutines fails the test if, after every later cleanup has run
// (servers closed, idle connections dropped), more goroutines are alive
// than when it was called. Call it first in a test.
func CheckGoroutines(t *testing.T) {
	t.Helper()
	base := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(3 * time.Second)
		for {
			n := runtime.NumGoroutine()
			if n <= base {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				assert.Failf(t, "goroutines leaked", "%d at start, %d after the test\n%s", base, n, buf)
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	})
}

// WithRetrySeams installs test clocks into a client's retry machinery;
// nil arguments keep the real ones.
func WithRetrySeams(now func() time.Time, sleep func(context.Context, time.Duration) error, rnd func(int64) int64) Option {
	return func(c *config) error {
		c.retry.now, c.retry.sleep, c.retry.rnd = now, sleep, rnd
		return nil
	}
}

// MaxJitter makes every random draw its upper bound minus one, so that
// expected waits are exact.
func MaxJitter(n int64) int64 { return n - 1 }

// fakeClock is a clock that only moves when a pacer sleeps on it.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.t = c.t.Add(d)
	return nil
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func (c *fakeClock) takeSleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sleeps
	c.sleeps = nil
	return s
}

func newFakePacer() (*Pacer, *fakeClock) {
	fc := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	l := NewRateLimiter()
	l.now, l.sleep = fc.now, fc.sleep
	return l, fc
}

// limited is an answer carrying Intercom's rate-limit headers.
func limited(status, limit, remaining int, reset time.Time) *http.Response {
	h := http.Header{}
	h.Set("X-RateLimit-Limit", fmt.Sprint(limit))
	h.Set("X-RateLimit-Remaining", fmt.Sprint(remaining))
	h.Set("X-RateLimit-Reset", fmt.Sprint(reset.Unix()))
	return &http.Response{StatusCode: status, Header: h}
}

func mustWait(t *testing.T, l *Pacer) {
	t.Helper()
	require.NoError(t, l.wait(context.Background()))
}

// wait is Wait with a bound far beyond the holds these tests set.
func (l *Pacer) wait(ctx context.Context) error { return l.Wait(ctx, 24*time.Hour) }

// SetExportClock fixes when an export made with o begins (for the external
// tests).
func SetExportClock(o *ExportOptions, at time.Time) { o.now = func() time.Time { return at } }
